"""Reads of 一网三联 links, rosters, the grid card and 四进网格 activities."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from fazhi.core import crypto
from fazhi.core.errors import NotFound
from fazhi.grid import permissions as P
from fazhi.grid.models import (
    CadreGridLink,
    CadreVisit,
    GridActivity,
    GridProfile,
    PartyContact,
    PartyMemberLink,
    RosterMember,
    RosterRole,
)
from fazhi.org.models import Unit
from fazhi.org.scope import NOTHING, has_perm, scope_q


def _scoped(actor: Any, model: type[Any]) -> Q:
    if not has_perm(actor, P.VIEW):
        return NOTHING
    return scope_q(actor, model, unit_field="unit", owner_field=None, participation=False)


def activity_list_for(
    *, actor: Any, kind: str = "", unit_id: int | None = None, year: int | None = None
) -> QuerySet[GridActivity]:
    qs = GridActivity.objects.filter(_scoped(actor, GridActivity))
    if kind:
        qs = qs.filter(kind=kind)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if year:
        qs = qs.filter(held_on__year=year)
    return qs.select_related("unit", "created_by").order_by("-held_on", "-pk")


def activity_get_for(*, actor: Any, activity_id: int) -> GridActivity:
    activity = activity_list_for(actor=actor).filter(pk=activity_id).first()
    if activity is None:
        raise NotFound("活动不存在或无权查看")
    return activity


def cadre_link_list_for(
    *, actor: Any, unit_id: int | None = None, cadre_id: int | None = None
) -> QuerySet[CadreGridLink]:
    """Cadre–grid links the actor may see; a cadre always sees their own links."""
    q = _scoped(actor, CadreGridLink)
    if has_perm(actor, P.VIEW):
        q |= Q(cadre_id=actor.pk)
    qs = CadreGridLink.objects.filter(q, is_active=True)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if cadre_id:
        qs = qs.filter(cadre_id=cadre_id)
    return (
        qs.select_related("cadre", "unit")
        .annotate(visit_count=Count("visits"))
        .order_by("unit__path", "cadre__username")
    )


def cadre_link_get_for(*, actor: Any, link_id: int) -> CadreGridLink:
    link = cadre_link_list_for(actor=actor).filter(pk=link_id).first()
    if link is None:
        raise NotFound("包联关系不存在或无权查看")
    return link


def cadre_visits_of(link: CadreGridLink) -> QuerySet[CadreVisit]:
    return link.visits.select_related("created_by").order_by("-visited_on", "-pk")


def party_link_list_for(
    *, actor: Any, unit_id: int | None = None, member_id: int | None = None
) -> QuerySet[PartyMemberLink]:
    qs = PartyMemberLink.objects.filter(_scoped(actor, PartyMemberLink), is_active=True)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if member_id:
        qs = qs.filter(member_id=member_id)
    return (
        qs.select_related("member", "household", "unit")
        .annotate(contact_count=Count("contacts"))
        .order_by("unit__path", "member__name", "household__address")
    )


def party_link_get_for(*, actor: Any, link_id: int) -> PartyMemberLink:
    link = party_link_list_for(actor=actor).filter(pk=link_id).first()
    if link is None:
        raise NotFound("联系关系不存在或无权查看")
    return link


def party_contacts_of(link: PartyMemberLink) -> QuerySet[PartyContact]:
    return link.contacts.select_related("created_by").order_by("-contacted_on", "-pk")


def roster_list_for(*, actor: Any, unit_id: int | None = None, role: str = "") -> QuerySet[RosterMember]:
    qs = RosterMember.objects.filter(_scoped(actor, RosterMember), is_active=True)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if role:
        qs = qs.filter(role=role)
    return qs.select_related("unit", "building", "entrance").order_by("unit__path", "role", "name")


def roster_phone(member: RosterMember) -> str:
    """A grid worker's phone is public (滨州条例 Art. 6); others are masked."""
    return member.phone if member.role == RosterRole.GRID_WORKER else crypto.mask_phone(member.phone)


def grid_card(unit: Unit) -> dict[str, Any]:
    """The public notice (公示牌) of a grid: what 滨州条例 Art. 6 says is posted. Public data only."""
    profile = GridProfile.objects.filter(unit=unit).first()
    workers = RosterMember.objects.filter(unit=unit, role=RosterRole.GRID_WORKER, is_active=True).order_by(
        "since"
    )
    community = Unit.objects.filter(path=unit.path[: -Unit.steplen]).first() if unit.depth > 1 else None
    return {
        "unit": unit,
        "community": community,
        "area": profile.area if profile else "",
        "complaint_phone": (profile.complaint_phone if profile else "")
        or (community.phone if community else ""),
        "workers": [{"name": w.name, "phone": w.phone} for w in workers],
        "grid_phone": unit.phone,
        "basis": "《滨州市社会治理网格化服务管理条例》第六条",
    }


def public_grid_get(*, code: str) -> Unit:
    """A grid by its code for the public page (no login): only active grids, nothing personal."""
    unit = Unit.objects.filter(code=code, kind="grid", is_active=True).first()
    if unit is None:
        raise NotFound("网格不存在")
    return unit
