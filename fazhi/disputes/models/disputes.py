"""A dispute (矛盾纠纷) from intake to its end: parties, mediators, sessions, termination, escalations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.core.crypto import EncryptedTextField
from fazhi.disputes.models.choices import (
    Consent,
    EscalationKind,
    LeadLevel,
    Outcome,
    PartyKind,
    PartyRole,
    RiskLevel,
    Sex,
    Source,
    TerminationKind,
)
from fazhi.disputes.models.orgs import MediationOrg, Mediator
from fazhi.disputes.workflow import Status
from fazhi.org.models import Unit


class DisputeCategory(models.Model):
    """A kind of dispute (邻里, 婚姻家庭 …): seeded by a data migration, edited in Django admin."""

    code = models.SlugField("编码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=40, unique=True)
    order = models.PositiveSmallIntegerField("排序", default=100)
    labour = models.BooleanField(
        "劳动争议",
        default=False,
        help_text="15日内未达成协议可申请劳动仲裁（《劳动争议调解仲裁法》第十四条）",
    )
    status_relation_hint = models.BooleanField(
        "可能涉及身份关系",
        default=False,
        help_text="协议确认身份、收养、婚姻关系的，法院不予司法确认，登记协议时提示",
    )
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "纠纷类别"
        verbose_name_plural = "纠纷类别"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Sequence(models.Model):
    """Counters for case and document numbers; a row is locked while the next number is taken."""

    key = models.CharField(max_length=60)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "year"], name="disputes_sequence_unique")]


class Dispute(models.Model):
    """One dispute case. `unit` is the community or grid it belongs to (its data scope);
    `origin_type`/`origin_id` keep the record it came from (a petition, a screening item …)."""

    SEARCH_FIELDS = ("summary", "claims", "place")  # what search_text is made of (core.search.fill)

    number = models.CharField("编号", max_length=30, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="所属单位")
    category = models.ForeignKey(
        DisputeCategory, on_delete=models.PROTECT, related_name="disputes", verbose_name="类别"
    )
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    origin_type = models.CharField("来源记录类型", max_length=80, blank=True, default="")
    origin_id = models.CharField("来源记录编号", max_length=64, blank=True, default="")
    summary = models.TextField("纠纷简要情况")
    claims = models.TextField("当事人诉求", blank=True)
    occurred_on = models.DateField("发生日期", null=True, blank=True)
    registered_on = models.DateField("登记日期")  # local date, stored: indicators count by it
    registered_at = models.DateTimeField("登记时间", auto_now_add=True)
    place = models.CharField("发生地点", max_length=200, blank=True)
    amount = models.DecimalField("涉及金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    people_involved = models.PositiveIntegerField("涉及人数", default=2)
    police_history = models.BooleanField("有报警或公安处置记录", default=False)
    criminal_risk = models.BooleanField("有激化为治安、刑事案件的风险", default=False)
    group_behaviour = models.BooleanField("有群体性行为或苗头", default=False)
    extreme_behaviour = models.BooleanField("有扬言极端行为或过激言行", default=False)
    risk_level = models.CharField("风险等级", max_length=8, choices=RiskLevel.choices, default=RiskLevel.BLUE)
    risk_reasons = models.JSONField("定级依据", default=list, blank=True)
    lead_level = models.CharField(
        "牵头层级", max_length=16, choices=LeadLevel.choices, default=LeadLevel.COMMUNITY
    )
    case_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="包案领导",
    )
    org = models.ForeignKey(
        MediationOrg,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disputes",
        verbose_name="调解组织",
    )
    mediators: models.ManyToManyField[Mediator, DisputeMediator] = models.ManyToManyField(
        Mediator, through="DisputeMediator", related_name="disputes", verbose_name="调解员"
    )
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.REGISTERED)
    outcome = models.CharField("结果", max_length=16, choices=Outcome.choices, blank=True, default="")
    due_on = models.DateField("调解期限", null=True, blank=True)
    due_rule = models.CharField(max_length=60, blank=True, default="")
    mediation_started_on = models.DateField("开始调解日期", null=True, blank=True)
    concluded_on = models.DateField("结案日期", null=True, blank=True)  # local date of the end
    imported = models.BooleanField("台账导入的历史记录", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Full-text search (fazhi.core.search): the segmented case text, indexed by the database.
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = "矛盾纠纷"
        verbose_name_plural = "矛盾纠纷"
        constraints = [
            # One record converts into at most one dispute: a second conversion is a Conflict.
            models.UniqueConstraint(
                fields=["origin_type", "origin_id"], condition=~Q(origin_type=""), name="dispute_origin_once"
            ),
        ]
        indexes = [
            # The indicators count by registration and conclusion date within a unit subtree: covering
            # (date, unit, what is counted), so rebuilds, scoped counts and frozen ids read the index only.
            models.Index(fields=["registered_on", "unit", "category"], name="dispute_registered_on"),
            models.Index(fields=["concluded_on", "unit", "outcome"], name="dispute_concluded_on"),
            # 我的待办: open cases by due date.
            models.Index(fields=["status", "due_on"], name="dispute_status_due"),
        ]

    def __str__(self) -> str:
        return self.number


class DisputeMediator(models.Model):
    """A mediator assigned to a dispute: appointed by the committee or chosen by the parties (Art. 19)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="mediator_links")
    mediator = models.ForeignKey(Mediator, on_delete=models.PROTECT, related_name="dispute_links")
    chosen_by_parties = models.BooleanField("当事人选择", default=False)
    assigned_on = models.DateField("指派日期")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dispute", "mediator"], name="dispute_mediator_unique"),
        ]


class Party(models.Model):
    """A party: a person (ID number and phone encrypted, searchable by blind index) or an organisation."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="parties")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField("类型", max_length=16, choices=PartyKind.choices, default=PartyKind.PERSON)
    role = models.CharField("身份", max_length=16, choices=PartyRole.choices, default=PartyRole.APPLICANT)
    name = models.CharField("姓名或名称", max_length=100)
    sex = models.CharField("性别", max_length=8, choices=Sex.choices, blank=True)
    id_number = EncryptedTextField("身份证号", blank=True, default="")
    id_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    phone = EncryptedTextField("联系电话", blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    address = models.CharField("住址", max_length=200, blank=True)
    org_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    representative = models.CharField("法定代表人或负责人", max_length=60, blank=True)
    consent = models.CharField("调解意愿", max_length=16, choices=Consent.choices, default=Consent.PENDING)
    consent_on = models.DateField("意愿确认日期", null=True, blank=True)
    consent_note = models.CharField("意愿说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["dispute", "order", "id"]
        # The list search finds a dispute by a party's exact name.
        indexes = [models.Index(fields=["name"], name="party_name")]

    def __str__(self) -> str:
        return self.name


class MediationSession(models.Model):
    """One mediation sitting (调解记录, 人民调解法 Art. 27): who, where, who was invited, what happened."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sessions")
    seq = models.PositiveSmallIntegerField("次序")
    held_on = models.DateField("日期")
    start_time = models.TimeField("开始时间", null=True, blank=True)
    end_time = models.TimeField("结束时间", null=True, blank=True)
    place = models.CharField("地点", max_length=200)
    mediators = models.ManyToManyField(Mediator, related_name="sessions", verbose_name="调解员")
    invitees = models.JSONField("邀请参与人员", default=list, blank=True)  # [{"name", "relation"}]
    invitees_consented = models.BooleanField("邀请已征得当事人同意", default=False)
    record = models.TextField("调解情况记录")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "调解记录"
        verbose_name_plural = "调解记录"
        ordering = ["dispute", "seq"]
        constraints = [models.UniqueConstraint(fields=["dispute", "seq"], name="mediation_session_seq")]


class Termination(models.Model):
    """How a mediation ended without agreement: 调解不成 (Art. 26) or a party's refusal (Art. 17), with
    the undisputed facts, the start and end dates and why (鲁多元 Art. 24), and the routes left."""

    dispute = models.OneToOneField(Dispute, on_delete=models.CASCADE, related_name="termination")
    kind = models.CharField("类型", max_length=16, choices=TerminationKind.choices)
    reason = models.TextField("终止原因")
    undisputed_facts = models.TextField("无争议事实", blank=True)
    facts_confirmed = models.BooleanField("无争议事实经双方当事人签字确认", default=False)
    started_on = models.DateField("调解开始日期", null=True, blank=True)
    ended_on = models.DateField("调解终止日期")
    routes = models.JSONField("告知的其他途径", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "终止调解"
        verbose_name_plural = "终止调解"


class Escalation(models.Model):
    """A report to the police (Art. 25), a conversion to a petition, or a referral to arbitration, court
    or an administrative route. For "to_petition" the petitions app fills `target_*` once it registers
    the petition (`escalation_link_target`)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="escalations")
    kind = models.CharField("类型", max_length=16, choices=EscalationKind.choices)
    on = models.DateField("日期")
    to_whom = models.CharField("报告或移交对象", max_length=100)
    reason = models.TextField("事由")
    reference = models.CharField("回执或文号", max_length=60, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_type = models.CharField(max_length=80, blank=True, default="")
    target_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "上报与移交"
        verbose_name_plural = "上报与移交"
        ordering = ["dispute", "on", "id"]
        indexes = [models.Index(fields=["kind", "on"], name="escalation_kind_on")]
