"""A fixture year whose records are known: a fake module standing in for the domain apps.

It registers an indicator source, a narrative and an alert source the way a domain app does in its
AppConfig.ready, answers by unit code, and its numbers can be changed between calls (to show that a
finalised report does not move). Record ids are known, so the provenance rows can be checked exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fazhi.core.indicators import DUE, OVERDUE, SUPERVISED, Alert, Figure, Period


@dataclass
class Row:
    code: str
    label: str
    value: Any
    unit: str
    ids: list[int]
    area: str
    higher_is_better: bool = True
    target: float | None = None


def year_2022() -> dict[str, list[Row]]:
    """The 2022 records of 少海街道 (SH) and two of its communities, by unit code."""
    return {
        "SH": [
            Row("petitions.received", "受理信访事项", 53, "件", list(range(1, 54)), "信访"),
            Row("petitions.on_time_rate", "按期办结率", 97.46, "%", list(range(1, 51)), "信访"),
            Row("disputes.mediated", "调处矛盾纠纷", 634, "件", list(range(1001, 1635)), "矛盾纠纷"),
            Row("disputes.success_rate", "调解成功率", 100.0, "%", list(range(1001, 1635)), "矛盾纠纷"),
            Row(
                "people.out_of_control",
                "脱管失控",
                0,
                "人",
                [],
                "重点人员",
                higher_is_better=False,
                target=0.0,
            ),
        ],
        "SH-JQ": [
            Row("petitions.received", "受理信访事项", 12, "件", list(range(1, 13)), "信访"),
            Row("petitions.on_time_rate", "按期办结率", 91.6, "%", list(range(1, 12)), "信访"),
            Row("disputes.mediated", "调处矛盾纠纷", 200, "件", list(range(1001, 1201)), "矛盾纠纷"),
            Row(
                "people.out_of_control",
                "脱管失控",
                1,
                "人",
                [7],
                "重点人员",
                higher_is_better=False,
                target=0.0,
            ),
        ],
        "SH-HB": [
            Row("petitions.received", "受理信访事项", 30, "件", list(range(13, 43)), "信访"),
            Row("petitions.on_time_rate", "按期办结率", None, "%", [], "信访"),
            Row("disputes.mediated", "调处矛盾纠纷", 200, "件", list(range(1201, 1401)), "矛盾纠纷"),
            Row(
                "people.out_of_control",
                "脱管失控",
                0,
                "人",
                [],
                "重点人员",
                higher_is_better=False,
                target=0.0,
            ),
        ],
    }


@dataclass
class World:
    rows: dict[str, list[Row]] = field(default_factory=year_2022)
    years: set[int] = field(default_factory=lambda: {2022})
    narratives: dict[str, list[str]] = field(
        default_factory=lambda: {
            "信访": [
                "开展春节、两会、国庆等特殊时期矛盾纠纷大排查大调处4次，受理信访事项{{petitions.received}}。"
            ],
        }
    )
    calls: list[tuple[str, str, str]] = field(default_factory=list)  # (what, actor, unit code)
    loaded: list[str] = field(default_factory=list)  # codes whose record ids were asked for

    def _loader(self, row: Row) -> Any:
        def load() -> list[Any]:
            self.loaded.append(row.code)
            return list(row.ids)

        return load

    def figures(self, *, actor: Any, unit: Any, period: Period) -> list[Figure]:
        self.calls.append(("figures", actor.username, unit.code))
        if period.start.year not in self.years:
            return [
                Figure(r.code, r.label, 0 if r.unit != "%" else None, r.unit, period, unit.pk, area=r.area)
                for r in self.rows.get("SH", [])
            ]
        return [
            Figure(
                r.code,
                r.label,
                r.value,
                r.unit,
                period,
                unit.pk,
                area=r.area,
                link=f"/fake/{r.code}/?unit={unit.code}&start={period.start}&end={period.end}",
                count=len(r.ids),
                records=self._loader(r),
                target=r.target,
                higher_is_better=r.higher_is_better,
                definition="按登记日期统计" if r.code == "petitions.received" else "",
            )
            for r in self.rows.get(unit.code, [])
        ]

    def narrative(self, *, actor: Any, unit: Any, period: Period) -> list[str]:
        self.calls.append(("narrative", actor.username, unit.code))
        if period.start.year not in self.years or unit.code != "SH":
            return []
        return list(self.narratives.get("信访", []))

    def alerts(self, *, actor: Any, unit: Any, today: date) -> list[Alert]:
        self.calls.append(("alerts", actor.username, unit.code))
        return [
            Alert("信访件 XF-2022-0007 即将到期", "/fake/petitions/7/", DUE, date(2022, 6, 20)),
            Alert("信访件 XF-2022-0003 已逾期", "/fake/petitions/3/", OVERDUE, date(2022, 6, 1)),
            Alert(
                "纠纷 JF-2022-0011 挂牌督办",
                "/fake/disputes/11/",
                SUPERVISED,
                date(2022, 6, 30),
                area="矛盾纠纷",
            ),
        ]

    def set(self, unit_code: str, code: str, value: Any, ids: list[int]) -> None:
        row = next(r for r in self.rows[unit_code] if r.code == code)
        row.value, row.ids = value, ids

    def count(self, what: str) -> int:
        return sum(1 for w, *_ in self.calls if w == what)
