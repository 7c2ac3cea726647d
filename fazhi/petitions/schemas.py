"""django-ninja schemas of the petitions API. Personal data leaves only masked."""

from __future__ import annotations

from datetime import date

from ninja import Field, Schema


class PersonIn(Schema):
    name: str = Field(..., max_length=60)
    id_number: str = Field("", max_length=30)
    phone: str = Field("", max_length=30)
    address: str = Field("", max_length=200)
    role: str = Field("petitioner", description="petitioner 信访人 / representative 代表 / agent 代理人")


class PetitionIn(Schema):
    channel: str = Field(..., description="letter 来信 / visit 来访 / online 网上 / phone 电话 / fax 传真")
    received_on: date = Field(..., description="收到日期（可早于今天，不能晚于今天）")
    category: str = Field(..., description="suggestion 建议意见 / accusation 检举控告 / claim 申诉求决")
    content: str
    unit_id: int = Field(..., description="所涉单位（网格、社区或街道）")
    petitioners: list[PersonIn]
    title: str = Field("", max_length=200)
    place: str = Field("", max_length=200)
    is_group: bool = False
    group_size: int | None = None
    skip_level: bool = False
    reception_id: int | None = None
    origin_type: str = Field("", max_length=60)
    origin_id: str = Field("", max_length=64)


class RepeatCheckIn(Schema):
    petitioners: list[PersonIn]
    content: str
    is_group: bool = False
    skip_level: bool = False


class FlagOut(Schema):
    kind: str
    message: str
    basis: str
    petition_id: int | None = None
    case_number: str = ""
    score: float | None = None


class PersonOut(Schema):
    id: int
    role: str
    role_label: str
    name: str
    id_number: str
    phone: str
    address: str


class PetitionDeadlineOut(Schema):
    code: str
    label: str
    due: date
    basis: str
    period: str
    days_left: int
    state: str
    text: str
    done_on: date | None


class ReviewOut(Schema):
    id: int
    level: str
    body: str
    requested_on: date
    decision_due: date
    accepted_on: date | None
    declined_on: date | None
    due: date | None
    answered_on: date | None
    outcome: str
    opinion: str


class PetitionListOut(Schema):
    id: int
    case_number: str
    received_on: date
    channel: str
    channel_label: str
    category: str
    category_label: str
    title: str
    unit_id: int
    unit_name: str
    status: str
    status_label: str
    petitioners: list[str]
    case_leader: str
    next_deadline: PetitionDeadlineOut | None
    flags: list[str]


class PetitionOut(PetitionListOut):
    content: str
    place: str
    is_group: bool
    group_size: int | None
    skip_level: bool
    notice_required: bool
    notice_sent_on: date | None
    origin_type: str
    origin_id: str
    people: list[PersonOut]
    warnings: list[FlagOut]
    repeat_of_id: int | None
    case_leader_id: int | None
    route: str
    routed_on: date | None
    route_target: str
    route_reason: str
    legal_procedure: str
    accepted_on: date | None
    extension_days: int
    outcome: str
    replied_on: date | None
    delivered_on: date | None
    satisfaction: str
    final_on: date | None
    final_reason: str
    deadlines: list[PetitionDeadlineOut]
    reviews: list[ReviewOut]
    allowed_actions: list[str]
    documents: list[str]


class PetitionPage(Schema):
    count: int
    count_is_lower_bound: bool = Field(
        False, description="为 true 时 count 是下限：全文检索命中超过此数，未再精确计数"
    )
    page: int
    page_size: int
    items: list[PetitionListOut]


class RouteIn(Schema):
    route: str = Field(
        ..., description="accept 受理 / transfer 转送 / assign 交办 / redirect 诉访分离 / decline 不予受理"
    )
    on: date | None = None
    target: str = Field("", max_length=100)
    reason: str = ""
    legal_procedure: str = Field(
        "",
        description="admin_review / admin_litigation / civil_litigation / arbitration / labour_arbitration",
    )
    feedback_due: date | None = None
    notice_sent: bool = False
    new_facts: bool = False


class OnIn(Schema):
    on: date | None = None
    method: str = ""


class ReasonIn(Schema):
    reason: str
    on: date | None = None


class FeedbackIn(Schema):
    result: str
    on: date | None = None


class LeadIn(Schema):
    leader_id: int
    handler_ids: list[int] = []
    co_handler_ids: list[int] = []


class PetitionNoteIn(Schema):
    kind: str = Field(..., description="investigation 调查核实 / hearing 听证 / aftercare 终结后续帮扶")
    text: str
    on: date | None = None
    participants: str = ""


class NoteOut(Schema):
    id: int
    kind: str
    on: date
    text: str


class ExtendIn(Schema):
    days: int
    reason: str
    approver_id: int
    on: date | None = None


class MediateIn(Schema):
    agreement: str
    petitioner_consent: bool
    other_party_consent: bool
    other_party: str = ""
    on: date | None = None


class ReplyIn(Schema):
    outcome: str = Field("", description="support 支持 / explain 解释说明 / reject 不予支持")
    request: str = ""
    facts: str = ""
    opinion: str = ""
    basis: str = ""
    on: date | None = None
    delivered_on: date | None = None


class ReviewRequestIn(Schema):
    requested_on: date | None = None
    request: str
    body: str = ""


class ReviewDecisionIn(Schema):
    accept: bool
    reason: str = ""
    on: date | None = None


class PauseIn(Schema):
    first: date
    last: date
    reason: str


class ReviewAnswerIn(Schema):
    outcome: str = ""
    opinion: str = ""
    on: date | None = None
    delivered_on: date | None = None


class FollowUpIn(Schema):
    method: str
    satisfaction: str
    note: str = ""
    on: date | None = None


class SuperviseIn(Schema):
    level: str = "remind"
    reason: str
    assignee_id: int | None = None
    on: date | None = None


class PetitionRevealIn(Schema):
    petitioner_id: int
    field: str = Field(..., description="id_number / phone / address")
    purpose: str


class PetitionRevealOut(Schema):
    field: str
    value: str


class ReceptionIn(Schema):
    leader_id: int
    on: date
    place: str
    topic: str = ""
    notes: str = ""


class ReceptionNotesIn(Schema):
    notes: str


class ReceptionOut(Schema):
    id: int
    leader_id: int
    leader_name: str
    on: date
    place: str
    topic: str
    notes: str
    petitions: list[str]


class PetitionFigureOut(Schema):
    code: str
    label: str
    value: float | None
    unit: str
    link: str
    record_ids: list[int]


class PetitionEventOut(Schema):
    at: str
    actor_name: str
    label: str
    from_status: str
    to_status: str
    note: str
