"""Grid API schemas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from fazhi.grid.models import GridEvent, PointsEntry
from fazhi.grid.selectors.events import days_to_close, due_text
from fazhi.org.schemas import Page


class EventOut(Schema):
    id: int
    number: str
    unit_id: int
    unit_name: str
    category: str
    category_label: str
    description: str
    location: str
    latitude: Decimal | None
    longitude: Decimal | None
    status: str
    status_label: str
    reporter: str
    reported_at: dt.datetime
    assignee: str
    due_on: dt.date | None
    due_text: str
    handling: str
    feedback: str
    closed_at: dt.datetime | None
    days_to_close: float | None
    evaluation: str
    conversion_note: str
    allowed_actions: list[str] = []

    @staticmethod
    def of(e: GridEvent, actions: list[str] | None = None) -> dict[str, Any]:
        return {
            "id": e.pk,
            "number": e.number,
            "unit_id": e.unit_id,
            "unit_name": e.unit.name,
            "category": e.category,
            "category_label": e.get_category_display(),
            "description": e.description,
            "location": e.location,
            "latitude": e.latitude,
            "longitude": e.longitude,
            "status": e.status,
            "status_label": e.get_status_display(),
            "reporter": str(e.reporter),
            "reported_at": e.reported_at,
            "assignee": str(e.assignee) if e.assignee else "",
            "due_on": e.due_on,
            "due_text": due_text(e),
            "handling": e.handling,
            "feedback": e.feedback,
            "closed_at": e.closed_at,
            "days_to_close": days_to_close(e),
            "evaluation": e.evaluation,
            "conversion_note": e.conversion_note,
            "allowed_actions": actions or [],
        }


class EventPage(Page):
    count_is_lower_bound: bool = Field(
        False, description="为 true 时 count 是下限：全文检索命中超过此数，未再精确计数"
    )
    items: list[EventOut]


class EventIn(Schema):
    category: str
    description: str = Field(..., max_length=4000)
    location: str = Field(..., max_length=200)
    unit_id: int | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None


class EventActionIn(Schema):
    note: str = Field("", max_length=4000)
    assignee_id: int | None = None
    handling: str = Field("", max_length=4000)
    feedback: str = Field("", max_length=4000)
    evaluation: str = ""


class EntryOut(Schema):
    id: int
    household_id: int
    household: str
    resident: str
    kind: str
    points: int
    reason: str
    occurred_on: dt.date
    rule: str
    recorded_by: str
    approved_by: str
    reverses_id: int | None

    @staticmethod
    def of(e: PointsEntry) -> dict[str, Any]:
        return {
            "id": e.pk,
            "household_id": e.household_id,
            "household": e.household.address,
            "resident": e.resident.name if e.resident else "",
            "kind": e.kind,
            "points": e.points,
            "reason": e.reason,
            "occurred_on": e.occurred_on,
            "rule": e.rule.name if e.rule else "",
            "recorded_by": str(e.recorded_by),
            "approved_by": str(e.approved_by) if e.approved_by else "",
            "reverses_id": e.reverses_id,
        }


class EntryPage(Page):
    items: list[EntryOut]


class EntryIn(Schema):
    household_id: int
    rule_id: int
    occurred_on: dt.date
    reason: str = Field("", max_length=200)
    resident_id: int | None = None
    event_id: int | None = None
    activity_id: int | None = None


class RuleIn(Schema):
    unit_id: int
    code: str = Field(..., max_length=30)
    name: str = Field(..., max_length=100)
    kind: str
    points: int = Field(..., ge=1, le=1000)
    cap: int | None = Field(None, ge=1)
    cap_period: str = "year"
    evidence_required: bool = True
    is_active: bool = True


class DecideIn(Schema):
    approve: bool
    note: str = Field("", max_length=200)


class AppealIn(Schema):
    appellant: str = Field(..., max_length=60)
    reason: str = Field(..., max_length=2000)


class ItemIn(Schema):
    unit_id: int
    name: str = Field(..., max_length=60)
    cost: int
    stock: int
    item_id: int | None = None
    is_active: bool = True


class RedeemIn(Schema):
    household_id: int
    item_id: int
    quantity: int = 1


class ActivityIn(Schema):
    unit_id: int
    kind: str
    held_on: dt.date
    title: str = Field(..., max_length=100)
    content: str = Field(..., max_length=4000)
    participants: int = 0


class CadreLinkIn(Schema):
    cadre_id: int
    unit_id: int
    since: dt.date
    duty: str = Field("", max_length=100)


class CadreVisitIn(Schema):
    visited_on: dt.date
    content: str = Field(..., max_length=4000)
    issues: int = 0


class PartyLinkIn(Schema):
    member_id: int
    household_id: int
    since: dt.date


class PartyContactIn(Schema):
    contacted_on: dt.date
    method: str
    content: str = Field(..., max_length=4000)


class RosterIn(Schema):
    unit_id: int
    role: str
    name: str = Field("", max_length=60)
    since: dt.date | None = None
    phone: str = Field("", max_length=20)
    user_id: int | None = None
    resident_id: int | None = None
    building_id: int | None = None
    entrance: str = Field("", max_length=20)
    specialty: str = Field("", max_length=100)


class ProfileIn(Schema):
    area: str = Field("", max_length=300)
    complaint_phone: str = Field("", max_length=40)
