"""Builders for grid tests: points rules at community A, households with residents, items."""

from __future__ import annotations

from typing import Any

from fazhi.grid import services
from fazhi.people.tests import factories as people
from fazhi.testing import COMMUNITY_A, persona, unit


def rule(code: str = "help", kind: str = "award", points: int = 10, **fields: Any) -> Any:
    fields.setdefault("name", "邻里互助" if kind == "award" else "乱堆乱放")
    fields.setdefault("evidence_required", kind == "deduction")
    return services.points_rule_save(
        actor=persona("community_a"),
        unit_id=unit(COMMUNITY_A).pk,
        code=code,
        kind=kind,
        points=points,
        **fields,
    )


def home_with_resident(name: str = "张三") -> tuple[Any, Any]:
    person = people.resident(name)
    return person.household, person


def item(name: str = "洗衣液", cost: int = 20, stock: int = 3) -> Any:
    return services.redemption_item_save(
        actor=persona("community_a"), unit_id=unit(COMMUNITY_A).pk, name=name, cost=cost, stock=stock
    )
