"""积分登记表 (import): historical awards kept in Excel, entered through the same rule checks.

Only awards under rules that need no evidence can be imported: a deduction needs evidence and a
second person's approval, and an evidence-bound award needs its file, so those go through the pages.
Importing the same file twice adds nothing: an entry with the same household, rule, date and reason
is taken as already there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from fazhi.core.ledgers import Column, Ledger, Row, RowError
from fazhi.grid.models import PointsEntry, RuleKind
from fazhi.grid.selectors.points import awarded_in_period, rule_list_for
from fazhi.people.selectors import household_list_for

POINTS_IMPORT = Ledger(
    "积分登记表",
    [
        Column("grid_code", "网格编码", required=True, max_length=40, example="SH-JQ-01"),
        Column("building", "楼栋", required=True, max_length=40, example="11号楼"),
        Column("entrance", "单元", max_length=20, example="1单元"),
        Column("room", "房号", required=True, max_length=20, example="101"),
        Column(
            "rule",
            "积分事项编码",
            required=True,
            max_length=30,
            example="help",
            rule="积分规则中的编码，仅限无须附依据的加分事项",
        ),
        Column("occurred_on", "发生日期", type="date", required=True, example="2022-06-01"),
        Column("reason", "事由", max_length=200, example="帮助邻居搬运物品"),
    ],
    natural_key=("grid_code", "building", "entrance", "room", "rule", "occurred_on", "reason"),
)


class PointsImport:
    def __init__(self, *, actor: Any) -> None:
        self.actor = actor

    def check(self, rows: list[Row]) -> Iterable[RowError]:
        homes = {
            (h.unit.code, h.building.name, h.entrance.name if h.entrance else "", h.room): h
            for h in household_list_for(actor=self.actor).filter(
                unit__code__in={r.values["grid_code"] for r in rows}
            )
        }
        rules = list(rule_list_for(actor=self.actor).filter(code__in={r.values["rule"] for r in rows}))
        used: dict[tuple[int, int, Any], int] = {}
        today = timezone.localdate()
        errors = []
        for row in rows:
            v = row.values
            home = homes.get((v["grid_code"], v["building"], v.get("entrance") or "", v["room"]))
            if home is None:
                errors.append(RowError(row.line, "房号", "未找到该户（须为本人管辖范围内已登记的住户）"))
                continue
            paths = {*home.unit.ancestor_paths(), home.unit.path}
            rule = next((r for r in rules if r.code == v["rule"] and r.unit.path in paths), None)
            if rule is None:
                errors.append(RowError(row.line, "积分事项编码", "积分规则不存在或不适用于该户"))
                continue
            if rule.kind != RuleKind.AWARD or rule.evidence_required:
                errors.append(
                    RowError(row.line, "积分事项编码", "扣分及须附依据的事项不能导入，请在页面登记并附依据")
                )
                continue
            if v["occurred_on"] > today:
                errors.append(RowError(row.line, "发生日期", "不能晚于今天"))
                continue
            v["_home"], v["_rule"] = home, rule
            if rule.cap is not None:
                key = (home.pk, rule.pk, v["occurred_on"].year)
                so_far = used.get(key)
                if so_far is None:
                    so_far = awarded_in_period(household_id=home.pk, rule=rule, day=v["occurred_on"])
                if so_far + rule.points > rule.cap:
                    errors.append(
                        RowError(row.line, "积分事项编码", f"超过“{rule.name}”周期上限{rule.cap}分")
                    )
                used[key] = so_far + rule.points
        return errors

    def upsert(self, rows: list[dict[str, Any]]) -> tuple[int, int]:
        created = 0
        for v in rows:
            reason = (v.get("reason") or v["_rule"].name)[:200]
            if PointsEntry.objects.filter(
                household=v["_home"], rule=v["_rule"], occurred_on=v["occurred_on"], reason=reason
            ).exists():
                continue
            PointsEntry.objects.create(
                unit=v["_home"].unit,
                household=v["_home"],
                kind="award",
                points=v["_rule"].points,
                rule=v["_rule"],
                occurred_on=v["occurred_on"],
                reason=reason,
                recorded_by=self.actor,
            )
            created += 1
        return created, 0
