"""积分联奖惩: the rule catalogue, the append-only ledger, deduction proposals, appeals, and the points
shop (积分超市).

Points belong to households (户): the seed's 信用进网格 scores a family's conduct, and DOMAIN §3's
Shandong example grants grades to households. An entry may name the resident whose conduct earned it.
A household's balance is the sum of its entries — nothing else — and entries are never changed or
deleted: a mistake is corrected by a reversing entry (an upheld appeal), exactly like the audit log
(a queryset and model that refuse update/delete, and database triggers, migration 0002).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models

from fazhi.org.models import Unit


class RuleKind(models.TextChoices):
    AWARD = "award", "加分"
    DEDUCTION = "deduction", "扣分"


class CapPeriod(models.TextChoices):
    MONTH = "month", "每月"
    QUARTER = "quarter", "每季度"
    YEAR = "year", "每年"


class PointsRule(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="适用单位")
    code = models.CharField("编码", max_length=30)
    name = models.CharField("事项", max_length=100)
    kind = models.CharField("类型", max_length=10, choices=RuleKind.choices)
    points = models.PositiveSmallIntegerField("分值")
    cap = models.PositiveIntegerField("周期上限（分）", null=True, blank=True)
    cap_period = models.CharField("上限周期", max_length=8, choices=CapPeriod.choices, default=CapPeriod.YEAR)
    evidence_required = models.BooleanField("须附依据", default=True)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "积分规则"
        verbose_name_plural = "积分规则"
        ordering = ["kind", "code"]
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="grid_pointsrule_code")]

    def __str__(self) -> str:
        return f"{self.name}（{'+' if self.kind == RuleKind.AWARD else '-'}{self.points}）"


class EntryKind(models.TextChoices):
    AWARD = "award", "加分"
    DEDUCTION = "deduction", "扣分"
    REDEMPTION = "redemption", "兑换"
    REVERSAL = "reversal", "冲正"


class AppendOnlyQuerySet(models.QuerySet["PointsEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("积分台账只能追加，不能修改；更正请登记冲正")

    def delete(self) -> NoReturn:
        raise PermissionError("积分台账只能追加，不能删除；更正请登记冲正")


class PointsEntry(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="网格")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField("类型", max_length=12, choices=EntryKind.choices)
    points = models.IntegerField("分值")  # signed: awards positive, deductions and redemptions negative
    rule = models.ForeignKey(PointsRule, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    occurred_on = models.DateField("发生日期", db_index=True)
    reason = models.CharField("事由", max_length=200)
    # Evidence: a grid event, a four-into-grid activity, or an attached file (core.Attachment id).
    event = models.ForeignKey(
        "grid.GridEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    activity = models.ForeignKey(
        "grid.GridActivity", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attachment_id = models.UUIDField("依据附件", null=True, blank=True)
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "积分记录"
        verbose_name_plural = "积分记录"
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["household", "occurred_on"], name="grid_points_household")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="award", points__gt=0) | ~models.Q(kind="award"))
                & (
                    models.Q(kind__in=["deduction", "redemption"], points__lt=0)
                    | ~models.Q(kind__in=["deduction", "redemption"])
                ),
                name="grid_points_sign",
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("积分台账只能追加，不能修改；更正请登记冲正")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("积分台账只能追加，不能删除；更正请登记冲正")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "已驳回"


class DeductionProposal(models.Model):
    """A deduction waits here for a second person; approval writes the ledger entry."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rule = models.ForeignKey(PointsRule, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField("扣分")
    occurred_on = models.DateField("发生日期")
    reason = models.CharField("事由", max_length=200)
    event = models.ForeignKey(
        "grid.GridEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    activity = models.ForeignKey(
        "grid.GridActivity", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attachment_id = models.UUIDField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=200, blank=True)
    entry = models.OneToOneField(
        PointsEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "扣分申请"
        verbose_name_plural = "扣分申请"
        ordering = ["-created_at"]


class AppealStatus(models.TextChoices):
    PENDING = "pending", "待处理"
    UPHELD = "upheld", "申诉成立"
    DISMISSED = "dismissed", "申诉不成立"


class PointsAppeal(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(PointsEntry, on_delete=models.PROTECT, related_name="appeals")
    appellant = models.CharField("申诉人", max_length=60)
    reason = models.TextField("申诉理由")
    status = models.CharField(max_length=10, choices=AppealStatus.choices, default=AppealStatus.PENDING)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField("处理意见", max_length=200, blank=True)
    reversal = models.OneToOneField(
        PointsEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "积分申诉"
        verbose_name_plural = "积分申诉"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"], condition=models.Q(status="pending"), name="grid_appeal_one_open"
            ),
        ]


class RedemptionItem(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name="积分超市所在单位"
    )
    name = models.CharField("商品", max_length=60)
    cost = models.PositiveIntegerField("所需积分")
    stock = models.PositiveIntegerField("库存")
    is_active = models.BooleanField("上架", default=True)

    class Meta:
        verbose_name = "兑换商品"
        verbose_name_plural = "兑换商品"
        ordering = ["cost", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(stock__gte=0), name="grid_item_stock_non_negative")
        ]

    def __str__(self) -> str:
        return self.name


class Redemption(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(RedemptionItem, on_delete=models.PROTECT, related_name="redemptions")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveSmallIntegerField("数量")
    points = models.PositiveIntegerField("消耗积分")
    entry = models.OneToOneField(PointsEntry, on_delete=models.PROTECT, related_name="+")
    redeemed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    redeemed_on = models.DateField("兑换日期")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "积分兑换"
        verbose_name_plural = "积分兑换"
        ordering = ["-redeemed_on", "-pk"]
