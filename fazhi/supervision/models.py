"""Supervision orders (督办单) on any record: a generic object reference, the record's unit for scope."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.org.models import Unit


class OrderStatus(models.TextChoices):
    OPEN = "open", "待回复"
    REPLIED = "replied", "已回复待审核"
    CLOSED = "closed", "已办结"


class SupervisionOrder(models.Model):
    number = models.CharField("督办编号", max_length=40, unique=True)
    object_type = models.CharField("督办对象类型", max_length=60)  # "petitions.petition"
    object_id = models.CharField("督办对象", max_length=64)
    object_label = models.CharField("督办事项", max_length=200)
    link = models.CharField("链接", max_length=300)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="责任单位")
    level = models.CharField("督办层级", max_length=16)  # a code of rules.ladder()
    reason = models.TextField("督办事由")
    issued_on = models.DateField("下达日期")
    reply_due = models.DateField("回复期限")
    reply_rule = models.CharField(max_length=60)  # the core.deadlines.Rule the due date came from
    status = models.CharField("状态", max_length=16, choices=OrderStatus.choices, default=OrderStatus.OPEN)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # None: issued by the sweep
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reply_text = models.TextField("书面回复", blank=True)
    replied_on = models.DateField("回复日期", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_on = models.DateField("办结日期", null=True, blank=True)
    escalated_on = models.DateField("最近升级日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "督办单"
        verbose_name_plural = "督办单"
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="order_object"),
            models.Index(fields=["status", "reply_due"], name="order_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.object_label}"

    @property
    def level_label(self) -> str:
        from fazhi.supervision.rules import level_choices

        return dict(level_choices()).get(self.level, self.level)


class OrderCounter(models.Model):
    prefix = models.CharField(max_length=20)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="order_counter_unique")]
