"""Grid events (网格事件): report → accept/verify → dispatch (clock starts) → handle → feedback → check
and close → evaluate, the GB/T 30428 city-management model (DOMAIN.md §3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.org.models import Unit


class EventStatus(models.TextChoices):
    REPORTED = "reported", "已上报"
    ACCEPTED = "accepted", "已受理"
    REJECTED = "rejected", "不予受理"
    DISPATCHED = "dispatched", "已派遣"
    HANDLED = "handled", "已处置"
    FED_BACK = "fed_back", "已反馈"
    CLOSED = "closed", "已结案"
    EVALUATED = "evaluated", "已评价"
    CONVERTED = "converted", "转矛盾纠纷"


class EventCategory(models.TextChoices):
    DISPUTE = "dispute", "矛盾纠纷"
    SAFETY = "safety", "安全隐患"
    FIRE = "fire", "消防隐患"
    ORDER = "order", "治安问题"
    ENVIRONMENT = "environment", "环境卫生"
    FACILITY = "facility", "公共设施"
    SERVICE = "service", "民生服务（代办）"
    OPINION = "opinion", "社情民意"
    OTHER = "other", "其他"


class Evaluation(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class GridEvent(models.Model):
    SEARCH_FIELDS = ("description", "location")  # what search_text is made of (core.search.fill)

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="网格")
    number = models.CharField("事件编号", max_length=20, unique=True)  # SJ2022-000123
    category = models.CharField("类别", max_length=16, choices=EventCategory.choices)
    description = models.TextField("描述")
    location = models.CharField("位置", max_length=200)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=EventStatus.choices, default=EventStatus.REPORTED
    )
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField("上报时间")
    reported_on = models.DateField("上报日期", db_index=True)  # local date, for indicators
    accepted_at = models.DateTimeField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dispatched_at = models.DateTimeField("派遣时间", null=True, blank=True)
    due_on = models.DateField("处置期限", null=True, blank=True)
    due_rule = models.CharField(max_length=60, blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handling = models.TextField("处置情况", blank=True)
    feedback = models.TextField("反馈", blank=True)
    fed_back_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField("结案时间", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True, db_index=True)
    close_note = models.TextField("核查意见", blank=True)
    evaluation = models.CharField("评价", max_length=12, choices=Evaluation.choices, blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)
    conversion_note = models.TextField("转矛盾纠纷说明", blank=True)
    converted_at = models.DateTimeField(null=True, blank=True)
    dispute_id = models.BigIntegerField("矛盾纠纷编号", null=True, blank=True)  # set when disputes takes it
    # Full-text search (fazhi.core.search): the segmented description and location, indexed.
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = "网格事件"
        verbose_name_plural = "网格事件"
        ordering = ["-reported_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "status"], name="grid_event_unit_status"),
            models.Index(fields=["status", "due_on"], name="grid_event_due"),
            # Covering the indicator queries by date and unit (bucket rebuilds, scoped counts, the ids a
            # report version freezes): no table lookups over a year of a county's events.
            models.Index(fields=["reported_on", "unit", "category"], name="grid_event_reported_cover"),
            models.Index(
                fields=["closed_on", "unit", "dispatched_at", "due_on"], name="grid_event_closed_cover"
            ),
            # The list order (newest first): a search for a common word walks it and stops at a page.
            models.Index(fields=["reported_at", "id"], name="grid_event_recent"),
        ]

    def __str__(self) -> str:
        return self.number
