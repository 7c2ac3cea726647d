"""Screening (排查) — shared by disputes and petitions.

A `ScreeningCampaign` is organised by a unit (usually the subdistrict) for the communities below it:
the monthly routine screening, or a special one for a sensitive period (春节, 两会, 国庆 …) with its own
date range and reporting cadence. Each community files one `ScreeningReport` per period — with the
items found, or a zero report (零报告). An item records what was found and, once acted on, what it
became (`converted_type`/`converted_id`: a dispute here; a petition when the petitions app converts
one through `services.screening_item_link`). Nothing here is specific to disputes except that this
app converts dispute items.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.disputes.models.choices import Cadence, CampaignKind, ReportStatus, ScreeningSubject
from fazhi.disputes.models.disputes import DisputeCategory
from fazhi.org.models import Unit


class ScreeningCampaign(models.Model):
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=12, choices=CampaignKind.choices, default=CampaignKind.ROUTINE)
    topic = models.CharField(
        "专项主题", max_length=40, blank=True, help_text="如春节、冬奥会、全国两会、国庆、党的二十大"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="组织单位")
    start_on = models.DateField("开始日期")
    end_on = models.DateField("结束日期")
    cadence = models.CharField("报告频次", max_length=12, choices=Cadence.choices, default=Cadence.MONTHLY)
    subjects = models.JSONField("排查内容", default=list)  # ScreeningSubject values
    description = models.TextField("工作要求", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "排查活动"
        verbose_name_plural = "排查活动"
        ordering = ["-start_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")), name="campaign_dates"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ScreeningReport(models.Model):
    """One community's report for one period of a campaign. Submitted with no items: a zero report."""

    campaign = models.ForeignKey(ScreeningCampaign, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="社区")
    period_start = models.DateField("报告期开始")
    period_end = models.DateField("报告期结束")
    status = models.CharField("状态", max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    zero = models.BooleanField("零报告", default=False)
    summary = models.TextField("情况说明", blank=True)
    submitted_on = models.DateField("上报日期", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "排查报告"
        verbose_name_plural = "排查报告"
        ordering = ["campaign", "period_start", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "period_start"], name="screening_report_once"
            ),
        ]


class ScreeningItem(models.Model):
    """Something found in screening, in the grid (or community) where it was found."""

    report = models.ForeignKey(ScreeningReport, on_delete=models.CASCADE, related_name="items")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="发现网格")
    subject = models.CharField(
        "类型", max_length=16, choices=ScreeningSubject.choices, default=ScreeningSubject.DISPUTE
    )
    category = models.ForeignKey(
        DisputeCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="纠纷类别",
    )
    description = models.TextField("情况描述")
    place = models.CharField("地点", max_length=200, blank=True)
    people_involved = models.PositiveIntegerField("涉及人数", default=2)
    found_on = models.DateField("发现日期")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    converted_type = models.CharField(max_length=80, blank=True, default="")
    converted_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "排查发现事项"
        verbose_name_plural = "排查发现事项"
        ordering = ["report", "found_on", "id"]
        indexes = [models.Index(fields=["found_on"], name="screening_item_found_on")]
