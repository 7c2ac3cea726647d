"""The interface between the domain apps and the dashboard and annual report: figures with provenance.

Each domain app registers, in its AppConfig.ready, up to three functions under its area name (the
report's wording of the work: "信访", "矛盾纠纷", "重点人员" …):

    indicators.register(AREA, figures)             # figures(*, actor, unit, period) -> list[Figure]
    indicators.register_narrative(AREA, passages)  # passages(*, actor, unit, period) -> list[str]
    indicators.register_alerts(AREA, alerts)       # alerts(*, actor, unit, today) -> list[Alert]

Every function gets the actor (and must answer only what the actor's scope allows), the org unit whose
subtree it covers, and the period (or, for alerts, today). Every figure names the records it counts (a
link to their scoped list, their count, and a loader of their ids that only a report version calls), so
a number in the report can be traced to its records. A
narrative passage may cite one of its area's figures as ``{{code}}``; the report writes the number in its
place and keeps the figure's provenance. Sources must be cheap (a few aggregate queries): the dashboard
calls each one once per request, and nothing is cached across actors. At county scale a source reads
the pre-aggregated buckets (fazhi.core.buckets) when the actor sees the unit's whole subtree.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cache
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
    area: str = ""  # report area: "信访", "矛盾纠纷" …; blank: the area the source is registered under
    link: str = ""  # the scoped list of the records counted (drill-down)
    record_ids: list[Any] = field(default_factory=list)  # provenance, frozen into a finalised report
    target: float | None = None  # configured target, for "不足" suggestions
    higher_is_better: bool = True
    definition: str = ""  # 统计口径, e.g. "按登记日期统计，含转送件"; shown in the report's annex
    count: int | None = None  # how many records the figure counts (None: len(record_ids))
    # The ids of those records, loaded only when asked (`ids()`): the dashboard shows the count and the
    # link; a report version freezes the ids. Sources at scale give `count` and `records` instead of
    # materialising `record_ids` on every call.
    records: Callable[[], list[Any]] | None = field(default=None, repr=False, compare=False)

    @property
    def record_count(self) -> int:
        return len(self.record_ids) if self.count is None else self.count

    def ids(self) -> list[Any]:
        """The ids of the records counted (queried now when the source gave a loader)."""
        if self.records is not None and not self.record_ids:
            return list(self.records())
        return list(self.record_ids)

    @property
    def missed_target(self) -> bool:
        if self.target is None or self.value is None:
            return False
        return float(self.value) < self.target if self.higher_is_better else float(self.value) > self.target


def id_loader(qs: Any) -> Callable[[], list[int]]:
    """A `Figure.records` loader: the primary keys of a queryset, sorted. One query whose single row
    holds the ids joined into one text (`grouped_ids`); a report version calls it once per record set,
    and at county scale a set holds millions."""

    def load() -> list[Any]:
        return grouped_ids(qs.order_by().values_list("pk")).get(None, [])

    return load


def id_groups(qs: Any) -> Callable[[], dict[Any, list[int]]]:
    """For figures cut from one record set by a value: a loader, run once however often called, of
    `qs` (a values_list of pk and one value) as value → sorted pks. Each cut is then `groups()[value]`
    and the whole set `all_ids(groups)`, with one query between them."""

    @cache
    def load() -> dict[Any, list[int]]:
        return grouped_ids(qs.order_by())

    return load


def all_ids(groups: Callable[[], dict[Any, list[int]]]) -> list[int]:
    """Every id of an `id_groups` loader, sorted."""
    ids = [pk for part in groups().values() for pk in part]
    ids.sort()
    return ids


def grouped_ids(qs: Any) -> dict[Any, list[int]]:
    """The integer primary keys of a values_list queryset — (pk,) or (pk, value) — sorted, by value
    (None for the first form). The database joins each group's ids into one text (SQLite
    group_concat, PostgreSQL string_agg), so a million ids cross as a few rows instead of a million
    row tuples: reading 3.5 M ids row by row was 3 s of a county report's 5 (bench/, report)."""
    from django.core.exceptions import EmptyResultSet
    from django.db import connections

    connection = connections[qs.db]
    try:
        sql, params = qs.query.get_compiler(using=qs.db).as_sql()
    except EmptyResultSet:  # qs.none(), a filter on an empty list
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql}) fz_ids LIMIT 0", params)
        names = [connection.ops.quote_name(c[0]) for c in cursor.description]
        pk = names[0]
        joined = (
            f"string_agg({pk}::text, ',')" if connection.vendor == "postgresql" else f"group_concat({pk})"
        )
        if len(names) > 1:
            cursor.execute(f"SELECT {names[1]}, {joined} FROM ({sql}) fz_ids GROUP BY {names[1]}", params)
        else:
            cursor.execute(f"SELECT NULL, {joined} FROM ({sql}) fz_ids", params)
        rows = cursor.fetchall()
    groups: dict[Any, list[int]] = {}
    for key, text in rows:
        if text:
            ids = list(map(int, text.split(",")))
            ids.sort()
            groups[key] = ids
    return groups


# Severity of an alert, most urgent first: overdue, then 挂牌督办 (supervised), then coming due.
OVERDUE, SUPERVISED, DUE = "overdue", "supervised", "due"
SEVERITY_LABELS = {OVERDUE: "逾期", SUPERVISED: "挂牌督办", DUE: "即将到期"}


@dataclass(frozen=True)
class Alert:
    """An item a leader should see first: overdue, under 挂牌督办, or about to fall due."""

    title: str
    link: str  # the record, scoped like every page
    severity: str = OVERDUE  # OVERDUE / SUPERVISED / DUE
    due: date | None = None
    area: str = ""  # blank: the area the alert source is registered under
    basis: str = ""  # the rule the due date comes from: "《信访工作条例》第三十四条"

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity)


Source = Callable[..., list[Figure]]  # source(*, actor, unit, period) -> figures
Narrative = Callable[..., list[str]]  # narrative(*, actor, unit, period) -> paragraphs
AlertSource = Callable[..., list[Alert]]  # alerts(*, actor, unit, today) -> alerts
SOURCES: dict[str, Source] = {}
NARRATIVES: dict[str, Narrative] = {}
ALERTS: dict[str, AlertSource] = {}


def register(area: str, source: Source) -> None:
    SOURCES[area] = source


def register_narrative(area: str, narrative: Narrative) -> None:
    """Paragraphs drafted from the period's records (campaigns held, rules adopted, trainings …)."""
    NARRATIVES[area] = narrative


def register_alerts(area: str, alerts: AlertSource) -> None:
    """Overdue, 挂牌督办 and due items, shown first on the dashboard."""
    ALERTS[area] = alerts


def areas() -> list[str]:
    """Every area any module registered something under, in registration order."""
    return list(dict.fromkeys([*SOURCES, *NARRATIVES, *ALERTS]))


def figures_for(*, actor: Any, unit: Any, period: Period) -> list[Figure]:
    result: list[Figure] = []
    for source in SOURCES.values():
        result.extend(source(actor=actor, unit=unit, period=period))
    return result


def figures_by_area(*, actor: Any, unit: Any, period: Period) -> dict[str, list[Figure]]:
    """Each source called once; its figures under their area (the registered one when left blank)."""
    result: dict[str, list[Figure]] = {}
    for area, source in SOURCES.items():
        for figure in source(actor=actor, unit=unit, period=period):
            if not figure.area:
                figure = replace(figure, area=area)
            result.setdefault(figure.area, []).append(figure)
    return result


def narratives_for(*, actor: Any, unit: Any, period: Period) -> dict[str, list[str]]:
    """Each narrative called once: area → its non-blank paragraphs."""
    result: dict[str, list[str]] = {}
    for area, narrative in NARRATIVES.items():
        paragraphs = [p.strip() for p in narrative(actor=actor, unit=unit, period=period) if p and p.strip()]
        if paragraphs:
            result[area] = paragraphs
    return result


_SEVERITY_RANK = {OVERDUE: 0, SUPERVISED: 1, DUE: 2}


def alerts_for(*, actor: Any, unit: Any, today: date) -> list[Alert]:
    """Every alert source called once: overdue first, then 挂牌督办, then due; earliest due first."""
    result: list[Alert] = []
    for area, source in ALERTS.items():
        for alert in source(actor=actor, unit=unit, today=today):
            result.append(alert if alert.area else replace(alert, area=area))
    return sorted(result, key=lambda a: (_SEVERITY_RANK.get(a.severity, 3), a.due or date.max, a.title))
