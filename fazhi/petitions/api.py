"""Petitions endpoints under /api/v1/petitions/: thin — parse, call one service or selector, shape.
Refusals: 400 naming the field and the rule; 409 with the status and the allowed actions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile

from fazhi.core import search
from fazhi.core.indicators import Period
from fazhi.core.pagination import paginate
from fazhi.core.params import Year
from fazhi.org.selectors import unit_get_for
from fazhi.petitions import documents, selectors, services
from fazhi.petitions.deadlines import deadlines_of, next_deadline
from fazhi.petitions.indicators import petition_figures
from fazhi.petitions.models import Petition, Reception
from fazhi.petitions.schemas import (
    ExtendIn,
    FeedbackIn,
    FlagOut,
    FollowUpIn,
    LeadIn,
    MediateIn,
    NoteOut,
    OnIn,
    PauseIn,
    PetitionEventOut,
    PetitionFigureOut,
    PetitionIn,
    PetitionListOut,
    PetitionNoteIn,
    PetitionOut,
    PetitionPage,
    PetitionRevealIn,
    PetitionRevealOut,
    ReasonIn,
    ReceptionIn,
    ReceptionNotesIn,
    ReceptionOut,
    RepeatCheckIn,
    ReplyIn,
    ReviewAnswerIn,
    ReviewDecisionIn,
    ReviewRequestIn,
    RouteIn,
    SuperviseIn,
)
from fazhi.petitions.workflow import action_codes

router = Router(tags=["信访"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def list_out(p: Petition, today: date) -> dict[str, Any]:
    nxt = next_deadline(p, today)
    return {
        "id": p.pk,
        "case_number": p.case_number,
        "received_on": p.received_on,
        "channel": p.channel,
        "channel_label": p.get_channel_display(),
        "category": p.category,
        "category_label": p.get_category_display(),
        "title": p.title,
        "unit_id": p.unit_id,
        "unit_name": p.unit.name,
        "status": p.status,
        "status_label": p.get_status_display(),
        "petitioners": [x.name for x in p.petitioners.all()],
        "case_leader": str(p.case_leader) if p.case_leader else "",
        "next_deadline": nxt.as_dict() if nxt else None,
        "flags": [f["kind"] for f in p.flags],
    }


def petition_out(p: Petition, actor: Any) -> dict[str, Any]:
    today = timezone.localdate()
    p = selectors.petition_get_for(actor=actor, petition_id=p.pk)  # fresh, with its prefetches
    docs = [
        k
        for k, present in (
            ("notice", bool(p.route)),
            ("extension", bool(p.extension_days)),
            ("reply", bool(p.outcome)),
            ("review", any(r.level == "review" and r.answered_on for r in p.reviews.all())),
            ("re_review", any(r.level == "re_review" and r.answered_on for r in p.reviews.all())),
        )
        if present
    ]
    return {
        **list_out(p, today),
        "content": p.content,
        "place": p.place,
        "is_group": p.is_group,
        "group_size": p.group_size,
        "skip_level": p.skip_level,
        "notice_required": p.notice_required,
        "notice_sent_on": p.notice_sent_on,
        "origin_type": p.origin_type,
        "origin_id": p.origin_id,
        "people": [selectors.masked_petitioner(x) for x in p.petitioners.all()],
        "warnings": p.flags,
        "repeat_of_id": p.repeat_of_id,
        "case_leader_id": p.case_leader_id,
        "route": p.route,
        "routed_on": p.routed_on,
        "route_target": p.route_target,
        "route_reason": p.route_reason,
        "legal_procedure": p.legal_procedure,
        "accepted_on": p.accepted_on,
        "extension_days": p.extension_days,
        "outcome": p.outcome,
        "replied_on": p.replied_on,
        "delivered_on": p.delivered_on,
        "satisfaction": p.satisfaction,
        "final_on": p.final_on,
        "final_reason": p.final_reason,
        "deadlines": [d.as_dict() for d in deadlines_of(p, today)],
        "reviews": list(p.reviews.all()),
        "allowed_actions": action_codes(p, actor),
        "documents": docs,
    }


class ListQuery(Schema):
    page: int = 1
    page_size: int = 20
    q: str = ""
    status: str = ""
    channel: str = ""
    category: str = ""
    unit_id: int | None = None
    leader_id: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    overdue: bool = False
    flag: str = ""
    satisfaction: str = ""


@router.get("/", response=PetitionPage, summary="信访事项列表")
def petitions_list(request: HttpRequest, query: Query[ListQuery]) -> dict[str, Any]:
    today = timezone.localdate()
    filters = selectors.PetitionFilters(
        q=query.q,
        status=query.status,
        channel=query.channel,
        category=query.category,
        unit_id=query.unit_id,
        leader_id=query.leader_id,
        received_from=query.received_from,
        received_to=query.received_to,
        overdue_on=today if query.overdue else None,
        flag=query.flag,
        satisfaction=query.satisfaction,
    )
    page = paginate(
        selectors.petition_list_for(actor=request.user, filters=filters, parts=False),
        page=query.page,
        page_size=query.page_size,
        count_cap=search.count_cap_for(query.q),
    )
    return {
        "count": page.count,
        "count_is_lower_bound": page.count_capped,
        "page": page.page,
        "page_size": page.page_size,
        "items": [list_out(p, today) for p in selectors.with_list_parts(page.items)],
    }


@router.post("/", response={201: PetitionOut}, summary="登记信访事项")
def petitions_register(request: HttpRequest, payload: PetitionIn) -> Status:
    data = payload.dict()
    people = data.pop("petitioners")
    petition = services.petition_register(actor=request.user, petitioners=people, **data)
    return Status(201, petition_out(petition, request.user))


@router.post("/check-repeat", response=list[FlagOut], summary="登记前检查重复信访、集体访、越级访")
def petitions_check_repeat(request: HttpRequest, payload: RepeatCheckIn) -> list[dict[str, Any]]:
    data = payload.dict()
    return services.petition_repeat_check(actor=request.user, petitioners=data.pop("petitioners"), **data)


@router.get("/board", response=list[PetitionListOut], summary="包案领导看板（本人包案的事项）")
def petitions_board(request: HttpRequest) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [
        list_out(p, today) for p in selectors.leader_board_for(actor=request.user, leader=request.user)[:200]
    ]


@router.get("/indicators", response=list[PetitionFigureOut], summary="信访指标（按单位、年度）")
def petitions_indicators(
    request: HttpRequest, year: Year | None = None, unit_id: int | None = None
) -> list[dict[str, Any]]:
    from fazhi.org.services import require

    require(request.user, "petitions.view")
    unit = unit_get_for(actor=request.user, unit_id=unit_id or request.user.unit_id)  # type: ignore[union-attr]
    return [
        {
            "code": f.code,
            "label": f.label,
            "value": f.value,
            "unit": f.unit,
            "link": f.link,
            "record_ids": f.ids(),
        }
        for f in petition_figures(
            actor=request.user, unit=unit, period=Period.year(year or timezone.localdate().year)
        )
    ]


@router.get("/{petition_id}", response=PetitionOut, summary="信访事项详情")
def petitions_detail(request: HttpRequest, petition_id: int) -> dict[str, Any]:
    return petition_out(selectors.petition_get_for(actor=request.user, petition_id=petition_id), request.user)


@router.get("/{petition_id}/timeline", response=list[PetitionEventOut], summary="流转记录")
def petitions_timeline(request: HttpRequest, petition_id: int) -> list[dict[str, Any]]:
    petition = selectors.petition_get_for(actor=request.user, petition_id=petition_id)
    return [
        {
            "at": e.at.isoformat(),
            "actor_name": e.actor_name,
            "label": e.label,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "note": e.note,
        }
        for e in selectors.petition_timeline(petition)
    ]


@router.get(
    "/{petition_id}/documents/{kind}", summary="下载文书（告知书、延期告知书、处理意见书、复查/复核意见书）"
)
def petitions_document(request: HttpRequest, petition_id: int, kind: str) -> HttpResponse:
    from urllib.parse import quote

    petition = selectors.petition_get_for(actor=request.user, petition_id=petition_id)
    title, data = documents.document_for(petition, kind)
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(petition.case_number + title)}.docx"
    )
    return response


@router.post("/{petition_id}/attachments", response={201: dict}, summary="上传附件")
def petitions_attach(request: HttpRequest, petition_id: int, file: File[UploadedFile]) -> Status:
    attachment = services.petition_attach(
        actor=request.user, petition_id=petition_id, name=file.name or "附件", content=file.read()
    )
    return Status(201, {"id": str(attachment.pk), "name": attachment.name, "sha256": attachment.sha256})


def _done(request: HttpRequest, petition_id: int) -> dict[str, Any]:
    return petition_out(selectors.petition_get_for(actor=request.user, petition_id=petition_id), request.user)


@router.post(
    "/{petition_id}/route",
    response=PetitionOut,
    summary="转办：受理、转送、交办、诉访分离、不予受理（15日内）",
)
def petitions_route(request: HttpRequest, petition_id: int, payload: RouteIn) -> dict[str, Any]:
    services.petition_route(actor=request.user, petition_id=petition_id, **payload.dict())
    return _done(request, petition_id)


@router.post("/{petition_id}/notice", response=PetitionOut, summary="书面告知已送达（15日内）")
def petitions_notice(request: HttpRequest, petition_id: int, payload: OnIn) -> dict[str, Any]:
    services.petition_notice(
        actor=request.user, petition_id=petition_id, on=payload.on, method=payload.method
    )
    return _done(request, petition_id)


@router.post("/{petition_id}/object", response=PetitionOut, summary="错转异议退回（5个工作日内）")
def petitions_object(request: HttpRequest, petition_id: int, payload: ReasonIn) -> dict[str, Any]:
    services.petition_object(
        actor=request.user, petition_id=petition_id, reason=payload.reason, on=payload.on
    )
    return _done(request, petition_id)


@router.post("/{petition_id}/feedback", response=PetitionOut, summary="交办事项反馈办结")
def petitions_feedback(request: HttpRequest, petition_id: int, payload: FeedbackIn) -> dict[str, Any]:
    services.petition_feedback(
        actor=request.user, petition_id=petition_id, result=payload.result, on=payload.on
    )
    return _done(request, petition_id)


@router.post("/{petition_id}/lead", response=PetitionOut, summary="包案：包案领导与承办人")
def petitions_lead(request: HttpRequest, petition_id: int, payload: LeadIn) -> dict[str, Any]:
    services.petition_lead(actor=request.user, petition_id=petition_id, **payload.dict())
    return _done(request, petition_id)


@router.post(
    "/{petition_id}/notes", response={201: NoteOut}, summary="办理记录：调查核实、听证、终结后续帮扶"
)
def petitions_note(request: HttpRequest, petition_id: int, payload: PetitionNoteIn) -> Status:
    note = services.petition_note(
        actor=request.user,
        petition_id=petition_id,
        kind=payload.kind,
        text_=payload.text,
        on=payload.on,
        participants=payload.participants,
    )
    return Status(201, {"id": note.pk, "kind": note.kind, "on": note.on, "text": note.text})


@router.post("/{petition_id}/extend", response=PetitionOut, summary="延期（一次，最多30日）")
def petitions_extend(request: HttpRequest, petition_id: int, payload: ExtendIn) -> dict[str, Any]:
    services.petition_extend(actor=request.user, petition_id=petition_id, **payload.dict())
    return _done(request, petition_id)


@router.post("/{petition_id}/mediate", response=PetitionOut, summary="调解达成协议（终结）")
def petitions_mediate(request: HttpRequest, petition_id: int, payload: MediateIn) -> dict[str, Any]:
    services.petition_mediate(actor=request.user, petition_id=petition_id, **payload.dict())
    return _done(request, petition_id)


class ReferMediationIn(Schema):
    category: str = Field(..., max_length=30, description="纠纷类别编码，见 /api/v1/disputes/categories")
    note: str = Field("", max_length=500)


class ReferMediationOut(Schema):
    petition_id: int
    dispute_id: int
    dispute_number: str


@router.post(
    "/{petition_id}/refer-mediation", response=ReferMediationOut, summary="转人民调解（登记为矛盾纠纷）"
)
def petitions_refer_mediation(
    request: HttpRequest, petition_id: int, payload: ReferMediationIn
) -> dict[str, Any]:
    dispute = services.petition_refer_mediation(
        actor=request.user, petition_id=petition_id, category=payload.category, note=payload.note
    )
    return {"petition_id": petition_id, "dispute_id": dispute.pk, "dispute_number": dispute.number}


@router.post("/{petition_id}/reply", response=PetitionOut, summary="答复：信访处理意见书")
def petitions_reply(request: HttpRequest, petition_id: int, payload: ReplyIn) -> dict[str, Any]:
    services.petition_reply(actor=request.user, petition_id=petition_id, **payload.dict())
    return _done(request, petition_id)


@router.post("/{petition_id}/reviews", response=PetitionOut, summary="登记复查或复核申请（30日内）")
def petitions_review_request(
    request: HttpRequest, petition_id: int, payload: ReviewRequestIn
) -> dict[str, Any]:
    services.petition_review_request(actor=request.user, petition_id=petition_id, **payload.dict())
    return _done(request, petition_id)


@router.post(
    "/{petition_id}/reviews/decision", response=PetitionOut, summary="复查/复核受理决定（3个工作日内）"
)
def petitions_review_decide(
    request: HttpRequest, petition_id: int, payload: ReviewDecisionIn
) -> dict[str, Any]:
    services.petition_review_decide(actor=request.user, petition_id=petition_id, **payload.dict())
    return _done(request, petition_id)


@router.post("/{petition_id}/reviews/pauses", response=PetitionOut, summary="复核听证期间（不计入期限）")
def petitions_review_pause(request: HttpRequest, petition_id: int, payload: PauseIn) -> dict[str, Any]:
    services.petition_review_pause(actor=request.user, petition_id=petition_id, **payload.dict())
    return _done(request, petition_id)


@router.post("/{petition_id}/reviews/answer", response=PetitionOut, summary="复查/复核意见")
def petitions_review_answer(
    request: HttpRequest, petition_id: int, payload: ReviewAnswerIn
) -> dict[str, Any]:
    services.petition_review_answer(actor=request.user, petition_id=petition_id, **payload.dict())
    return _done(request, petition_id)


@router.post("/{petition_id}/finalize", response=PetitionOut, summary="终结（申请期限届满）")
def petitions_finalize(request: HttpRequest, petition_id: int, payload: OnIn) -> dict[str, Any]:
    services.petition_finalize(actor=request.user, petition_id=petition_id, on=payload.on)
    return _done(request, petition_id)


@router.post("/{petition_id}/follow-ups", response=PetitionOut, summary="回访与满意度")
def petitions_follow_up(request: HttpRequest, petition_id: int, payload: FollowUpIn) -> dict[str, Any]:
    services.petition_follow_up(actor=request.user, petition_id=petition_id, **payload.dict())
    return _done(request, petition_id)


@router.post("/{petition_id}/supervise", response={201: dict}, summary="督办信访事项")
def petitions_supervise(request: HttpRequest, petition_id: int, payload: SuperviseIn) -> Status:
    order = services.petition_supervise(actor=request.user, petition_id=petition_id, **payload.dict())
    return Status(
        201,
        {
            "id": order.pk,
            "number": order.number,
            "level": order.level,
            "reply_due": order.reply_due.isoformat(),
        },
    )


@router.post(
    "/{petition_id}/reveal",
    response=PetitionRevealOut,
    summary="查看信访人完整身份证号、电话或住址（须说明事由，留痕）",
)
def petitions_reveal(request: HttpRequest, petition_id: int, payload: PetitionRevealIn) -> dict[str, Any]:
    value = services.petitioner_reveal(actor=request.user, petition_id=petition_id, **payload.dict())
    return {"field": payload.field, "value": value}


def reception_out(r: Reception, actor: Any) -> dict[str, Any]:
    petitions = selectors.petition_list_for(actor=actor, filters=selectors.PetitionFilters(reception_id=r.pk))
    return {
        "id": r.pk,
        "leader_id": r.leader_id,
        "leader_name": str(r.leader),
        "on": r.on,
        "place": r.place,
        "topic": r.topic,
        "notes": r.notes,
        "petitions": [p.case_number for p in petitions],
    }


@router.get("/receptions/", response=list[ReceptionOut], summary="领导接访日")
def receptions_list(request: HttpRequest, year: Year | None = None) -> list[dict[str, Any]]:
    return [
        reception_out(r, request.user)
        for r in selectors.reception_list_for(actor=request.user, year=year)[:200]
    ]


@router.post("/receptions/", response={201: ReceptionOut}, summary="安排领导接访日")
def receptions_create(request: HttpRequest, payload: ReceptionIn) -> Status:
    reception = services.reception_create(actor=request.user, **payload.dict())
    return Status(201, reception_out(reception, request.user))


@router.get("/receptions/{reception_id}", response=ReceptionOut, summary="接访记录")
def receptions_detail(request: HttpRequest, reception_id: int) -> dict[str, Any]:
    return reception_out(
        selectors.reception_get_for(actor=request.user, reception_id=reception_id), request.user
    )


@router.post("/receptions/{reception_id}/record", response=ReceptionOut, summary="记录接访情况")
def receptions_record(request: HttpRequest, reception_id: int, payload: ReceptionNotesIn) -> dict[str, Any]:
    reception = services.reception_record(actor=request.user, reception_id=reception_id, notes=payload.notes)
    return reception_out(reception, request.user)
