"""Small builders for people tests: a building, a household, residents and key persons through the
services, as a community clerk of community A would enter them."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from fazhi.people import services
from fazhi.people.idgen import fictitious_id_number
from fazhi.people.models import KeyPersonCategory
from fazhi.testing import GRID_A1, persona, unit

_serial = itertools.count(1)


def new_id(birth: dt.date = dt.date(1980, 5, 1), *, female: bool = False) -> str:
    return fictitious_id_number(birth, next(_serial), female=female)


def household(grid: str = GRID_A1, building: str = "1号楼", room: str = "101", actor: Any = None) -> Any:
    actor = actor or persona("community_a" if grid.startswith("SH-JQ") else "clerk")
    from fazhi.people.models import Building

    found = Building.objects.filter(unit=unit(grid), name=building).first()
    if found is None:
        found = services.building_create(actor=actor, unit_id=unit(grid).pk, name=building)
    return services.household_create(actor=actor, building_id=found.pk, entrance="1单元", room=room)


def resident(
    name: str = "张三", *, grid: str = GRID_A1, home: Any = None, female: bool = False, **fields: Any
) -> Any:
    actor = persona("community_a" if grid.startswith("SH-JQ") else "clerk")
    home = home or household(grid=grid, room=str(100 + next(_serial)))
    fields.setdefault("id_number", new_id(female=female))
    fields.setdefault("phone", f"139{next(_serial):08d}")
    return services.resident_create(actor=actor, name=name, household_id=home.pk, **fields)


def category(code: str) -> KeyPersonCategory:
    return KeyPersonCategory.objects.get(code=code)


def key_person(
    code: str = "mental",
    *,
    level: int | None = 2,
    registered_on: dt.date = dt.date(2022, 3, 1),
    grid: str = GRID_A1,
    **fields: Any,
) -> Any:
    person = resident(grid=grid, name=fields.pop("name", "李四"), female=fields.pop("female", False))
    if code == "corrections":
        fields.setdefault("effective_on", registered_on)
    return services.keyperson_register(
        actor=persona("community_a"),
        resident_id=person.pk,
        category_id=category(code).pk,
        registered_on=registered_on,
        danger_level=level if code == "mental" else None,
        **fields,
    )
