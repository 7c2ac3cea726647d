"""Reads of key persons. Lists are masked (names too); a profile needs a stated purpose and each view is
audited without personal data (个人信息保护法 Art. 28). Scope: `people.keypersons`, the actor's units,
and the care teams the actor sits on (participation, kind care_member)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q, QuerySet

from fazhi.core import crypto
from fazhi.core.audit import audit_record
from fazhi.core.deadlines import rule_get
from fazhi.core.errors import NotFound, ValidationFailed
from fazhi.org.scope import NOTHING, has_perm, scope_q, within_unit_q
from fazhi.people import permissions as P
from fazhi.people import rules
from fazhi.people.models import (
    ControlStatus,
    ExportRequest,
    KeyPerson,
    KeyPersonCategory,
    Resident,
    SupportMeasure,
    Visit,
)


def _scoped(actor: Any) -> Q:
    if not has_perm(actor, P.KEYPERSONS):
        return NOTHING
    return scope_q(actor, KeyPerson, unit_field="unit", owner_field=None)


def category_list() -> QuerySet[KeyPersonCategory]:
    return KeyPersonCategory.objects.filter(is_active=True).order_by("pk")


def keyperson_list_for(
    *,
    actor: Any,
    category_id: int | None = None,
    control_status: str = "",
    due: str = "",
    unit_id: int | None = None,
    today: dt.date | None = None,
) -> QuerySet[KeyPerson]:
    """Key persons in scope, soonest visit first. `due`: "overdue" or "soon" (within 7 days)."""
    qs = KeyPerson.objects.filter(_scoped(actor), is_active=True)
    if category_id:
        qs = qs.filter(category_id=category_id)
    if control_status:
        qs = qs.filter(control_status=control_status)
    if unit_id:
        qs = qs.filter(within_unit_q(unit_id))
    today = today or dt.date.today()
    if due == "overdue":
        qs = qs.filter(next_visit_due__lt=today)
    elif due == "soon":
        qs = qs.filter(
            next_visit_due__gte=today,
            next_visit_due__lte=today + dt.timedelta(days=rules.VISIT_DUE_SOON_DAYS),
        )
    return qs.select_related("resident", "category", "unit").order_by("next_visit_due", "pk")


def keyperson_lock(*, actor: Any, key_person_id: int) -> KeyPerson:
    """For services: the row in scope, locked (SELECT … FOR UPDATE). NotFound out of scope."""
    person = (
        KeyPerson.objects.select_for_update(of=("self",))
        .filter(
            pk__in=KeyPerson.objects.filter(_scoped(actor), pk=key_person_id, is_active=True).values("pk")
        )
        .select_related("category", "resident", "unit")
        .first()
    )
    if person is None:
        raise NotFound("重点人员不存在或无权查看")
    return person


def keyperson_get_for(*, actor: Any, key_person_id: int, purpose: str) -> KeyPerson:
    """One key person's profile. Requires a stated purpose (at least 2 characters); the view is audited
    with the purpose and nothing personal. Out of scope: NotFound, exactly like missing."""
    purpose = (purpose or "").strip()
    person = (
        KeyPerson.objects.filter(_scoped(actor), pk=key_person_id)
        .select_related("resident", "resident__household", "category", "unit")
        .first()
    )
    if person is None:
        raise NotFound("重点人员不存在或无权查看")
    if len(purpose) < 2:
        raise ValidationFailed.field("purpose", "查看重点人员档案须说明查询事由（至少2个字）")
    audit_record(actor=actor, action="people.keyperson_view", obj=person, data={"purpose": purpose[:200]})
    return person


def keypersons_of_resident(*, actor: Any, resident: Resident) -> list[KeyPerson]:
    return list(
        KeyPerson.objects.filter(_scoped(actor), resident=resident, is_active=True).select_related("category")
    )


def visits_of(person: KeyPerson) -> QuerySet[Visit]:
    return person.visits.order_by("-visited_at", "-pk")


def measures_of(person: KeyPerson) -> QuerySet[SupportMeasure]:
    return person.measures.order_by("-starts_on", "-pk")


def masked_name(person: KeyPerson) -> str:
    return crypto.mask_name(person.resident.name)


@dataclass(frozen=True)
class Allowance:
    eligible: bool
    amount: int
    max_level: int | None
    past_incidents: int
    incidents_this_year: int
    basis: str = rules.ALLOWANCE_BASIS


def allowance_for(person: KeyPerson, year: int) -> Allowance:
    """以奖代补 eligibility for `year` under the configured rule (people.rules.allowance_eligible)."""
    assessed = person.visits.aggregate(m=Max("danger_level"))["m"]
    levels = [v for v in (assessed, person.danger_level) if v is not None]
    max_level = max(levels) if levels else None
    incidents = list(person.incidents.values_list("occurred_on", flat=True))
    this_year = sum(d.year == year for d in incidents)
    past = sum(d.year < year for d in incidents)
    eligible = person.category.schedule == "mental" and rules.allowance_eligible(
        max_level=max_level, past_incidents=past, incidents_this_year=this_year
    )
    return Allowance(eligible, rules.allowance_amount() if eligible else 0, max_level, past, this_year)


def next_visit_text(person: KeyPerson) -> str:
    if not person.next_visit_due:
        return ""
    return f"{person.next_visit_due:%Y-%m-%d}" + (
        f" · {rule_basis(person.next_visit_rule)}" if person.next_visit_rule else ""
    )


def rule_basis(code: str) -> str:
    """The legal basis of a stored rule code; per-category interval rules are declared on first use."""
    try:
        return rule_get(code).basis
    except KeyError:
        return rules.GENERAL_BASIS


def export_request_list_for(*, actor: Any) -> QuerySet[ExportRequest]:
    """The actor's own requests, and for an approver those of the units in scope."""
    if not has_perm(actor, P.KEYPERSONS):
        return ExportRequest.objects.none()
    q = Q(requested_by=actor)
    if has_perm(actor, P.KEYPERSONS_EXPORT_APPROVE):
        q |= scope_q(actor, ExportRequest, unit_field="unit", owner_field=None, participation=False)
    return ExportRequest.objects.filter(q).select_related("requested_by", "decided_by", "category")


def keypersons_export_rows(
    *, actor: Any, category_id: int | None = None, request_id: int = 0
) -> Iterator[dict[str, Any]]:
    qs = keyperson_list_for(actor=actor, category_id=category_id).select_related("resident__household")
    for person in qs.iterator(chunk_size=500):
        yield {
            "grid": person.unit.name,
            "name": person.resident.name,
            "id_number": crypto.mask_id_number(person.resident.id_number),
            "category": person.category.name,
            "danger_level": person.danger_level,
            "control_status": person.control_status,
            "registered_on": person.registered_on,
            "next_visit_due": person.next_visit_due,
            "address": person.resident.address,
        }


def keyperson_counts(*, actor: Any) -> dict[str, int]:
    qs = KeyPerson.objects.filter(_scoped(actor), is_active=True)
    return {
        "managed": qs.filter(control_status=ControlStatus.MANAGED).count(),
        "out": qs.exclude(control_status=ControlStatus.MANAGED).count(),
    }
