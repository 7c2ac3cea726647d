"""The workday calendar: public holidays and adjusted working days (调休) as 国务院办公厅 publishes them.

The schedule comes from the chinese-calendar package, overlaid by rows an administrator enters
(CalendarDay: an admin row wins over the package for its date). A year the package does not know
counts only once an administrator marks it entered (CalendarYear); until then any question about one
of its days raises UnknownCalendarYear — a statutory deadline is never guessed (DOMAIN.md §0).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import chinese_calendar
from django.db import transaction

from fazhi.core.audit import audit_record
from fazhi.core.errors import FazhiError, ValidationFailed
from fazhi.core.models import CalendarDay, CalendarYear

ONE_DAY = dt.timedelta(days=1)

# The package answers for exactly these years (its own check uses the same bounds) and raises
# NotImplementedError outside them; its `holidays` / `workdays` maps are public (`__all__`).
PACKAGE_YEARS = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)

# Admin rows are cached per year and process. Every write through the services below clears the
# cache at once and again on commit; other processes (granian workers, the task worker) have their
# own cache, so it also expires after this many seconds — the longest an edit can go unseen there.
CACHE_SECONDS = 60

MIN_YEAR, MAX_YEAR = 2000, 2100  # a guard against typos in the admin form, not a legal limit


class UnknownCalendarYear(FazhiError):
    """A computation needs a day of a year whose holiday schedule nobody has entered yet."""

    code = "calendar_unknown_year"
    status = 400

    def __init__(self, year: int) -> None:
        super().__init__(
            f"{year}年的节假日安排尚未录入，无法计算期限：请系统管理员在后台“节假日与调休”中录入该年的放假和调休日，再在“已录入年度日历”中登记该年",
            year=year,
        )
        self.year = year


# --- the per-year overlay of admin rows, cached ------------------------------------------------


@dataclass(frozen=True)
class _Overlay:
    entered: bool  # a CalendarYear row exists
    days: dict[dt.date, tuple[bool, str]] = field(default_factory=dict)  # date -> (is_workday, name)
    loaded_at: float = 0.0


_cache: dict[int, _Overlay] = {}
_lock = threading.Lock()
_generation = 0  # bumped by every clear, so a load that raced with a clear is not stored


def calendar_cache_clear() -> None:
    """Forget every cached year; the services call this after each edit (tests may call it too)."""
    global _generation
    with _lock:
        _generation += 1
        _cache.clear()


def _overlay(year: int) -> _Overlay:
    cached = _cache.get(year)
    if cached is not None and time.monotonic() - cached.loaded_at < CACHE_SECONDS:
        return cached
    generation = _generation
    rows = CalendarDay.objects.filter(date__year=year).values_list("date", "is_workday", "name")
    overlay = _Overlay(
        entered=CalendarYear.objects.filter(year=year).exists(),
        days={day: (workday, name) for day, workday, name in rows},
        loaded_at=time.monotonic(),
    )
    with _lock:
        if generation == _generation:
            _cache[year] = overlay
    return overlay


def _require(day: dt.date) -> _Overlay:
    # A datetime is a date subclass, but its calendar day depends on a time zone: callers pass
    # timezone.localdate() or a DateField value, never a datetime.
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise TypeError(f"expected a date, got {type(day).__name__}")
    overlay = _overlay(day.year)
    if day.year not in PACKAGE_YEARS and not overlay.entered:
        raise UnknownCalendarYear(day.year)
    return overlay


# --- questions about one day ------------------------------------------------------------------


def known_year(year: int) -> bool:
    """Whether deadlines may use days of `year`: the package knows it, or an administrator entered it."""
    return year in PACKAGE_YEARS or _overlay(year).entered


def is_workday(day: dt.date) -> bool:
    """A working day: Monday–Friday unless a public holiday, or a 调休 Saturday/Sunday.

    Raises UnknownCalendarYear for a year neither the package nor an administrator knows.
    """
    overlay = _require(day)
    if day in overlay.days:
        return overlay.days[day][0]
    if day in chinese_calendar.workdays:
        return True
    if day in chinese_calendar.holidays:
        return False
    return day.weekday() < 5


def is_holiday(day: dt.date) -> bool:
    """A rest day — 法定休假日 in 民法典 Art. 203, weekends included; a 调休 working day is not one."""
    return not is_workday(day)


def day_name(day: dt.date) -> str:
    """The Chinese name of the holiday or 调休 a day belongs to ("国庆节"), or "" for an ordinary day."""
    overlay = _require(day)
    if day in overlay.days:
        return overlay.days[day][1]
    english = chinese_calendar.workdays.get(day) or chinese_calendar.holidays.get(day)
    return chinese_calendar.Holiday(english).chinese if english else ""


def next_workday(day: dt.date) -> dt.date:
    """The first working day strictly after `day`."""
    day += ONE_DAY
    while not is_workday(day):
        day += ONE_DAY
    return day


def workday_on_or_after(day: dt.date) -> dt.date:
    """`day` itself if it is a working day, else the next one — the holiday roll of 民法典 Art. 203."""
    return day if is_workday(day) else next_workday(day)


# --- administrator edits ----------------------------------------------------------------------


def _after_edit() -> None:
    # Clear now so this transaction's own later computations see the edit, and again on commit so
    # that a load by another thread that read the old rows before the commit is dropped.
    calendar_cache_clear()
    transaction.on_commit(calendar_cache_clear)


def _check_year(year: int, name: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationFailed.field(name, f"年份应在 {MIN_YEAR}–{MAX_YEAR} 之间")


def calendar_day_check(*, date: dt.date, name: str) -> None:
    """Raise ValidationFailed if the day cannot be entered (the admin form shows it on the field)."""
    _check_year(date.year, "date")
    if len(name.strip()) > CalendarDay._meta.get_field("name").max_length:  # type: ignore[operator]
        raise ValidationFailed.field("name", "名称不能超过 40 个字")


def calendar_year_check(*, year: int, source: str) -> None:
    """Raise ValidationFailed if the year cannot be marked entered: every year has at least 元旦, so
    a year without any entered day is one nobody has entered yet."""
    _check_year(year, "year")
    if len(source.strip()) > CalendarYear._meta.get_field("source").max_length:  # type: ignore[operator]
        raise ValidationFailed.field("source", "依据不能超过 200 个字")
    if not CalendarDay.objects.filter(date__year=year).exists():
        raise ValidationFailed.field("year", f"请先录入{year}年的节假日与调休，再标记该年度已录入")


def calendar_day_save(*, actor: Any, date: dt.date, is_workday: bool, name: str) -> CalendarDay:
    """Enter or correct one day of the published schedule: a holiday, or a 调休 working day.

    The row wins over the package for that date. Raises ValidationFailed on a bad year or name.
    """
    calendar_day_check(date=date, name=name)
    name = name.strip()
    # Not durable: Django admin already wraps its save in a transaction.
    with transaction.atomic():
        day, created = CalendarDay.objects.update_or_create(
            date=date, defaults={"is_workday": is_workday, "name": name}
        )
        audit_record(
            actor=actor,
            action="core.calendar_day_save",
            obj=day,
            data={"date": date.isoformat(), "is_workday": is_workday, "name": name, "created": created},
        )
        _after_edit()
    return day


def calendar_day_delete(*, actor: Any, date: dt.date) -> None:
    """Remove an entered day, so the package (or a plain weekday/weekend) applies again."""
    with transaction.atomic():
        day = CalendarDay.objects.select_for_update().filter(date=date).first()
        if day is None:
            return
        audit_record(
            actor=actor,
            action="core.calendar_day_delete",
            obj=day,
            data={"date": date.isoformat(), "is_workday": day.is_workday, "name": day.name},
        )
        day.delete()
        _after_edit()


def calendar_year_mark(*, actor: Any, year: int, source: str) -> CalendarYear:
    """Mark a year's schedule as entered in full, naming the notice it came from (国办发明电〔…〕号).

    From then on its days count as known. Raises ValidationFailed (calendar_year_check).
    """
    source = source.strip()
    with transaction.atomic():
        calendar_year_check(year=year, source=source)
        marked, created = CalendarYear.objects.update_or_create(year=year, defaults={"source": source})
        audit_record(
            actor=actor,
            action="core.calendar_year_mark",
            obj=marked,
            data={"year": year, "source": source, "created": created},
        )
        _after_edit()
    return marked


def calendar_year_unmark(*, actor: Any, year: int) -> None:
    """Withdraw a year's mark; deadlines reaching into it raise UnknownCalendarYear again."""
    with transaction.atomic():
        marked = CalendarYear.objects.select_for_update().filter(year=year).first()
        if marked is None:
            return
        audit_record(
            actor=actor,
            action="core.calendar_year_unmark",
            obj=marked,
            data={"year": year, "source": marked.source},
        )
        marked.delete()
        _after_edit()
