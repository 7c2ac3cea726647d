"""The disputes API under /api/v1/disputes/. Thin: parse, call one service or selector, shape with
`present`. Personal data is masked; full values only through the reveal endpoint (audited)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status

from fazhi.core.errors import NotFound
from fazhi.core.indicators import Period
from fazhi.core.pagination import paginate
from fazhi.core.timeline import timeline_for
from fazhi.disputes import present, selectors, services
from fazhi.disputes.schemas import (
    AgreementIn,
    AssignIn,
    CampaignIn,
    CampaignPatch,
    CloseIn,
    ConfirmationIn,
    ConsentIn,
    ConvertIn,
    DisputeIn,
    DisputePage,
    DisputePatch,
    EscalationIn,
    FollowUpIn,
    IssueIn,
    IssueResolveIn,
    ItemIn,
    LeaderIn,
    MaterialsIn,
    MediatorIn,
    MediatorPatch,
    OrgIn,
    OrgPatch,
    PartyIn,
    ReasonIn,
    ReportIn,
    RevealIn,
    RevealOut,
    SessionIn,
    SettleIn,
    SignIn,
    TalkDayIn,
    TalkRecordIn,
    TermIn,
    TerminateIn,
    TrainingIn,
)
from fazhi.disputes.selectors import screening as screening_selectors
from fazhi.disputes.selectors import talkdays as talk_selectors
from fazhi.disputes.selectors.indicators import figures
from fazhi.disputes.services import documents as document_services
from fazhi.disputes.services.agreements import agreement_get_for
from fazhi.disputes.services.common import today

router = Router(tags=["矛盾纠纷"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(data: bytes, name: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


Json = dict[str, Any]


class Paging(Schema):
    page: int = 1
    page_size: int = 20


class DisputeQuery(Schema):
    q: str = ""
    status: str = ""
    category: str = ""
    risk_level: str = ""
    source: str = ""
    outcome: str = ""
    unit_id: int | None = None
    registered_from: date | None = None
    registered_to: date | None = None
    concluded_from: date | None = None
    concluded_to: date | None = None
    open_only: bool = False


def _dispute(request: HttpRequest, dispute_id: int) -> Json:
    return present.dispute_out(
        selectors.dispute_get_for(actor=request.user, dispute_id=dispute_id), request.user
    )


def _parties(parties: list[PartyIn]) -> list[dict[str, Any]]:
    return [p.dict() for p in parties]


def _terms(terms: list[TermIn]) -> list[dict[str, Any]]:
    return [t.dict() for t in terms]


# --- Categories ---------------------------------------------------------------------------------


@router.get("/categories", response=list[Json], summary="纠纷类别")
def categories(request: HttpRequest) -> list[Json]:
    selectors.disputes.require_view(request.user)
    return [
        {"code": c.code, "name": c.name, "labour": c.labour, "status_relation_hint": c.status_relation_hint}
        for c in selectors.category_list()
    ]


# --- Disputes -------------------------------------------------------------------------------------


@router.get("/cases", response=DisputePage, summary="矛盾纠纷列表")
def case_list(request: HttpRequest, filters: Query[DisputeQuery], paging: Query[Paging]) -> Json:
    qs = selectors.dispute_list_for(actor=request.user, filters=selectors.DisputeFilters(**filters.dict()))
    page = paginate(qs, page=paging.page, page_size=paging.page_size)
    return {
        "count": page.count,
        "page": page.page,
        "page_size": page.page_size,
        "items": [present.dispute_row(d) for d in page.items],
    }


@router.post("/cases", response={201: Json}, summary="登记矛盾纠纷")
def case_create(request: HttpRequest, payload: DisputeIn) -> Status:
    data = payload.dict()
    data["parties"] = _parties(payload.parties)
    dispute = services.dispute_intake(actor=request.user, **data)
    return Status(201, _dispute(request, dispute.pk))


@router.get("/cases/{dispute_id}", response=Json, summary="矛盾纠纷详情")
def case_detail(request: HttpRequest, dispute_id: int) -> Json:
    return _dispute(request, dispute_id)


@router.patch("/cases/{dispute_id}", response=Json, summary="修改登记信息（风险等级随之重新评定）")
def case_update(request: HttpRequest, dispute_id: int, payload: DisputePatch) -> Json:
    services.dispute_update(actor=request.user, dispute_id=dispute_id, **payload.dict(exclude_unset=True))
    return _dispute(request, dispute_id)


@router.get("/cases/{dispute_id}/timeline", response=list[Json], summary="流转记录")
def case_timeline(request: HttpRequest, dispute_id: int) -> list[Json]:
    dispute = selectors.dispute_get_for(actor=request.user, dispute_id=dispute_id)
    return [
        {
            "at": e.at,
            "kind": e.kind,
            "label": e.label,
            "actor": e.actor_name,
            "from": e.from_status,
            "to": e.to_status,
            "note": e.note,
        }
        for e in timeline_for(dispute)
    ]


@router.post("/cases/{dispute_id}/parties", response={201: Json}, summary="补充当事人")
def case_party_add(request: HttpRequest, dispute_id: int, payload: PartyIn) -> Status:
    party = services.party_add(actor=request.user, dispute_id=dispute_id, party=payload.dict())
    return Status(201, present.party_out(party))


@router.post(
    "/cases/{dispute_id}/parties/{party_id}/consent",
    response=Json,
    summary="记录当事人调解意愿（《人民调解法》第十七条）",
)
def case_party_consent(request: HttpRequest, dispute_id: int, party_id: int, payload: ConsentIn) -> Json:
    services.party_consent(actor=request.user, dispute_id=dispute_id, party_id=party_id, **payload.dict())
    return _dispute(request, dispute_id)


@router.post(
    "/cases/{dispute_id}/parties/{party_id}/reveal",
    response=RevealOut,
    summary="查看当事人完整身份证号或电话（须说明事由，留痕）",
)
def case_party_reveal(request: HttpRequest, dispute_id: int, party_id: int, payload: RevealIn) -> Json:
    value = services.party_reveal(
        actor=request.user,
        dispute_id=dispute_id,
        party_id=party_id,
        field=payload.field,
        purpose=payload.purpose,
    )
    return {"value": value}


@router.post(
    "/cases/{dispute_id}/assign", response=Json, summary="指派调解组织和调解员（《人民调解法》第十九条）"
)
def case_assign(request: HttpRequest, dispute_id: int, payload: AssignIn) -> Json:
    services.dispute_assign(actor=request.user, dispute_id=dispute_id, **payload.dict())
    return _dispute(request, dispute_id)


@router.post("/cases/{dispute_id}/case-leader", response=Json, summary="指定包案领导")
def case_leader(request: HttpRequest, dispute_id: int, payload: LeaderIn) -> Json:
    services.dispute_set_case_leader(actor=request.user, dispute_id=dispute_id, **payload.dict())
    return _dispute(request, dispute_id)


@router.post("/cases/{dispute_id}/sessions", response={201: Json}, summary="记录一次调解")
def case_session(request: HttpRequest, dispute_id: int, payload: SessionIn) -> Status:
    data = payload.dict()
    data["invitees"] = [i.dict() for i in payload.invitees]
    services.session_record(actor=request.user, dispute_id=dispute_id, **data)
    return Status(201, _dispute(request, dispute_id))


@router.post(
    "/cases/{dispute_id}/agreements",
    response={201: Json},
    summary="登记调解协议（书面须载明《人民调解法》第二十九条事项）",
)
def case_agreement(request: HttpRequest, dispute_id: int, payload: AgreementIn) -> Status:
    data = payload.dict()
    data["terms"] = _terms(payload.terms)
    agreement = services.agreement_record(actor=request.user, dispute_id=dispute_id, **data)
    return Status(
        201,
        present.agreement_out(agreement_get_for(actor=request.user, agreement_id=agreement.pk), request.user),
    )


@router.post("/cases/{dispute_id}/terminate", response=Json, summary="终止调解（调解不成）")
def case_terminate(request: HttpRequest, dispute_id: int, payload: TerminateIn) -> Json:
    services.dispute_terminate(actor=request.user, dispute_id=dispute_id, **payload.dict())
    return _dispute(request, dispute_id)


@router.post("/cases/{dispute_id}/settle", response=Json, summary="自行和解或化解结案")
def case_settle(request: HttpRequest, dispute_id: int, payload: SettleIn) -> Json:
    services.dispute_settle(actor=request.user, dispute_id=dispute_id, **payload.dict())
    return _dispute(request, dispute_id)


@router.post("/cases/{dispute_id}/close", response=Json, summary="协议履行完毕结案")
def case_close(request: HttpRequest, dispute_id: int, payload: CloseIn) -> Json:
    services.dispute_close(actor=request.user, dispute_id=dispute_id, **payload.dict())
    return _dispute(request, dispute_id)


@router.post(
    "/cases/{dispute_id}/escalations",
    response={201: Json},
    summary="报告公安机关、转信访或引导仲裁、诉讼、行政途径",
)
def case_escalate(request: HttpRequest, dispute_id: int, payload: EscalationIn) -> Status:
    services.escalation_record(actor=request.user, dispute_id=dispute_id, **payload.dict())
    return Status(201, _dispute(request, dispute_id))


@router.get("/cases/{dispute_id}/termination-notice", summary="终止人民调解告知书（.docx）")
def case_termination_notice(request: HttpRequest, dispute_id: int) -> HttpResponse:
    data, name = document_services.termination_print(actor=request.user, dispute_id=dispute_id)
    return docx_response(data, name)


# --- Agreements ---------------------------------------------------------------------------------


def _agreement(request: HttpRequest, agreement_id: int) -> Json:
    return present.agreement_out(
        agreement_get_for(actor=request.user, agreement_id=agreement_id), request.user
    )


@router.get("/agreements/{agreement_id}", response=Json, summary="调解协议详情（含司法确认期限）")
def agreement_detail(request: HttpRequest, agreement_id: int) -> Json:
    return _agreement(request, agreement_id)


@router.get("/agreements/{agreement_id}/document", summary="人民调解协议书（.docx）")
def agreement_document(request: HttpRequest, agreement_id: int) -> HttpResponse:
    data, name = document_services.agreement_print(actor=request.user, agreement_id=agreement_id)
    return docx_response(data, name)


@router.post(
    "/agreements/{agreement_id}/signatures", response=Json, summary="当事人或调解员签署（全部签署之日生效）"
)
def agreement_sign(request: HttpRequest, agreement_id: int, payload: SignIn) -> Json:
    services.agreement_sign(actor=request.user, agreement_id=agreement_id, **payload.dict())
    return _agreement(request, agreement_id)


@router.post("/agreements/{agreement_id}/void", response=Json, summary="作废未生效的协议")
def agreement_void(request: HttpRequest, agreement_id: int, payload: ReasonIn) -> Json:
    services.agreement_void(actor=request.user, agreement_id=agreement_id, reason=payload.reason)
    return _agreement(request, agreement_id)


@router.put("/agreements/{agreement_id}/materials", response=Json, summary="司法确认申请材料清单")
def agreement_materials(request: HttpRequest, agreement_id: int, payload: MaterialsIn) -> Json:
    services.agreement_materials_set(
        actor=request.user, agreement_id=agreement_id, materials=payload.materials
    )
    return _agreement(request, agreement_id)


@router.post("/agreements/{agreement_id}/confirmation", response=Json, summary="记录司法确认进展")
def agreement_confirmation(request: HttpRequest, agreement_id: int, payload: ConfirmationIn) -> Json:
    services.agreement_confirmation_record(actor=request.user, agreement_id=agreement_id, **payload.dict())
    return _agreement(request, agreement_id)


@router.post(
    "/terms/{term_id}/follow-ups", response={201: Json}, summary="协议履行回访（《人民调解法》第三十一条）"
)
def term_follow_up(request: HttpRequest, term_id: int, payload: FollowUpIn) -> Status:
    term = services.term_follow_up(actor=request.user, term_id=term_id, **payload.dict())
    return Status(201, _agreement(request, term.agreement_id))


# --- Organisations and mediators ---------------------------------------------------------------


@router.get("/orgs", response=list[Json], summary="调解组织")
def org_list(request: HttpRequest, kind: str = "") -> list[Json]:
    return [
        {
            **present.org_out(o),
            "committee_count": getattr(o, "committee_count", 0),
            "women_count": getattr(o, "women_count", 0),
            "mediator_count": getattr(o, "mediator_count", 0),
        }
        for o in selectors.org_list_for(actor=request.user, kind=kind)
    ]


def _org(request: HttpRequest, org_id: int) -> Json:
    org = selectors.org_get_for(actor=request.user, org_id=org_id)
    mediators = list(org.mediators.all())
    return {
        **present.org_out(org, selectors.org_checklist(org, mediators=mediators)),
        "mediators": [present.mediator_out(m) for m in mediators],
    }


@router.post("/orgs", response={201: Json}, summary="设立调解组织")
def org_create(request: HttpRequest, payload: OrgIn) -> Status:
    org = services.org_create(actor=request.user, **payload.dict())
    return Status(201, _org(request, org.pk))


@router.get("/orgs/{org_id}", response=Json, summary="调解组织详情（有人员、有场所、有制度）")
def org_detail(request: HttpRequest, org_id: int) -> Json:
    return _org(request, org_id)


@router.patch("/orgs/{org_id}", response=Json, summary="修改调解组织")
def org_update(request: HttpRequest, org_id: int, payload: OrgPatch) -> Json:
    services.org_update(actor=request.user, org_id=org_id, **payload.dict(exclude_unset=True))
    return _org(request, org_id)


@router.post("/orgs/{org_id}/compliant", response=Json, summary="确认有人员、有场所、有制度")
def org_compliant(request: HttpRequest, org_id: int) -> Json:
    services.org_mark_compliant(actor=request.user, org_id=org_id)
    return _org(request, org_id)


@router.post("/orgs/{org_id}/mediators", response={201: Json}, summary="增加委员或调解员")
def org_mediator_add(request: HttpRequest, org_id: int, payload: MediatorIn) -> Status:
    mediator = services.mediator_add(actor=request.user, org_id=org_id, **payload.dict())
    return Status(201, present.mediator_out(mediator))


@router.get("/mediators", response=list[Json], summary="调解员名册")
def mediator_list(request: HttpRequest, org_id: int | None = None, q: str = "") -> list[Json]:
    return [
        {
            **present.mediator_out(m),
            "training_count": getattr(m, "training_count", 0),
            "case_count": getattr(m, "case_count", 0),
        }
        for m in selectors.mediator_list_for(actor=request.user, org_id=org_id, q=q)
    ]


def _mediator(request: HttpRequest, mediator_id: int) -> Json:
    m = selectors.mediator_get_for(actor=request.user, mediator_id=mediator_id)
    return {
        **present.mediator_out(m),
        "trainings": [
            {"id": t.pk, "held_on": t.held_on, "title": t.title, "organiser": t.organiser, "hours": t.hours}
            for t in m.trainings.all()
        ],
    }


@router.get("/mediators/{mediator_id}", response=Json, summary="调解员详情（资质、培训）")
def mediator_detail(request: HttpRequest, mediator_id: int) -> Json:
    return _mediator(request, mediator_id)


@router.patch("/mediators/{mediator_id}", response=Json, summary="修改调解员（离任：is_active=false）")
def mediator_update(request: HttpRequest, mediator_id: int, payload: MediatorPatch) -> Json:
    services.mediator_update(actor=request.user, mediator_id=mediator_id, **payload.dict(exclude_unset=True))
    return _mediator(request, mediator_id)


@router.post("/mediators/{mediator_id}/trainings", response={201: Json}, summary="记录调解员培训")
def mediator_training(request: HttpRequest, mediator_id: int, payload: TrainingIn) -> Status:
    services.training_add(actor=request.user, mediator_id=mediator_id, **payload.dict())
    return Status(201, _mediator(request, mediator_id))


# --- Screening (shared with petitions) ----------------------------------------------------------


def _campaign(request: HttpRequest, campaign_id: int) -> Json:
    campaign = screening_selectors.campaign_get_for(actor=request.user, campaign_id=campaign_id)
    status = screening_selectors.campaign_status(actor=request.user, campaign=campaign, day=today())
    return {
        "id": campaign.pk,
        "name": campaign.name,
        "kind": campaign.kind,
        "topic": campaign.topic,
        "unit_id": campaign.unit_id,
        "unit_name": campaign.unit.name,
        "start_on": campaign.start_on,
        "end_on": campaign.end_on,
        "cadence": campaign.cadence,
        "subjects": campaign.subjects,
        "description": campaign.description,
        "current_period": (
            {"start": status.period.start, "end": status.period.end, "label": status.period.label}
            if status.period
            else None
        ),
        "communities": [
            {
                "unit_id": row.community.pk,
                "name": row.community.name,
                "submitted": row.submitted,
                "zero": bool(row.report and row.report.zero),
                "items": row.items,
            }
            for row in status.rows
        ],
        "missing": [u.name for u in status.missing],
    }


@router.get("/campaigns", response=list[Json], summary="排查活动（常态化与专项）")
def campaign_list(request: HttpRequest, year: int | None = None) -> list[Json]:
    return [
        {
            "id": c.pk,
            "name": c.name,
            "kind": c.kind,
            "topic": c.topic,
            "start_on": c.start_on,
            "end_on": c.end_on,
            "cadence": c.cadence,
        }
        for c in screening_selectors.campaign_list_for(actor=request.user, year=year)
    ]


@router.post("/campaigns", response={201: Json}, summary="发起排查活动")
def campaign_create(request: HttpRequest, payload: CampaignIn) -> Status:
    campaign = services.campaign_create(actor=request.user, **payload.dict())
    return Status(201, _campaign(request, campaign.pk))


@router.get("/campaigns/{campaign_id}", response=Json, summary="排查活动详情（本期未上报社区）")
def campaign_detail(request: HttpRequest, campaign_id: int) -> Json:
    return _campaign(request, campaign_id)


@router.patch("/campaigns/{campaign_id}", response=Json, summary="修改排查活动")
def campaign_update(request: HttpRequest, campaign_id: int, payload: CampaignPatch) -> Json:
    services.campaign_update(actor=request.user, campaign_id=campaign_id, **payload.dict(exclude_unset=True))
    return _campaign(request, campaign_id)


@router.post(
    "/campaigns/{campaign_id}/items", response={201: Json}, summary="排查上报发现事项（可一步登记为纠纷）"
)
def campaign_item(request: HttpRequest, campaign_id: int, payload: ItemIn) -> Status:
    data = payload.dict()
    data["parties"] = _parties(payload.parties)
    item = services.screening_item_add(actor=request.user, campaign_id=campaign_id, **data)
    return Status(201, _item(item))


@router.post("/campaigns/{campaign_id}/reports", response=Json, summary="社区上报本期排查情况或零报告")
def campaign_report(request: HttpRequest, campaign_id: int, payload: ReportIn) -> Json:
    report = services.screening_report_submit(actor=request.user, campaign_id=campaign_id, **payload.dict())
    return {
        "id": report.pk,
        "status": report.status,
        "zero": report.zero,
        "period_start": report.period_start,
        "period_end": report.period_end,
    }


def _item(item: Any) -> Json:
    return {
        "id": item.pk,
        "campaign_id": item.report.campaign_id,
        "unit_id": item.unit_id,
        "unit_name": item.unit.name,
        "subject": item.subject,
        "category": item.category.code if item.category else "",
        "description": item.description,
        "place": item.place,
        "people_involved": item.people_involved,
        "found_on": item.found_on,
        "converted_type": item.converted_type,
        "converted_id": item.converted_id,
    }


@router.get("/screening-items", response=list[Json], summary="排查发现事项")
def item_list(request: HttpRequest, campaign_id: int | None = None, unconverted: bool = False) -> list[Json]:
    campaign = (
        screening_selectors.campaign_get_for(actor=request.user, campaign_id=campaign_id)
        if campaign_id
        else None
    )
    return [
        _item(i)
        for i in screening_selectors.item_list_for(
            actor=request.user, campaign=campaign, unconverted=unconverted
        )[:500]
    ]


@router.post("/screening-items/{item_id}/convert", response={201: Json}, summary="排查事项转为矛盾纠纷")
def item_convert(request: HttpRequest, item_id: int, payload: ConvertIn) -> Status:
    dispute = services.screening_item_convert(
        actor=request.user,
        item_id=item_id,
        category=payload.category,
        summary=payload.summary,
        parties=_parties(payload.parties),
    )
    return Status(201, _dispute(request, dispute.pk))


# --- Talk days (小板凳拉呱日) ------------------------------------------------------------------------


def _talk_day(request: HttpRequest, talk_day_id: int) -> Json:
    t = talk_selectors.talk_day_get_for(actor=request.user, talk_day_id=talk_day_id)
    return {
        "id": t.pk,
        "unit_id": t.unit_id,
        "unit_name": t.unit.name,
        "held_on": t.held_on,
        "start_time": t.start_time,
        "place": t.place,
        "topic": t.topic,
        "host": str(t.host) if t.host else "",
        "status": t.status,
        "attendance": t.attendance,
        "attendees": t.attendees,
        "notes": t.notes,
        "issues": [
            {
                "id": i.pk,
                "raised_by": i.raised_by,
                "description": i.description,
                "category": i.category.code if i.category else "",
                "outcome": i.outcome,
                "resolution": i.resolution,
                "dispute_id": i.dispute_id,
                "dispute_number": i.dispute.number if i.dispute else "",
            }
            for i in talk_selectors.issues_of(t)
        ],
    }


@router.get("/talk-days", response=list[Json], summary="小板凳拉呱日")
def talk_day_list(
    request: HttpRequest, status: str = "", date_from: date | None = None, date_to: date | None = None
) -> list[Json]:
    return [
        {
            "id": t.pk,
            "unit_name": t.unit.name,
            "held_on": t.held_on,
            "place": t.place,
            "topic": t.topic,
            "status": t.status,
            "attendance": t.attendance,
            "issue_count": getattr(t, "issue_count", 0),
        }
        for t in talk_selectors.talk_day_list_for(
            actor=request.user, status=status, date_from=date_from, date_to=date_to
        )[:500]
    ]


@router.post("/talk-days", response={201: Json}, summary="安排拉呱日")
def talk_day_create(request: HttpRequest, payload: TalkDayIn) -> Status:
    talk_day = services.talk_day_schedule(actor=request.user, **payload.dict())
    return Status(201, _talk_day(request, talk_day.pk))


@router.get("/talk-days/{talk_day_id}", response=Json, summary="拉呱日详情")
def talk_day_detail(request: HttpRequest, talk_day_id: int) -> Json:
    return _talk_day(request, talk_day_id)


@router.post("/talk-days/{talk_day_id}/record", response=Json, summary="记录拉呱日活动情况")
def talk_day_record(request: HttpRequest, talk_day_id: int, payload: TalkRecordIn) -> Json:
    services.talk_day_record(actor=request.user, talk_day_id=talk_day_id, **payload.dict())
    return _talk_day(request, talk_day_id)


@router.post("/talk-days/{talk_day_id}/cancel", response=Json, summary="取消拉呱日")
def talk_day_cancel(request: HttpRequest, talk_day_id: int, payload: ReasonIn) -> Json:
    services.talk_day_cancel(actor=request.user, talk_day_id=talk_day_id, reason=payload.reason)
    return _talk_day(request, talk_day_id)


@router.post(
    "/talk-days/{talk_day_id}/issues",
    response={201: Json},
    summary="记录反映问题（当场解决、转办或转为纠纷）",
)
def talk_issue_add(request: HttpRequest, talk_day_id: int, payload: IssueIn) -> Status:
    data = payload.dict()
    data["parties"] = _parties(payload.parties)
    services.talk_issue_add(actor=request.user, talk_day_id=talk_day_id, **data)
    return Status(201, _talk_day(request, talk_day_id))


@router.post("/talk-day-issues/{issue_id}/resolve", response=Json, summary="处理反映问题")
def talk_issue_resolve(request: HttpRequest, issue_id: int, payload: IssueResolveIn) -> Json:
    issue = services.talk_issue_resolve(actor=request.user, issue_id=issue_id, **payload.dict())
    return _talk_day(request, issue.talk_day_id)


@router.post("/talk-day-issues/{issue_id}/convert", response={201: Json}, summary="反映问题转为矛盾纠纷")
def talk_issue_convert(request: HttpRequest, issue_id: int, payload: ConvertIn) -> Status:
    dispute = services.talk_issue_convert(
        actor=request.user,
        issue_id=issue_id,
        category=payload.category,
        parties=_parties(payload.parties),
        summary=payload.summary,
    )
    return Status(201, _dispute(request, dispute.pk))


# --- Ledgers (矛盾纠纷排查化解台账, 人民调解台账) -----------------------------------------------------------


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data: bytes, name: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@router.get(
    "/ledgers/{name}/export", summary="导出台账（disputes：矛盾纠纷排查化解台账；mediations：人民调解台账）"
)
def ledger_export(request: HttpRequest, name: str, filters: Query[DisputeQuery]) -> HttpResponse:
    from fazhi.disputes.selectors.ledgers import export_file

    selectors.disputes.require_view(request.user)
    data, filename = export_file(
        actor=request.user, name=name, filters=selectors.DisputeFilters(**filters.dict())
    )
    return _xlsx(data, filename)


@router.get("/ledgers/{name}/template", summary="台账导入模板")
def ledger_template(request: HttpRequest, name: str) -> HttpResponse:
    from fazhi.disputes.selectors.ledgers import template_file

    selectors.disputes.require_view(request.user)
    data, filename = template_file(name)
    return _xlsx(data, filename)


@router.post(
    "/ledgers/{name}/import",
    response=Json,
    summary="导入台账：请求体为文件内容，filename 给出扩展名；全部成功或全部不写",
)
def ledger_import(request: HttpRequest, name: str, filename: str = "台账.xlsx") -> Json:
    from fazhi.disputes.selectors.ledgers import ledger_get
    from fazhi.disputes.services.ledgers import IMPORTS

    ledger_get(name)
    run, _ = IMPORTS[name]
    upload = request.FILES.get("file")
    data = upload.read() if upload is not None else request.body
    result = run(
        actor=request.user,
        file_bytes=data,
        filename=(upload.name if upload is not None and upload.name else filename),
    )
    return {
        "ok": result.ok,
        "message": result.message,
        "total": result.total,
        "created": result.created,
        "updated": result.updated,
        "errors": [{"line": e.line, "column": e.column, "reason": e.reason} for e in result.errors],
    }


# --- Indicators ----------------------------------------------------------------------------------


@router.get("/indicators", response=list[Json], summary="矛盾纠纷指标（可追溯到记录）")
def indicators(
    request: HttpRequest,
    year: int | None = None,
    unit_id: int | None = None,
    month: int | None = None,
    category: str = "",
) -> list[Json]:
    selectors.disputes.require_view(request.user)
    year = year or today().year
    unit = _indicator_unit(request.user, unit_id)
    period = Period.month(year, month) if month else Period.year(year)
    return [
        {
            "code": f.code,
            "label": f.label,
            "value": f.value,
            "unit": f.unit,
            "period": f.period.label,
            "unit_id": f.unit_id,
            "link": f.link,
            "record_ids": f.record_ids,
        }
        for f in figures(actor=request.user, unit=unit, period=period, category=category)
    ]


def _indicator_unit(actor: Any, unit_id: int | None) -> Any:
    """The unit asked for if the actor may see it or it lies above the actor; default the subdistrict."""
    from fazhi.disputes.selectors.orgs import units_visible_q
    from fazhi.org.models import Unit
    from fazhi.org.scope import subdistrict_of

    if unit_id is None:
        return subdistrict_of(actor.unit)
    unit = Unit.objects.filter(units_visible_q(actor, ""), pk=unit_id).first()
    if unit is None:
        raise NotFound("单位不存在或无权查看")
    return unit
