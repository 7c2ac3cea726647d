"""Mediation organisations (人民调解委员会, 行政调解, 特色调解组织) and their mediators."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.crypto import EncryptedTextField
from fazhi.disputes.models.choices import CommitteeRole, OrgKind, Sex
from fazhi.org.models import Unit


class MediationOrg(models.Model):
    """A mediation organisation attached to a unit: a community's or the subdistrict's committee, a
    department's administrative mediation, a featured team such as 锦秋社区"和事佬".

    Whether it has 人员、场所、制度 is computed (selectors.org_checklist); `compliant` is the clerk's
    confirmation, which the service refuses while a check fails and clears when one starts failing.
    """

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=16, choices=OrgKind.choices, default=OrgKind.PEOPLE)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="所属单位")
    doc_prefix = models.CharField(
        "文书字号", max_length=10, blank=True, help_text="调解协议书编号中的字号，如“锦调”"
    )
    description = models.TextField("简介", blank=True)
    venue = models.CharField("调解场所", max_length=200, blank=True)
    venue_note = models.CharField("场所说明", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    rules_text = models.TextField("工作制度", blank=True)
    term_start = models.DateField("本届任期开始", null=True, blank=True)
    term_end = models.DateField("本届任期届满", null=True, blank=True)
    compliant = models.BooleanField("已确认“有人员、有场所、有制度”", default=False)
    compliant_at = models.DateTimeField(null=True, blank=True)
    compliant_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_active = models.BooleanField("在用", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "调解组织"
        verbose_name_plural = "调解组织"
        ordering = ["unit__path", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="mediation_org_unique_name")]
        # The term sweep reads committees whose term ends soon.
        indexes = [models.Index(fields=["kind", "term_end"], name="mediation_org_term")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_committee(self) -> bool:
        return self.kind == OrgKind.PEOPLE


class Mediator(models.Model):
    """A person who mediates for an organisation: a committee member (主任/副主任/委员) or an appointed
    mediator (聘任调解员, 人民调解法 Art. 13). Linked to a staff account, or a named resident."""

    org = models.ForeignKey(
        MediationOrg, on_delete=models.CASCADE, related_name="mediators", verbose_name="调解组织"
    )
    name = models.CharField("姓名", max_length=60)
    sex = models.CharField("性别", max_length=8, choices=Sex.choices)
    ethnicity = models.CharField("民族", max_length=20, blank=True, default="汉族")
    birth_year = models.PositiveSmallIntegerField("出生年份", null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mediator_roles",
        verbose_name="工作人员账号",
    )
    role = models.CharField(
        "职务", max_length=16, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER
    )
    occupation = models.CharField(
        "身份或职业", max_length=60, blank=True, help_text="如社区书记、退休教师、律师"
    )
    qualifications = models.TextField("资质", blank=True, help_text="如法律职业资格、人民调解员证书及编号")
    phone = EncryptedTextField("联系电话", blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    joined_on = models.DateField("任职日期", null=True, blank=True)
    left_on = models.DateField("离任日期", null=True, blank=True)
    is_active = models.BooleanField("在任", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "调解员"
        verbose_name_plural = "调解员"
        ordering = ["org", "role", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_committee_member(self) -> bool:
        return self.role in (CommitteeRole.DIRECTOR, CommitteeRole.DEPUTY, CommitteeRole.MEMBER)


class MediatorTraining(models.Model):
    """Training a mediator attended (人民调解法 Art. 14: the county trains mediators regularly)."""

    mediator = models.ForeignKey(
        Mediator, on_delete=models.CASCADE, related_name="trainings", verbose_name="调解员"
    )
    held_on = models.DateField("日期")
    title = models.CharField("培训内容", max_length=200)
    organiser = models.CharField("组织单位", max_length=100, blank=True)
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1, default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "调解员培训"
        verbose_name_plural = "调解员培训"
        ordering = ["-held_on"]
