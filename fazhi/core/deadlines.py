"""Statutory deadlines: each rule with its legal basis, and the one function that computes a due date.

Counting follows 民法典 Art. 200–204 (DOMAIN.md §0): the day of the event is not counted; a period in
months or years ends on the corresponding day (the month's last day if there is none); a period whose
last day is a rest day ends on the next working day. 工作日 periods count working days only.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module
from typing import Literal

from django.apps import apps
from django.utils.module_loading import module_has_submodule

from fazhi.core.calendar import ONE_DAY, is_workday, workday_on_or_after
from fazhi.core.errors import ValidationFailed

Unit = Literal["calendar", "workday", "month", "year"]
Status = Literal["overdue", "due_soon", "ok"]
UNIT_TEXT: dict[str, str] = {"calendar": "日", "workday": "个工作日", "month": "个月", "year": "年"}

# A deadline this many calendar days away or fewer shows as 即将到期.
DUE_SOON_DAYS = 3

Pause = tuple[dt.date, dt.date]

_RULES: dict[str, Rule] = {}
_discovered = False


@dataclass(frozen=True)
class Rule:
    """A statutory period, declared once in its app's rules.py: `days` counts `unit`s (months for
    "month", years for "year"); `basis` cites the article, shown to users beside the deadline.

    Declaring a rule registers it by code, so a stored deadline keeps only the code.
    """

    code: str  # "<app>.<name>", e.g. "petitions.handling"; stored on the record, never renamed
    label: str  # Chinese, e.g. "办理期限"
    days: int
    unit: Unit
    basis: str  # e.g. "《信访工作条例》第三十四条"

    def __post_init__(self) -> None:
        if "." not in self.code or not self.label or not self.basis:
            raise ValueError(f"rule {self.code!r} needs an '<app>.<name>' code, a label and a basis")
        if self.unit not in UNIT_TEXT or self.days <= 0:
            raise ValueError(f"rule {self.code!r}: unit must be one of {list(UNIT_TEXT)}, days positive")
        existing = _RULES.setdefault(self.code, self)
        if existing != self:
            raise ValueError(f"deadline rule {self.code!r} is declared twice with different terms")

    @property
    def period_text(self) -> str:
        """The period as users read it: "60日", "5个工作日", "6个月", "2年"."""
        return f"{self.days}{UNIT_TEXT[self.unit]}"


def _discover() -> None:
    # Like admin.autodiscover: import each fazhi app's rules.py so that a page can show a stored
    # code before anything else imported that module — without core importing any app by name.
    global _discovered
    for config in apps.get_app_configs():
        if config.name.startswith("fazhi.") and module_has_submodule(config.module, "rules"):
            import_module(f"{config.name}.rules")
    _discovered = True


def rule_get(code: str) -> Rule:
    """The rule a stored deadline came from; raises KeyError for a code no app declares."""
    if code not in _RULES and not _discovered:
        _discover()
    try:
        return _RULES[code]
    except KeyError:
        raise KeyError(f"no deadline rule {code!r}; declare it in its app's rules.py") from None


def rule_list() -> list[Rule]:
    """Every declared rule, by code (for a page listing the statutory periods the system applies)."""
    if not _discovered:
        _discover()
    return sorted(_RULES.values(), key=lambda rule: rule.code)


@dataclass(frozen=True)
class Deadline:
    """A computed due date with where it came from; `pauses` are the spans that counted (clipped),
    `paused_days` their length in the rule's day unit, `rolled_from` the last day before the
    holiday roll (None if it did not roll)."""

    due: dt.date
    rule_code: str
    label: str
    basis: str
    start: dt.date
    pauses: tuple[Pause, ...] = ()
    paused_days: int = 0
    extension_days: int = 0
    rolled_from: dt.date | None = None

    @property
    def rule(self) -> Rule:
        return rule_get(self.rule_code)

    def days_left(self, today: dt.date) -> int:
        """Calendar days from `today` to the due date: 0 on the due day itself, negative when overdue."""
        return (self.due - today).days

    def status(self, today: dt.date, *, soon_days: int | None = None) -> Status:
        """Overdue after the due day (which ends at 24:00, 民法典 Art. 203); due soon within
        `soon_days` (default DUE_SOON_DAYS) calendar days; else ok."""
        left = self.days_left(today)
        if left < 0:
            return "overdue"
        return "due_soon" if left <= (DUE_SOON_DAYS if soon_days is None else soon_days) else "ok"

    def __str__(self) -> str:
        due = f"{self.due.year}年{self.due.month}月{self.due.day}日"
        return f"{self.label}：{due}（{self.basis}）"


def _add_months(start: dt.date, months: int) -> dt.date:
    # 民法典 Art. 202: the corresponding day of the target month, or its last day if there is none.
    years, month0 = divmod(start.month - 1 + months, 12)
    year, month = start.year + years, month0 + 1
    return dt.date(year, month, min(start.day, _stdlib_calendar.monthrange(year, month)[1]))


def _add_workdays(day: dt.date, count: int) -> dt.date:
    while count > 0:
        day += ONE_DAY
        if is_workday(day):
            count -= 1
    return day


def _merged(pauses: Iterable[Pause]) -> list[Pause]:
    spans = sorted(pauses)
    for first, last in spans:
        if last < first:
            raise ValidationFailed.field("pauses", f"暂停期间的结束日 {last} 早于开始日 {first}")
    merged: list[Pause] = []
    for first, last in spans:
        # Overlapping or touching pauses are one pause, so no day is counted twice.
        if merged and first <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def deadline(
    rule: Rule, start: dt.date, *, pauses: Iterable[Pause] = (), extension_days: int = 0
) -> Deadline:
    """The due date of `rule` for an event on `start` (民法典 Art. 201–203; DOMAIN.md §0).

    Pauses: each (first, last) span is inclusive — the clock does not run on those days. Days on or
    before `start` are dropped; overlapping spans merge. Taken in date order, a pause counts if its
    first day is on or before the due date as it stands (the period, extension and pauses counted so
    far, after the holiday roll); it then moves the end by its length: its working days for a
    "workday" rule, its calendar days otherwise (months and years included). A later pause may so
    fall inside a period an earlier one lengthened.

    Extension: `extension_days` lengthens the period itself (working days for a "workday" rule,
    calendar days otherwise), e.g. 信访工作条例 Art. 34's at most 30 days; pauses count within it.
    The rest-day roll applies once, to the last day of the whole period; a "workday" period always
    ends on a working day. Raises UnknownCalendarYear when a day it must judge is in an unknown year.
    """
    if extension_days < 0:
        raise ValidationFailed.field("extension_days", "延长期限不能为负数")
    workdays = rule.unit == "workday"
    if workdays:
        end = _add_workdays(start, rule.days + extension_days)
    elif rule.unit == "calendar":
        end = start + dt.timedelta(days=rule.days + extension_days)
    else:
        months = rule.days * (12 if rule.unit == "year" else 1)
        end = _add_months(start, months) + dt.timedelta(days=extension_days)

    def rolled(day: dt.date) -> dt.date:
        return day if workdays else workday_on_or_after(day)

    applied: list[Pause] = []
    paused = 0
    for first, last in _merged(pauses):
        first = max(first, start + ONE_DAY)
        if first > last:
            continue  # wholly on or before the start day: the clock was not running yet
        if first > rolled(end):
            break  # the period had run out before this pause (and, in date order, every later one)
        if workdays:
            length = working_days_between(first - ONE_DAY, last)
            end = _add_workdays(end, length)
        else:
            length = (last - first).days + 1
            end += dt.timedelta(days=length)
        applied.append((first, last))
        paused += length

    due = rolled(end)
    return Deadline(
        due=due,
        rule_code=rule.code,
        label=rule.label,
        basis=rule.basis,
        start=start,
        pauses=tuple(applied),
        paused_days=paused,
        extension_days=extension_days,
        rolled_from=end if due != end else None,
    )


def calendar_days_between(a: dt.date, b: dt.date) -> int:
    """Calendar days from `a` to `b`, `a` not counted (the 民法典 Art. 201 way): 0 on the same day."""
    return (b - a).days


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days after `a` up to and including `b` (so a 5-working-day rule's due date gives 5);
    negative when `b` is before `a`. Used for "average handling days" indicators."""
    if b < a:
        return -working_days_between(b, a)
    count, day = 0, a
    while day < b:
        day += ONE_DAY
        count += is_workday(day)
    return count
