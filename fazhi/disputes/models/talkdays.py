"""小板凳拉呱日: community talk days — scheduled sittings where residents raise what troubles them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.disputes.models.choices import IssueOutcome, TalkDayStatus
from fazhi.disputes.models.disputes import Dispute, DisputeCategory
from fazhi.org.models import Unit


class TalkDay(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="社区或网格")
    held_on = models.DateField("日期")
    start_time = models.TimeField("时间", null=True, blank=True)
    place = models.CharField("地点", max_length=200)
    topic = models.CharField("主题", max_length=100, blank=True)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="主持人",
    )
    status = models.CharField(
        "状态", max_length=12, choices=TalkDayStatus.choices, default=TalkDayStatus.PLANNED
    )
    attendance = models.PositiveIntegerField("参加人数", default=0)
    attendees = models.TextField("参加人员", blank=True, help_text="楼长、单元长、志愿者、居民代表等")
    notes = models.TextField("活动记录", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "拉呱日"
        verbose_name_plural = "拉呱日"
        ordering = ["-held_on", "id"]
        indexes = [models.Index(fields=["held_on"], name="talk_day_held_on")]


class TalkDayIssue(models.Model):
    """A matter raised at a talk day: resolved on the spot, referred, or turned into a dispute."""

    talk_day = models.ForeignKey(TalkDay, on_delete=models.CASCADE, related_name="issues")
    raised_by = models.CharField("反映人", max_length=60, blank=True)
    description = models.TextField("反映问题")
    category = models.ForeignKey(
        DisputeCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="类别",
    )
    outcome = models.CharField(
        "处理结果", max_length=12, choices=IssueOutcome.choices, default=IssueOutcome.PENDING
    )
    resolution = models.TextField("处理情况", blank=True)
    dispute = models.ForeignKey(
        Dispute, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="转为纠纷"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "拉呱日议题"
        verbose_name_plural = "拉呱日议题"
        ordering = ["talk_day", "id"]
