"""Mediation agreements (调解协议), their signatures, the agreed terms and the follow-up of performance."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.disputes.models.choices import (
    AgreementForm,
    AgreementScope,
    AgreementStatus,
    ConfirmationStatus,
    SignMethod,
    TermStatus,
)
from fazhi.disputes.models.disputes import Dispute, Party
from fazhi.disputes.models.orgs import Mediator


class Agreement(models.Model):
    """A written (调解协议书, Art. 29) or oral (Art. 28, 30) agreement on all or part (鲁多元 Art. 23) of
    the disputed points. A written one takes effect on the day the last of the parties and the
    mediator signs (the committee seals with the mediator's signature); that day starts the 30-day
    司法确认 window (Art. 33), tracked in `jc_*`."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="agreements")
    number = models.CharField("编号", max_length=40, blank=True)
    form = models.CharField("形式", max_length=8, choices=AgreementForm.choices)
    scope = models.CharField(
        "范围", max_length=8, choices=AgreementScope.choices, default=AgreementScope.FULL
    )
    status = models.CharField(
        "状态", max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    parties_info = models.TextField("当事人基本情况", blank=True)
    facts = models.TextField("纠纷主要事实", blank=True)
    disputed_points = models.TextField("争议事项", blank=True)
    responsibilities = models.TextField("各方当事人的责任", blank=True)
    content = models.TextField("协议内容")
    performance_method = models.CharField("履行方式", max_length=200, blank=True)
    performance_deadline = models.DateField("履行期限", null=True, blank=True)
    reached_on = models.DateField("达成日期")
    mediator = models.ForeignKey(
        Mediator, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="签名调解员"
    )
    mediator_signed_on = models.DateField("调解员签名日期", null=True, blank=True)
    sealed = models.BooleanField("已加盖调解组织印章", default=False)
    effective_on = models.DateField("生效日期", null=True, blank=True)
    copies = models.PositiveSmallIntegerField("份数", default=3)
    concerns_status_relation = models.BooleanField("确认身份、收养或婚姻关系", default=False)
    jc_status = models.CharField(
        "司法确认",
        max_length=16,
        choices=ConfirmationStatus.choices,
        default=ConfirmationStatus.NOT_APPLICABLE,
    )
    jc_due = models.DateField("司法确认申请期限", null=True, blank=True)
    jc_rule = models.CharField(max_length=60, blank=True, default="")
    jc_materials = models.JSONField("已备齐的申请材料", default=list, blank=True)
    jc_applied_on = models.DateField("申请日期", null=True, blank=True)
    jc_court = models.CharField("受理法院", max_length=100, blank=True)
    jc_case_number = models.CharField("案号", max_length=60, blank=True)
    jc_decided_on = models.DateField("法院决定日期", null=True, blank=True)
    jc_note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "调解协议"
        verbose_name_plural = "调解协议"
        ordering = ["dispute", "reached_on", "id"]
        indexes = [
            models.Index(fields=["effective_on"], name="agreement_effective_on"),
            models.Index(fields=["jc_status", "jc_due"], name="agreement_jc_due"),
        ]

    def __str__(self) -> str:
        return self.number or f"协议{self.pk}"


class AgreementSignature(models.Model):
    """A party's signature, seal or fingerprint on a written agreement, with its date."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatures")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="signatures")
    signed_on = models.DateField("签署日期")
    method = models.CharField("方式", max_length=12, choices=SignMethod.choices, default=SignMethod.SIGNATURE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="agreement_signature_once")
        ]


class AgreementTerm(models.Model):
    """One agreed obligation: who does what, how, by when — followed up against its date (Art. 31)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="terms")
    seq = models.PositiveSmallIntegerField("序号")
    obligor = models.ForeignKey(
        Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="履行人"
    )
    content = models.CharField("履行内容", max_length=300)
    method = models.CharField("履行方式", max_length=100, blank=True)
    due_on = models.DateField("履行期限")
    status = models.CharField(
        "履行情况", max_length=12, choices=TermStatus.choices, default=TermStatus.PENDING
    )
    performed_on = models.DateField("履行日期", null=True, blank=True)

    class Meta:
        verbose_name = "协议履行事项"
        verbose_name_plural = "协议履行事项"
        ordering = ["agreement", "seq"]
        indexes = [models.Index(fields=["status", "due_on"], name="agreement_term_due")]


class PerformanceCheck(models.Model):
    """A follow-up on one term: what the mediator found (回访, 督促履行)."""

    term = models.ForeignKey(AgreementTerm, on_delete=models.CASCADE, related_name="checks")
    checked_on = models.DateField("回访日期")
    result = models.CharField("履行情况", max_length=12, choices=TermStatus.choices)
    note = models.CharField("情况说明", max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "履行回访"
        verbose_name_plural = "履行回访"
        ordering = ["term", "checked_on", "id"]
