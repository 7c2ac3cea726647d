"""Key persons (重点人员): the registry, care teams (专班), visits, reports, incidents, support measures,
and export requests. Health, whereabouts and criminal history are sensitive personal information
(个人信息保护法 Art. 28): free text about them is encrypted at rest and every profile view is audited.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from fazhi.core.crypto import EncryptedTextField
from fazhi.org.models import Unit
from fazhi.people.models.residence import Resident


class ScheduleKind(models.TextChoices):
    """Which visit schedule (people.rules) a category follows."""

    MENTAL = "mental", "严重精神障碍（2018规范）"
    CORRECTIONS = "corrections", "社区矫正"
    RELEASED = "released", "刑满释放"
    GENERAL = "general", "固定周期"


class KeyPersonCategory(models.Model):
    """A configurable category; the three of the seed are created by the migration."""

    code = models.CharField("编码", max_length=30, unique=True)
    name = models.CharField("名称", max_length=40)
    schedule = models.CharField("随访规则", max_length=16, choices=ScheduleKind.choices)
    interval_days = models.PositiveSmallIntegerField(
        "走访周期（天）", default=90, help_text="固定周期类别的走访间隔；其他类别按法定规则计算"
    )
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "重点人员类别"
        verbose_name_plural = "重点人员类别"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ControlStatus(models.TextChoices):
    MANAGED = "managed", "在管"
    OUT_OF_CONTACT = "out_of_contact", "脱管"
    LOST = "lost", "失控"


class KeyPerson(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="网格")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="key_records")
    category = models.ForeignKey(KeyPersonCategory, on_delete=models.PROTECT, related_name="+")
    # 严重精神障碍管理治疗工作规范 (2018): risk level 0–5, assessed at each visit.
    danger_level = models.PositiveSmallIntegerField("危险性评估等级", null=True, blank=True)
    stable = models.BooleanField("病情稳定", default=True)
    control_status = models.CharField(
        "管控状态", max_length=16, choices=ControlStatus.choices, default=ControlStatus.MANAGED
    )
    registered_on = models.DateField("纳入管理日期")
    # 社区矫正: the day the judgment took effect (the 10-day reporting clock, Art. 21); 刑满释放: release.
    effective_on = models.DateField("判决生效/释放日期", null=True, blank=True)
    ends_on = models.DateField("管理期满日期", null=True, blank=True)
    reported_on = models.DateField("报到日期", null=True, blank=True)
    next_visit_due = models.DateField("下次走访期限", null=True, blank=True, db_index=True)
    next_visit_rule = models.CharField(max_length=60, blank=True)  # rule code, shown with its basis
    guardian_name = EncryptedTextField("监护人", blank=True, default="")
    guardian_phone = EncryptedTextField("监护人电话", blank=True, default="")
    guardian_agreement_on = models.DateField("看护协议签订日期", null=True, blank=True)
    summary = EncryptedTextField("情况摘要", blank=True, default="")
    is_active = models.BooleanField("在册", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "重点人员"
        verbose_name_plural = "重点人员"
        ordering = ["next_visit_due", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "category"],
                condition=models.Q(is_active=True),
                name="people_keyperson_once",
            ),
            models.CheckConstraint(
                condition=models.Q(danger_level__isnull=True) | models.Q(danger_level__lte=5),
                name="people_keyperson_level_0_5",
            ),
        ]


class CareTeam(models.Model):
    """专班 / 矫正小组: one per key person."""

    key_person = models.OneToOneField(KeyPerson, on_delete=models.CASCADE, related_name="care_team")
    name = models.CharField("名称", max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "专班"
        verbose_name_plural = "专班"


class CareTeamMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "专班负责人"
        GRID_WORKER = "grid_worker", "网格员"
        DOCTOR = "doctor", "精防医生"
        POLICE = "police", "社区民警"
        JUSTICE = "justice", "司法所工作人员"
        GUARDIAN = "guardian", "监护人/家属"
        VOLUNTEER = "volunteer", "志愿者"
        OTHER = "other", "其他"

    team = models.ForeignKey(CareTeam, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField("姓名", max_length=60)
    role = models.CharField("职责", max_length=16, choices=Role.choices)
    is_female = models.BooleanField("女性", default=False)  # 社区矫正法 Art. 25: a woman for a woman
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "专班成员"
        verbose_name_plural = "专班成员"
        ordering = ["pk"]


class Visit(models.Model):
    class Method(models.TextChoices):
        HOME = "home", "入户走访"
        PHONE = "phone", "电话联络"
        CLINIC = "clinic", "门诊随访"
        IT = "it", "信息化核查"

    class Outcome(models.TextChoices):
        MET = "met", "见到本人"
        LOST = "lost", "失访"
        REFUSED = "refused", "拒访"

    key_person = models.ForeignKey(KeyPerson, on_delete=models.CASCADE, related_name="visits")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    visited_at = models.DateTimeField("走访时间")
    visited_on = models.DateField("走访日期", db_index=True)  # local date of visited_at, for indicators
    place = models.CharField("地点", max_length=100)
    method = models.CharField("方式", max_length=8, choices=Method.choices, default=Method.HOME)
    visitors = models.CharField("走访人员", max_length=200)
    outcome = models.CharField("结果", max_length=8, choices=Outcome.choices, default=Outcome.MET)
    findings = EncryptedTextField("情况记录", blank=True, default="")
    danger_level = models.PositiveSmallIntegerField("评估危险性等级", null=True, blank=True)
    stable = models.BooleanField("与上次相比病情稳定", default=True)
    due_before = models.DateField("本次应访期限", null=True, blank=True)
    on_time = models.BooleanField("按期", default=True)
    next_due = models.DateField("下次走访期限", null=True, blank=True)
    next_rule = models.CharField(max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "走访记录"
        verbose_name_plural = "走访记录"
        ordering = ["-visited_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "visited_at"], name="people_visit_unit_at"),
            models.Index(fields=["visited_on", "unit", "on_time"], name="people_visit_on_cover"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.visited_at is not None:
            self.visited_on = timezone.localtime(self.visited_at).date()
        super().save(*args, **kwargs)


class VisitReport(models.Model):
    """A lost-to-follow-up or refusal report (山东省精神卫生条例 Art. 45) or a lost-contact search
    (社区矫正法 Art. 30), with the bodies told."""

    key_person = models.ForeignKey(KeyPerson, on_delete=models.CASCADE, related_name="reports")
    visit = models.ForeignKey(Visit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reason = models.CharField("原因", max_length=8, choices=Visit.Outcome.choices)
    recipients = models.JSONField("报告对象", default=list)
    reported_at = models.DateTimeField("报告时间")
    note = EncryptedTextField("说明", blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "失访拒访报告"
        verbose_name_plural = "失访拒访报告"
        ordering = ["-reported_at"]


class Incident(models.Model):
    class Severity(models.TextChoices):
        MINOR = "minor", "轻微滋事"
        TROUBLE = "trouble", "肇事"
        SERIOUS = "serious", "肇祸"
        CRIME = "crime", "重新违法犯罪"

    key_person = models.ForeignKey(KeyPerson, on_delete=models.CASCADE, related_name="incidents")
    occurred_on = models.DateField("发生日期")
    severity = models.CharField("性质", max_length=8, choices=Severity.choices)
    description = EncryptedTextField("经过", blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "肇事肇祸与违法事件"
        verbose_name_plural = "肇事肇祸与违法事件"
        ordering = ["-occurred_on"]


class SupportMeasure(models.Model):
    class Kind(models.TextChoices):
        PUBLIC_JOB = "public_job", "公益性岗位"
        SUBSISTENCE = "subsistence", "低保"
        EMPLOYMENT = "employment", "用工协调"
        MEDICAL = "medical", "救治救助"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        APPLIED = "applied", "申请中"
        ACTIVE = "active", "实施中"
        ENDED = "ended", "已结束"

    key_person = models.ForeignKey(KeyPerson, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField("措施", max_length=16, choices=Kind.choices)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期", null=True, blank=True)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.ACTIVE)
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "帮扶措施"
        verbose_name_plural = "帮扶措施"
        ordering = ["-starts_on"]


class ExportRequest(models.Model):
    """A key-person export waits for a second person's approval; the file carries the exporter's name."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已批准"
        REJECTED = "rejected", "已驳回"
        EXPORTED = "exported", "已导出"

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")  # the requester's unit
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField("用途", max_length=200)
    category = models.ForeignKey(
        KeyPersonCategory, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField("审批意见", max_length=200, blank=True)
    job_id = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "重点人员导出申请"
        verbose_name_plural = "重点人员导出申请"
        ordering = ["-created_at"]
