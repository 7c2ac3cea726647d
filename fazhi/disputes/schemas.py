"""django-ninja schemas of the disputes API: what the endpoints accept and the list rows they return."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class PartyIn(Schema):
    name: str = Field(..., max_length=100)
    kind: str = "person"
    role: str = "applicant"
    sex: str = ""
    id_number: str = Field("", max_length=30)
    phone: str = Field("", max_length=30)
    address: str = Field("", max_length=200)
    org_code: str = Field("", max_length=18)
    representative: str = Field("", max_length=60)


class DisputeIn(Schema):
    unit_id: int
    category: str
    source: str
    summary: str = Field(..., max_length=2000)
    claims: str = ""
    occurred_on: date | None = None
    registered_on: date | None = None
    place: str = Field("", max_length=200)
    amount: Decimal | None = None
    people_involved: int = 2
    police_history: bool = False
    criminal_risk: bool = False
    group_behaviour: bool = False
    extreme_behaviour: bool = False
    settled_on_spot: bool = False
    resolution: str = ""
    parties: list[PartyIn] = []


class DisputePatch(Schema):
    summary: str | None = None
    claims: str | None = None
    place: str | None = None
    occurred_on: date | None = None
    category: str | None = None
    amount: Decimal | None = None
    people_involved: int | None = None
    police_history: bool | None = None
    criminal_risk: bool | None = None
    group_behaviour: bool | None = None
    extreme_behaviour: bool | None = None


class DisputeRow(Schema):
    id: int
    number: str
    unit_id: int
    unit_name: str
    category: str
    category_name: str
    source: str
    source_label: str
    summary: str
    registered_on: date
    risk_level: str
    risk_label: str
    status: str
    status_label: str
    outcome: str
    outcome_label: str
    parties: str
    org_name: str
    due_on: date | None
    deadline_text: str
    concluded_on: date | None


class DisputePage(Schema):
    count: int
    count_is_lower_bound: bool = Field(
        False, description="为 true 时 count 是下限：全文检索命中超过此数，未再精确计数"
    )
    page: int
    page_size: int
    items: list[DisputeRow]


class ConsentIn(Schema):
    consent: str
    on: date | None = None
    note: str = Field("", max_length=200)


class DisputeRevealIn(Schema):
    field: str
    purpose: str = Field(..., max_length=200)


class DisputeRevealOut(Schema):
    value: str


class AssignIn(Schema):
    org_id: int
    mediator_ids: list[int]
    chosen_by_parties: bool = False
    on: date | None = None
    note: str = ""


class LeaderIn(Schema):
    leader_id: int
    note: str = ""


class Invitee(Schema):
    name: str = ""
    relation: str = ""


class SessionIn(Schema):
    held_on: date
    place: str = Field(..., max_length=200)
    mediator_ids: list[int]
    record: str
    invitees: list[Invitee] = []
    invitees_consented: bool = False
    start_time: time | None = None
    end_time: time | None = None


class TermIn(Schema):
    content: str = Field("", max_length=300)
    method: str = Field("", max_length=100)
    due_on: date | None = None
    obligor_id: int | None = None


class AgreementIn(Schema):
    form: str
    content: str
    reached_on: date | None = None
    scope: str = "full"
    parties_info: str = ""
    facts: str = ""
    disputed_points: str = ""
    responsibilities: str = ""
    performance_method: str = Field("", max_length=200)
    performance_deadline: date | None = None
    terms: list[TermIn] = []
    concerns_status_relation: bool = False
    copies: int | None = None


class TerminateIn(Schema):
    reason: str
    ended_on: date | None = None
    undisputed_facts: str = ""
    facts_confirmed: bool = False
    routes: list[str] = []


class SettleIn(Schema):
    note: str
    on: date | None = None


class CloseIn(Schema):
    note: str = ""


class EscalationIn(Schema):
    kind: str
    reason: str
    to_whom: str = Field("", max_length=100)
    on: date | None = None
    reference: str = Field("", max_length=60)


class SignIn(Schema):
    signed_on: date
    party_id: int | None = None
    method: str = "signature"
    mediator_id: int | None = None
    sealed: bool = False


class DisputeReasonIn(Schema):
    reason: str


class MaterialsIn(Schema):
    materials: list[str]


class ConfirmationIn(Schema):
    status: str
    on: date | None = None
    court: str = Field("", max_length=100)
    case_number: str = Field("", max_length=60)
    note: str = Field("", max_length=200)


class DisputeFollowUpIn(Schema):
    result: str
    checked_on: date | None = None
    note: str = Field("", max_length=300)


class OrgIn(Schema):
    unit_id: int
    kind: str
    name: str = Field(..., max_length=100)
    doc_prefix: str = Field("", max_length=10)
    description: str = ""
    venue: str = Field("", max_length=200)
    venue_note: str = Field("", max_length=200)
    phone: str = Field("", max_length=40)
    rules_text: str = ""
    term_start: date | None = None


class OrgPatch(Schema):
    name: str | None = Field(None, max_length=100)
    doc_prefix: str | None = Field(None, max_length=10)
    description: str | None = None
    venue: str | None = Field(None, max_length=200)
    venue_note: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=40)
    rules_text: str | None = None
    term_start: date | None = None
    is_active: bool | None = None


class MediatorIn(Schema):
    name: str = Field(..., max_length=60)
    sex: str
    role: str = "member"
    user_id: int | None = None
    ethnicity: str = Field("汉族", max_length=20)
    birth_year: int | None = None
    occupation: str = Field("", max_length=60)
    qualifications: str = ""
    phone: str = Field("", max_length=30)
    joined_on: date | None = None


class MediatorPatch(Schema):
    name: str | None = Field(None, max_length=60)
    sex: str | None = None
    role: str | None = None
    user_id: int | None = None
    ethnicity: str | None = Field(None, max_length=20)
    birth_year: int | None = None
    occupation: str | None = Field(None, max_length=60)
    qualifications: str | None = None
    phone: str | None = Field(None, max_length=30)
    joined_on: date | None = None
    left_on: date | None = None
    is_active: bool | None = None


class TrainingIn(Schema):
    held_on: date
    title: str = Field(..., max_length=200)
    organiser: str = Field("", max_length=100)
    hours: Decimal = Decimal(0)


class CampaignIn(Schema):
    unit_id: int
    name: str = Field(..., max_length=100)
    kind: str
    topic: str = Field("", max_length=40)
    start_on: date
    end_on: date
    cadence: str
    subjects: list[str] = ["dispute"]
    description: str = ""


class CampaignPatch(Schema):
    name: str | None = Field(None, max_length=100)
    topic: str | None = Field(None, max_length=40)
    start_on: date | None = None
    end_on: date | None = None
    cadence: str | None = None
    subjects: list[str] | None = None
    description: str | None = None


class DisputeItemIn(Schema):
    unit_id: int
    description: str
    found_on: date | None = None
    subject: str = "dispute"
    category: str = ""
    place: str = Field("", max_length=200)
    people_involved: int = 2
    convert: bool = False
    parties: list[PartyIn] = []


class DisputeReportIn(Schema):
    unit_id: int
    period_start: date
    zero: bool = False
    summary: str = ""


class ConvertIn(Schema):
    category: str = ""
    summary: str = ""
    parties: list[PartyIn] = []


class TalkDayIn(Schema):
    unit_id: int
    held_on: date
    place: str = Field(..., max_length=200)
    topic: str = Field("", max_length=100)
    start_time: time | None = None
    host_id: int | None = None


class TalkRecordIn(Schema):
    attendance: int
    attendees: str = ""
    notes: str = ""
    held_on: date | None = None


class IssueIn(Schema):
    description: str
    raised_by: str = Field("", max_length=60)
    category: str = ""
    outcome: str = "pending"
    resolution: str = ""
    parties: list[PartyIn] = []
    people_involved: int = 2


class IssueResolveIn(Schema):
    outcome: str
    resolution: str


class Created(Schema):
    id: int


def payload(schema: Schema, *, exclude_none: bool = False) -> dict[str, Any]:
    return schema.dict(exclude_none=exclude_none)
