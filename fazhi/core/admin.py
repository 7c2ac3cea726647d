"""Django admin for the holiday schedule; every save and delete goes through the calendar services,
so it is audited and the workday cache is cleared."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from fazhi.core.calendar import (
    calendar_day_check,
    calendar_day_delete,
    calendar_day_save,
    calendar_year_check,
    calendar_year_mark,
    calendar_year_unmark,
)
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import CalendarDay, CalendarYear

WEEKDAYS = "一二三四五六日"
LABELS = {"date": "日期", "is_workday": "上班", "year": "年度"}


class CalendarDayForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CalendarDay
        fields = ["date", "is_workday", "name"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date"):
            _show(self, lambda: calendar_day_check(date=data["date"], name=data.get("name", "")))
        return data


class CalendarYearForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CalendarYear
        fields = ["year", "source"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # On change the year is read-only and so not in the form: check the instance's year.
        year = data.get("year") or self.instance.year
        if year:
            _show(self, lambda: calendar_year_check(year=year, source=data.get("source", "")))
        return data


def _show(form: forms.ModelForm, check: Any) -> None:  # type: ignore[type-arg]
    # The services run the same checks; running them here too puts the message on the form field
    # instead of turning a refused save into a server error.
    try:
        check()
    except ValidationFailed as error:
        for name, message in error.fields.items():
            form.add_error(name if name in form.fields else None, message)


class _ChineseLabels(admin.ModelAdmin):  # type: ignore[type-arg]
    # The models give these fields no verbose name; label them here rather than add a migration.
    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> forms.Field | None:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name in LABELS:
            formfield.label = LABELS[db_field.name]
        return formfield


@admin.register(CalendarDay)
class CalendarDayAdmin(_ChineseLabels):
    form = CalendarDayForm
    list_display = ["date_text", "kind", "name"]
    list_filter = ["is_workday"]
    date_hierarchy = "date"
    search_fields = ["name"]
    ordering = ["-date"]

    @admin.display(description="日期", ordering="date")
    def date_text(self, day: CalendarDay) -> str:
        return f"{day.date:%Y-%m-%d}（周{WEEKDAYS[day.date.weekday()]}）"

    @admin.display(description="安排")
    def kind(self, day: CalendarDay) -> str:
        return "上班（调休）" if day.is_workday else "放假"

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        # The date is the row's identity: to move a day, delete it and enter the new one.
        return ["date"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        saved = calendar_day_save(actor=request.user, date=obj.date, is_workday=obj.is_workday, name=obj.name)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        calendar_day_delete(actor=request.user, date=obj.date)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarDay]) -> None:
        for day in queryset:
            calendar_day_delete(actor=request.user, date=day.date)


@admin.register(CalendarYear)
class CalendarYearAdmin(_ChineseLabels):
    form = CalendarYearForm
    list_display = ["year", "source", "entered_days"]
    ordering = ["-year"]

    @admin.display(description="已录入日数")
    def entered_days(self, marked: CalendarYear) -> int:
        return CalendarDay.objects.filter(date__year=marked.year).count()

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        return ["year"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: CalendarYear, form: Any, change: bool) -> None:
        saved = calendar_year_mark(actor=request.user, year=obj.year, source=obj.source)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarYear) -> None:
        calendar_year_unmark(actor=request.user, year=obj.year)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarYear]) -> None:
        for marked in queryset:
            calendar_year_unmark(actor=request.user, year=marked.year)
