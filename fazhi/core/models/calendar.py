"""Administrator-entered calendar days for years the chinese-calendar package does not know."""

from __future__ import annotations

from django.db import models


class CalendarDay(models.Model):
    """One day of a published 国务院办公厅 schedule: a holiday, or an adjusted working day (调休)."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("上班", help_text="调休上班日为是，法定节假日为否")
    name = models.CharField("名称", max_length=40, blank=True)

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {'调休上班' if self.is_workday else '放假'} {self.name}".strip()


class CalendarYear(models.Model):
    """A year whose schedule an administrator has entered in full (its CalendarDay rows)."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    source = models.CharField("依据", max_length=200, blank=True, help_text="如：国办发明电〔2027〕X号")

    class Meta:
        verbose_name = "已录入年度日历"
        verbose_name_plural = "已录入年度日历"

    def __str__(self) -> str:
        return f"{self.year}年"
