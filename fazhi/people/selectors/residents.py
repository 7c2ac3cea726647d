"""Reads of places and residents, always scoped: `people.view` and the actor's units (scope_q)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from fazhi.core import crypto
from fazhi.core.errors import NotFound
from fazhi.core.subcount import related_count
from fazhi.org.models import Unit, UnitKind
from fazhi.org.scope import NOTHING, has_perm, scope_q, unit_scope_q, within_unit_q
from fazhi.people import permissions as P
from fazhi.people import rules
from fazhi.people.models import Building, Household, Resident

_ID_RE = re.compile(r"^\d{17}[\dXx]$")
_PHONE_RE = re.compile(r"^1\d{10}$")
_INITIALS_RE = re.compile(r"^[A-Za-z]{1,20}$")


def _scoped(actor: Any, model: type[Any]) -> Q:
    if not has_perm(actor, P.VIEW):
        return NOTHING
    return scope_q(actor, model, unit_field="unit", owner_field=None, participation=False)


def grid_list_for(*, actor: Any) -> QuerySet[Unit]:
    """The grids the actor may see (where residents and buildings hang)."""
    scope = unit_scope_q(actor)
    qs = Unit.objects.filter(kind=UnitKind.GRID, is_active=True)
    return (qs if scope is None else qs.filter(scope)).order_by("path")


def grid_get_for(*, actor: Any, unit_id: int | None = None, code: str = "") -> Unit:
    qs = grid_list_for(actor=actor)
    grid = qs.filter(pk=unit_id).first() if unit_id else qs.filter(code=code).first() if code else None
    if grid is None:
        raise NotFound("网格不存在或无权查看")
    return grid


def building_list_for(*, actor: Any, unit_id: int | None = None) -> QuerySet[Building]:
    qs = Building.objects.filter(_scoped(actor, Building)).select_related("unit")
    if unit_id:
        qs = qs.filter(within_unit_q(unit_id))
    return qs.annotate(household_count=Count("households")).order_by("unit__path", "name")


def building_get_for(*, actor: Any, building_id: int) -> Building:
    building = (
        Building.objects.filter(_scoped(actor, Building), pk=building_id).select_related("unit").first()
    )
    if building is None:
        raise NotFound("楼栋不存在或无权查看")
    return building


def household_list_for(*, actor: Any, building_id: int | None = None, q: str = "") -> QuerySet[Household]:
    qs = Household.objects.filter(_scoped(actor, Household)).select_related("building", "entrance", "unit")
    if building_id:
        qs = qs.filter(building_id=building_id)
    if q:
        qs = qs.filter(address__icontains=q)
    return qs.annotate(member_count=Count("members")).order_by("building__name", "entrance__name", "room")


def household_get_for(*, actor: Any, household_id: int) -> Household:
    household = (
        Household.objects.filter(_scoped(actor, Household), pk=household_id)
        .select_related("building", "entrance", "unit")
        .first()
    )
    if household is None:
        raise NotFound("户不存在或无权查看")
    return household


def search_q(q: str) -> Q:
    """What a search box means: a full ID number or phone → exact blind-index match; latin letters →
    pinyin initials ("zs" → 张三); anything else → name or address contains."""
    q = q.strip()
    if not q:
        return Q()
    if _ID_RE.match(q):
        return Q(id_index=crypto.blind_index(q.upper(), purpose="id_number"))
    if _PHONE_RE.match(q):
        return Q(phone_index=crypto.blind_index(q, purpose="phone"))
    if _INITIALS_RE.match(q):
        return Q(name_initials__startswith=q.lower())
    return Q(name__contains=q) | Q(address__contains=q)


def resident_list_for(
    *,
    actor: Any,
    q: str = "",
    unit_id: int | None = None,
    household_id: int | None = None,
    living_status: str = "",
    include_inactive: bool = False,
) -> QuerySet[Resident]:
    """Residents the actor may see, by grid then name; `q` as in `search_q`."""
    qs = Resident.objects.filter(_scoped(actor, Resident)).filter(search_q(q))
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if unit_id:
        qs = qs.filter(within_unit_q(unit_id))
    if household_id:
        qs = qs.filter(household_id=household_id)
    if living_status:
        qs = qs.filter(living_status=living_status)
    return qs.select_related("unit", "household", "household__building", "household__entrance").order_by(
        "unit__path", "name", "pk"
    )


def resident_get_for(*, actor: Any, resident_id: int) -> Resident:
    resident = (
        Resident.objects.filter(_scoped(actor, Resident), pk=resident_id)
        .select_related("unit", "household", "household__building", "household__entrance")
        .first()
    )
    if resident is None:
        raise NotFound("居民不存在或无权查看")
    return resident


def resident_by_index_for(*, actor: Any, id_index: str) -> Resident | None:
    """The resident with this ID-number blind index, if the actor may see them (for other apps)."""
    if not id_index:
        return None
    return Resident.objects.filter(_scoped(actor, Resident), id_index=id_index).first()


def household_members(household: Household) -> QuerySet[Resident]:
    return Resident.objects.filter(household=household, is_active=True).order_by("relation", "birth_date")


@dataclass(frozen=True)
class GridSize:
    unit: Unit
    households: int
    residents: int
    warnings: list[str]
    basis: str = rules.GRID_SIZE_BASIS


def grid_size_for(*, actor: Any, unit: Unit) -> GridSize:
    """Households and residents on record in a grid, with the configurable size warnings (DOMAIN §3)."""
    households = Household.objects.filter(_scoped(actor, Household), unit=unit).count()
    residents = Resident.objects.filter(_scoped(actor, Resident), unit=unit, is_active=True).count()
    return GridSize(
        unit=unit, households=households, residents=residents, warnings=size_warnings(households, residents)
    )


def size_warnings(households: int, residents: int) -> list[str]:
    """What a grid's size calls for, against the configured limits (about 300 to 500 households)."""
    low, high, most = rules.grid_size_limits()
    warnings = []
    if households > high:
        warnings.append(f"户数 {households} 超过建议上限 {high} 户，建议调整网格划分")
    elif 0 < households < low:
        warnings.append(f"户数 {households} 少于建议下限 {low} 户")
    if residents > most:
        warnings.append(f"居民 {residents} 人超过建议上限 {most} 人")
    return warnings


def grid_sizes_for(
    *, actor: Any, q: str = "", unit_id: int | None = None, attention: bool = False
) -> QuerySet[Unit]:
    """The grids in scope, each annotated with its `household_count` and `resident_count` on record — one count
    through the foreign-key index per grid and relation, so a page of a county's 6,000 grids costs what
    its rows cost. `unit_id`: the grids under that unit; `q`: part of the name; `attention`: only the
    grids whose size is outside the configured limits (`size_warnings`)."""
    if not has_perm(actor, P.VIEW):
        return Unit.objects.none()
    qs = grid_list_for(actor=actor)  # the residents and households of a grid in scope are in scope
    if unit_id:
        qs = qs.filter(within_unit_q(unit_id, prefix=""))
    if q.strip():
        qs = qs.filter(name__icontains=q.strip())
    qs = qs.annotate(
        household_count=related_count(Household, "unit"),
        resident_count=related_count(Resident.objects.filter(is_active=True), "unit"),
    )
    if attention:
        low, high, most = rules.grid_size_limits()
        qs = qs.filter(
            Q(household_count__gt=high)
            | Q(household_count__gt=0, household_count__lt=low)
            | Q(resident_count__gt=most)
        )
    return qs


def resident_row(resident: Resident) -> dict[str, Any]:
    """A ledger/list row, personal data masked."""
    household = resident.household
    return {
        "grid_code": resident.unit.code,
        "building": household.building.name if household else "",
        "entrance": household.entrance.name if household and household.entrance else "",
        "room": household.room if household else "",
        "name": resident.name,
        "id_number": crypto.mask_id_number(resident.id_number),
        "phone": crypto.mask_phone(resident.phone),
        "relation": resident.relation,
        "living_status": resident.living_status,
        "political_status": resident.political_status,
        "note": resident.note,
    }


def residents_export_rows(
    *, actor: Any, q: str = "", unit_id: int | None = None, living_status: str = ""
) -> Iterator[dict[str, Any]]:
    qs = resident_list_for(actor=actor, q=q, unit_id=unit_id, living_status=living_status)
    for resident in qs.iterator(chunk_size=2000):
        yield resident_row(resident)


def household_lock(*, actor: Any, household_id: int) -> Household:
    """For services elsewhere (points): the household in scope, locked, so balance checks serialise."""
    visible = Household.objects.filter(_scoped(actor, Household), pk=household_id).values("pk")
    household = (
        Household.objects.select_for_update(of=("self",))
        .filter(pk__in=visible)
        .select_related("unit")
        .first()
    )
    if household is None:
        raise NotFound("户不存在或无权查看")
    return household
