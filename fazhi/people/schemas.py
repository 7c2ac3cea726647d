"""People API schemas. Personal data leaves only masked (ID 3716**********1234, phone 139****5678; key
persons' names 张*), except through the reveal endpoint with a purpose."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from fazhi.core import crypto
from fazhi.org.schemas import Page
from fazhi.people.models import KeyPerson, Resident


class ResidentOut(Schema):
    id: int
    name: str
    name_initials: str
    gender: str
    birth_date: dt.date | None
    id_number: str  # masked
    phone: str  # masked
    relation: str
    living_status: str
    political_status: str
    unit_id: int
    unit_name: str
    household_id: int | None
    address: str
    note: str
    is_active: bool

    @staticmethod
    def of(r: Resident) -> dict[str, Any]:
        return {
            "id": r.pk,
            "name": r.name,
            "name_initials": r.name_initials,
            "gender": r.gender,
            "birth_date": r.birth_date,
            "id_number": crypto.mask_id_number(r.id_number),
            "phone": crypto.mask_phone(r.phone),
            "relation": r.relation,
            "living_status": r.living_status,
            "political_status": r.political_status,
            "unit_id": r.unit_id,
            "unit_name": r.unit.name,
            "household_id": r.household_id,
            "address": r.address,
            "note": r.note,
            "is_active": r.is_active,
        }


class ResidentPage(Page):
    items: list[ResidentOut]


class ResidentIn(Schema):
    name: str = Field(..., max_length=60)
    household_id: int | None = None
    unit_id: int | None = None
    id_number: str = Field("", max_length=20)
    phone: str = Field("", max_length=20)
    relation: str = "other"
    living_status: str = "registered"
    political_status: str = "masses"
    address: str = Field("", max_length=200)
    note: str = Field("", max_length=200)


class ResidentPatch(Schema):
    name: str | None = Field(None, max_length=60)
    id_number: str | None = Field(None, max_length=20)
    phone: str | None = Field(None, max_length=20)
    relation: str | None = None
    living_status: str | None = None
    political_status: str | None = None
    household_id: int | None = None
    note: str | None = Field(None, max_length=200)
    is_active: bool | None = None


class PeopleRevealIn(Schema):
    field: str = Field(..., description="id_number 或 phone")
    purpose: str = Field(..., max_length=200, description="查询事由")


class BuildingIn(Schema):
    unit_id: int
    name: str = Field(..., max_length=40)
    address: str = Field("", max_length=200)
    floors: int | None = Field(None, ge=1, le=200)


class BuildingOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    name: str
    address: str
    floors: int | None
    household_count: int = 0


class HouseholdIn(Schema):
    building_id: int
    room: str = Field(..., max_length=20)
    entrance: str = Field("", max_length=20)


class HouseholdOut(Schema):
    id: int
    unit_id: int
    building_id: int
    entrance: str
    room: str
    address: str
    member_count: int = 0


class JobOut(Schema):
    id: str
    url: str
    status: str


class ExportIn(Schema):
    code: str
    params: dict[str, Any] = {}


class PeopleSectionOut(Schema):
    key: str
    title: str
    facts: list[list[str]]
    items: list[dict[str, str]]
    link: str
    empty: str


class KeyPersonOut(Schema):
    id: int
    name: str  # masked: 张*
    category: str
    category_id: int
    unit_id: int
    unit_name: str
    danger_level: int | None
    control_status: str
    next_visit_due: dt.date | None
    next_visit_basis: str
    overdue: bool

    @staticmethod
    def of(p: KeyPerson, basis: str, today: dt.date) -> dict[str, Any]:
        return {
            "id": p.pk,
            "name": crypto.mask_name(p.resident.name),
            "category": p.category.name,
            "category_id": p.category_id,
            "unit_id": p.unit_id,
            "unit_name": p.unit.name,
            "danger_level": p.danger_level,
            "control_status": p.control_status,
            "next_visit_due": p.next_visit_due,
            "next_visit_basis": basis,
            "overdue": bool(p.next_visit_due and p.next_visit_due < today),
        }


class KeyPersonPage(Page):
    items: list[KeyPersonOut]


class KeyPersonIn(Schema):
    resident_id: int
    category_id: int
    registered_on: dt.date
    danger_level: int | None = None
    effective_on: dt.date | None = None
    ends_on: dt.date | None = None
    guardian_name: str = Field("", max_length=60)
    guardian_phone: str = Field("", max_length=20)
    summary: str = Field("", max_length=2000)


class VisitIn(Schema):
    visited_at: dt.datetime
    place: str = Field(..., max_length=100)
    visitors: str = Field(..., max_length=200)
    method: str = "home"
    outcome: str = "met"
    findings: str = Field("", max_length=4000)
    danger_level: int | None = None
    stable: bool = True


class CareMemberIn(Schema):
    name: str = Field("", max_length=60)
    role: str
    user_id: int | None = None
    is_female: bool = False


class ControlIn(Schema):
    status: str
    note: str = Field("", max_length=500)


class IncidentIn(Schema):
    occurred_on: dt.date
    severity: str
    description: str = Field("", max_length=4000)


class MeasureIn(Schema):
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    status: str = "active"
    note: str = Field("", max_length=200)


class PeopleAgreementIn(Schema):
    signed_on: dt.date
    guardian_name: str = Field(..., max_length=60)
    guardian_phone: str = Field("", max_length=20)


class ExportRequestIn(Schema):
    purpose: str = Field(..., max_length=200)
    category_id: int | None = None


class DecideIn(Schema):
    approve: bool
    note: str = Field("", max_length=200)


class ExportRequestOut(Schema):
    id: int
    purpose: str
    status: str
    requested_by: str
    decided_by: str
    created_at: dt.datetime
