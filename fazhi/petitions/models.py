"""Petitions (信访事项), their petitioners, handling records, 复查/复核, follow-ups and reception days.

Every petition belongs to the unit it concerns (a grid, a community or the subdistrict) — that is its
data scope. Deadlines are stored as dates (the statutory rule of each is in rules.py); the local
dates (`received_on`, `accepted_on`, `concluded_on` …) serve the indicators without time zones.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.crypto import EncryptedTextField
from fazhi.org.models import Unit


class Channel(models.TextChoices):
    LETTER = "letter", "来信"
    VISIT = "visit", "来访"
    ONLINE = "online", "网上信访"
    PHONE = "phone", "电话"
    FAX = "fax", "传真"


class Category(models.TextChoices):
    SUGGESTION = "suggestion", "建议意见类"
    ACCUSATION = "accusation", "检举控告类"
    CLAIM = "claim", "申诉求决类"


class Status(models.TextChoices):
    REGISTERED = "registered", "已登记待转办"
    ACCEPTED = "accepted", "已受理办理中"
    TRANSFERRED = "transferred", "已转送"
    ASSIGNED = "assigned", "已交办待反馈"
    REDIRECTED = "redirected", "已导入法定途径"
    DECLINED = "declined", "不予受理"
    CLOSED = "closed", "已办结"
    REPLIED = "replied", "已答复"
    REVIEW_REQUESTED = "review_requested", "复查申请待决定"
    REVIEWING = "reviewing", "复查中"
    REVIEWED = "reviewed", "已复查"
    RE_REVIEW_REQUESTED = "re_review_requested", "复核申请待决定"
    RE_REVIEWING = "re_reviewing", "复核中"
    FINAL = "final", "已终结"


OPEN_STATUSES = (
    Status.REGISTERED,
    Status.ACCEPTED,
    Status.ASSIGNED,
    Status.REVIEW_REQUESTED,
    Status.REVIEWING,
    Status.RE_REVIEW_REQUESTED,
    Status.RE_REVIEWING,
)
# Statuses in which the matter has an answer (for "concluded" indicators).
CONCLUDED_STATUSES = (
    Status.CLOSED,
    Status.REPLIED,
    Status.REVIEW_REQUESTED,
    Status.REVIEWING,
    Status.REVIEWED,
    Status.RE_REVIEW_REQUESTED,
    Status.RE_REVIEWING,
    Status.FINAL,
)


class Route(models.TextChoices):
    ACCEPT = "accept", "受理（本机关办理）"
    TRANSFER = "transfer", "转送"
    ASSIGN = "assign", "交办"
    REDIRECT = "redirect", "诉访分离（导入法定途径）"
    DECLINE = "decline", "不予受理"


class LegalProcedure(models.TextChoices):
    ADMIN_REVIEW = "admin_review", "行政复议"
    ADMIN_LITIGATION = "admin_litigation", "行政诉讼"
    CIVIL_LITIGATION = "civil_litigation", "民事诉讼"
    ARBITRATION = "arbitration", "仲裁"
    LABOUR_ARBITRATION = "labour_arbitration", "劳动仲裁"


class Outcome(models.TextChoices):
    SUPPORT = "support", "支持"
    EXPLAIN = "explain", "解释说明"
    REJECT = "reject", "不予支持"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class Reception(models.Model):
    """A leader reception day (领导接访日): who receives, when, where; petitions registered from it."""

    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="所属单位")
    on = models.DateField("接访日期")
    place = models.CharField("接访地点", max_length=100)
    topic = models.CharField("接访主题", max_length=200, blank=True)
    notes = models.TextField("接访情况", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "领导接访日"
        verbose_name_plural = "领导接访日"
        ordering = ["-on", "-id"]
        constraints = [models.UniqueConstraint(fields=["leader", "on"], name="reception_leader_day")]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.place}"


class Petition(models.Model):
    SEARCH_FIELDS = ("title", "content")  # what search_text is made of (core.search.fill)

    case_number = models.CharField("案件编号", max_length=40, unique=True)
    channel = models.CharField("来源渠道", max_length=16, choices=Channel.choices)
    received_on = models.DateField("收到日期", db_index=True)
    category = models.CharField("类别", max_length=16, choices=Category.choices)
    title = models.CharField("事由", max_length=200)
    content = models.TextField("信访内容")
    place = models.CharField("发生地点", max_length=200, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="所涉单位")
    is_group = models.BooleanField("集体访", default=False)
    group_size = models.PositiveIntegerField("来访人数", null=True, blank=True)
    skip_level = models.BooleanField("越级访", default=False)
    notice_required = models.BooleanField("须书面告知", default=True)
    reception = models.ForeignKey(
        Reception, on_delete=models.SET_NULL, null=True, blank=True, related_name="petitions"
    )
    origin_type = models.CharField("来源记录类型", max_length=60, blank=True)
    origin_id = models.CharField("来源记录", max_length=64, blank=True)
    status = models.CharField("状态", max_length=24, choices=Status.choices, default=Status.REGISTERED)
    # Repeat detection: the content's tokens (space-separated) and what registration found.
    tokens = models.TextField(blank=True, editable=False)
    # Full-text search (fazhi.core.search): the segmented title and content, indexed by the database.
    search_text = models.TextField(editable=False, blank=True, default="")
    repeat_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="repeats"
    )
    flags = models.JSONField("登记提示", default=list, blank=True)
    # Routing (Art. 22–23).
    route_due = models.DateField("转办期限", null=True, blank=True)
    notice_due = models.DateField("告知期限", null=True, blank=True)
    notice_sent_on = models.DateField("告知日期", null=True, blank=True)
    route = models.CharField("处理方式", max_length=16, choices=Route.choices, blank=True)
    routed_on = models.DateField("转办日期", null=True, blank=True)
    route_target = models.CharField("转送/交办机关", max_length=100, blank=True)
    route_reason = models.TextField("理由", blank=True)
    legal_procedure = models.CharField("法定途径", max_length=24, choices=LegalProcedure.choices, blank=True)
    objection_due = models.DateField("异议期限", null=True, blank=True)
    feedback_due = models.DateField("反馈期限", null=True, blank=True)
    # Handling (Art. 31–34).
    case_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    handling_due = models.DateField("办理期限", null=True, blank=True)
    extension_days = models.PositiveIntegerField("延长天数", default=0)
    extension_reason = models.TextField("延期理由", blank=True)
    extension_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    extended_on = models.DateField("延期批准日期", null=True, blank=True)
    # Reply (Art. 32; 鲁 Art. 41).
    outcome = models.CharField("处理意见", max_length=16, choices=Outcome.choices, blank=True)
    reply_request = models.TextField("投诉请求", blank=True)
    reply_facts = models.TextField("事实和理由", blank=True)
    reply_opinion = models.TextField("处理意见", blank=True)
    reply_basis = models.TextField("法律法规依据", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    # Not indexed on its own: "concluded_on IS NULL" is a third of all matters, and without statistics
    # SQLite took such an index for a lookup of ten rows and walked every open matter with it (the
    # dashboard's late claims; `petition_open_due` below serves them).
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    window_due = models.DateField("复查/复核申请期限", null=True, blank=True)
    final_on = models.DateField("终结日期", null=True, blank=True)
    final_reason = models.CharField("终结原因", max_length=100, blank=True)
    follow_up_due = models.DateField("回访期限", null=True, blank=True)
    satisfaction = models.CharField("满意度", max_length=16, choices=Satisfaction.choices, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "信访事项"
        verbose_name_plural = "信访事项"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["status", "received_on"], name="petition_status"),
            # The dashboard's live count of claims past their 60 days unconcluded: only the open matters
            # with a handling clock are in it, so the count walks those past due, not the year's open
            # matters (transferred, redirected and declined ones never conclude here). The condition holds
            # no parameter: SQLite uses a partial index only when the query repeats its terms literally.
            models.Index(
                fields=["handling_due"],
                condition=models.Q(concluded_on__isnull=True, handling_due__isnull=False),
                name="petition_open_due",
            ),
            models.Index(fields=["case_leader", "status"], name="petition_leader"),
            # The list order (newest first): a search for a common word walks it and stops at a page.
            models.Index(fields=["received_on", "id"], name="petition_recent"),
            # Matters whose written notice (书面告知) is still to be sent, oldest first: the overdue alert
            # and filter find them without walking every matter of every status (a handful at any time).
            models.Index(
                fields=["received_on", "id"],
                condition=models.Q(notice_required=True, notice_sent_on__isnull=True),
                name="petition_notice_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.title}"


class Petitioner(models.Model):
    """One person on a petition. Personal data encrypted; found by blind index only."""

    class Role(models.TextChoices):
        PETITIONER = "petitioner", "信访人"
        REPRESENTATIVE = "representative", "代表"
        AGENT = "agent", "代理人"

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="petitioners")
    role = models.CharField("身份", max_length=16, choices=Role.choices, default=Role.PETITIONER)
    name = models.CharField("姓名", max_length=60)
    id_number = EncryptedTextField("身份证号", blank=True, default="")
    id_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    phone = EncryptedTextField("联系电话", blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    address = EncryptedTextField("住址", blank=True, default="")

    class Meta:
        verbose_name = "信访人"
        verbose_name_plural = "信访人"
        ordering = ["id"]
        indexes = [models.Index(fields=["name", "phone_index"], name="petitioner_name_phone")]


class CaseCounter(models.Model):
    """The last case number used per prefix and year; locked row by row so numbers never repeat."""

    prefix = models.CharField(max_length=20)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="case_counter_unique")]


class Note(models.Model):
    """A handling record: investigation, hearing, mediation, objection, feedback, after-care."""

    class Kind(models.TextChoices):
        INVESTIGATION = "investigation", "调查核实"
        HEARING = "hearing", "听证"
        MEDIATION = "mediation", "调解协议"
        OBJECTION = "objection", "错转异议"
        FEEDBACK = "feedback", "交办反馈"
        AFTERCARE = "aftercare", "终结后续帮扶"
        NOTICE = "notice", "书面告知"

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    on = models.DateField("日期")
    text = models.TextField("内容")
    participants = models.CharField("参加人员", max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]


class Review(models.Model):
    """A 复查 (level review) or 复核 (level re_review) of a petition's answer."""

    class Level(models.TextChoices):
        REVIEW = "review", "复查"
        RE_REVIEW = "re_review", "复核"

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="reviews")
    level = models.CharField("层级", max_length=16, choices=Level.choices)
    body = models.CharField("复查/复核机关", max_length=100)
    requested_on = models.DateField("申请日期")
    request = models.TextField("申请理由")
    decision_due = models.DateField("受理决定期限")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    declined_on = models.DateField("不予受理日期", null=True, blank=True)
    decline_reason = models.TextField("不予受理理由", blank=True)
    due = models.DateField("答复期限", null=True, blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    outcome = models.CharField("意见", max_length=16, choices=Outcome.choices, blank=True)
    opinion = models.TextField("复查/复核意见", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["requested_on", "id"]


class Pause(models.Model):
    """Days the 复核 clock stood still (hearing time, 信访工作条例 Art. 36); both ends counted."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="pauses")
    first = models.DateField("开始日期")
    last = models.DateField("结束日期")
    reason = models.CharField("事由", max_length=200)

    class Meta:
        ordering = ["first"]


class FollowUp(models.Model):
    """A 回访 after the reply and the petitioner's satisfaction."""

    class Method(models.TextChoices):
        PHONE = "phone", "电话回访"
        VISIT = "visit", "上门回访"
        MESSAGE = "message", "短信/网上"

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="follow_ups")
    on = models.DateField("回访日期")
    method = models.CharField("方式", max_length=16, choices=Method.choices)
    satisfaction = models.CharField("满意度", max_length=16, choices=Satisfaction.choices)
    note = models.TextField("回访情况", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["on", "id"]
