"""每月通报: the same indicators for one month and each community (or each grid of a community), ranked.

Pure: `assemble` takes each child unit's figures and ranks every indicator best first — descending
where higher is better, ascending where lower is better (e.g. 脱管失控). Equal values share a place and
the next place is skipped (1, 1, 3), listed in tree order; a value that cannot be computed is listed last without a place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fazhi.core.indicators import Figure, Period
from fazhi.reports import wording


@dataclass
class Entry:
    unit_id: int
    unit_name: str
    value: int | float | Decimal | None
    exact: str
    record_count: int
    link: str
    rank: int | None = None

    @property
    def rank_text(self) -> str:
        return "—" if self.rank is None else f"第{self.rank}名"


@dataclass
class Indicator:
    code: str
    label: str
    unit: str
    higher_is_better: bool
    entries: list[Entry] = field(default_factory=list)

    @property
    def order_note(self) -> str:
        return "数值越高越好" if self.higher_is_better else "数值越低越好"


@dataclass
class Area:
    name: str
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Bulletin:
    title: str
    unit_id: int
    unit_name: str
    period: Period
    child_label: str  # 社区 / 网格
    opening: str
    areas: list[Area]
    empty_text: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "unit": {"id": self.unit_id, "name": self.unit_name},
            "period": {
                "label": self.period.label,
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
            },
            "child_label": self.child_label,
            "areas": [
                {
                    "name": a.name,
                    "indicators": [
                        {
                            "code": i.code,
                            "label": i.label,
                            "unit": i.unit,
                            "higher_is_better": i.higher_is_better,
                            "entries": [
                                {
                                    "rank": e.rank,
                                    "unit_id": e.unit_id,
                                    "unit_name": e.unit_name,
                                    "value": None if e.value is None else float(e.value),
                                    "display": e.exact,
                                    "record_count": e.record_count,
                                    "link": e.link,
                                }
                                for e in i.entries
                            ],
                        }
                        for i in a.indicators
                    ],
                }
                for a in self.areas
            ],
        }


def rank(entries: list[Entry], *, higher_is_better: bool) -> list[Entry]:
    """Best first; equal values share a place (competition ranking); None last, unranked."""
    valued = [e for e in entries if e.value is not None]
    # Stable: equal values keep the order given (the units' tree order).
    valued.sort(key=lambda e: float(e.value), reverse=higher_is_better)  # type: ignore[arg-type]
    place, previous = 0, None
    for position, entry in enumerate(valued, start=1):
        if entry.value != previous:
            place, previous = position, entry.value
        entry.rank = place
    return valued + [e for e in entries if e.value is None]


def assemble(
    *,
    unit_id: int,
    unit_name: str,
    period: Period,
    child_label: str,
    children: list[tuple[int, str, dict[str, list[Figure]]]],
) -> Bulletin:
    """The bulletin from each child unit's figures by area: (child id, child name, {area: figures})."""
    areas: dict[str, dict[str, Indicator]] = {}
    for child_id, child_name, by_area in children:
        for area, figures in by_area.items():
            indicators = areas.setdefault(area, {})
            for f in figures:
                indicator = indicators.setdefault(
                    f.code, Indicator(f.code, f.label, f.unit, f.higher_is_better)
                )
                indicator.entries.append(
                    Entry(
                        unit_id=child_id,
                        unit_name=child_name,
                        value=f.value,
                        exact=wording.exact(f.value, f.unit),
                        record_count=f.record_count,
                        link=f.link,
                    )
                )
    result = []
    for name, indicators in areas.items():
        for indicator in indicators.values():
            indicator.entries = rank(indicator.entries, higher_is_better=indicator.higher_is_better)
        result.append(Area(name, list(indicators.values())))
    month = f"{period.start.year}年{period.start.month}月"
    return Bulletin(
        title=f"{unit_name}{month}法治建设工作情况通报",
        unit_id=unit_id,
        unit_name=unit_name,
        period=period,
        child_label=child_label,
        opening=(
            f"现将{month}各{child_label}法治建设工作主要指标通报如下。各项指标按{child_label}由优到劣排列，"
            f"数值相同的名次并列；数据均取自系统台账，统计期间为{period.start.month}月{period.start.day}日至"
            f"{period.end.month}月{period.end.day}日。"
        ),
        areas=result,
        empty_text=f"本月系统中暂无各{child_label}的统计数据。"
        if children
        else f"{unit_name}下没有可通报的{child_label}。",
    )
