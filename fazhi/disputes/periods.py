"""Reporting periods of a screening campaign: calendar months, Monday–Sunday weeks or single days,
clipped to the campaign's date range."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from fazhi.disputes.models.choices import Cadence


@dataclass(frozen=True)
class ReportPeriod:
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.start == self.end:
            return f"{self.start.year}年{self.start.month}月{self.start.day}日"
        if (
            self.start.day == 1
            and self.end.day == calendar.monthrange(self.end.year, self.end.month)[1]
            and self.start.month == self.end.month
        ):
            return f"{self.start.year}年{self.start.month}月"
        return f"{self.start:%Y-%m-%d}至{self.end:%Y-%m-%d}"


def _natural(cadence: str, day: date) -> tuple[date, date]:
    if cadence == Cadence.DAILY:
        return day, day
    if cadence == Cadence.WEEKLY:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    first = day.replace(day=1)
    return first, first.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_of(cadence: str, start_on: date, end_on: date, day: date) -> ReportPeriod | None:
    """The campaign period containing `day`, or None outside the campaign."""
    if not start_on <= day <= end_on:
        return None
    first, last = _natural(cadence, day)
    return ReportPeriod(max(first, start_on), min(last, end_on))


def periods(cadence: str, start_on: date, end_on: date, *, until: date | None = None) -> list[ReportPeriod]:
    """Every period of the campaign, in order; with `until`, only those that have started by then."""
    found: list[ReportPeriod] = []
    day = start_on
    stop = min(end_on, until) if until else end_on
    while day <= stop:
        period = period_of(cadence, start_on, end_on, day)
        assert period is not None
        found.append(period)
        day = period.end + timedelta(days=1)
    return found
