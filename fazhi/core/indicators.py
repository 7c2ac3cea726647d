"""The interface between the domain apps and the dashboard and annual report: figures with provenance.

Each domain app registers one indicator source (`register`), a function that, for an actor, a unit
and a period, returns its figures. Every figure names the records it counts (a link to their scoped
list and the ids), so a number in the report can be traced to its records.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), f"{year}年")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        last = first + 2
        return cls(
            date(year, first, 1),
            date(year, last, _calendar.monthrange(year, last)[1]),
            f"{year}年第{'一二三四'[quarter - 1]}季度",
        )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(
            date(year, month, 1),
            date(year, month, _calendar.monthrange(year, month)[1]),
            f"{year}年{month}月",
        )

    @classmethod
    def custom(cls, start: date, end: date) -> Period:
        return cls(start, end, f"{start:%Y-%m-%d}至{end:%Y-%m-%d}")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass
class Figure:
    code: str  # namespaced: "petitions.received"
    label: str  # 受理信访事项
    value: int | float | Decimal | None  # None: not computable (e.g. a rate over zero cases)
    unit: str  # 件 / 次 / 人次 / % / 天
    period: Period
    unit_id: int  # the org unit the figure covers (and below)
    area: str = ""  # report area: "信访", "矛盾纠纷" …
    link: str = ""  # the scoped list of the records counted (drill-down)
    record_ids: list[Any] = field(default_factory=list)  # provenance, frozen into a finalised report
    target: float | None = None  # configured target, for "不足" suggestions
    higher_is_better: bool = True

    @property
    def missed_target(self) -> bool:
        if self.target is None or self.value is None:
            return False
        return float(self.value) < self.target if self.higher_is_better else float(self.value) > self.target


Source = Callable[..., list[Figure]]  # source(*, actor, unit, period) -> figures
SOURCES: dict[str, Source] = {}


def register(area: str, source: Source) -> None:
    SOURCES[area] = source


def figures_for(*, actor: Any, unit: Any, period: Period) -> list[Figure]:
    result: list[Figure] = []
    for source in SOURCES.values():
        result.extend(source(actor=actor, unit=unit, period=period))
    return result
