"""Cases: intake, details, parties, assignment, sessions, agreements recorded, endings, escalations."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from fazhi.core import search
from fazhi.core.pagination import paginate
from fazhi.core.timeline import timeline_for
from fazhi.disputes import present, selectors, services
from fazhi.disputes.api.base import (
    DisputeQuery,
    Json,
    Paging,
    dispute_out_for,
    docx_response,
    parties_in,
    router,
    terms_in,
)
from fazhi.disputes.schemas import (
    AgreementIn,
    AssignIn,
    CloseIn,
    ConsentIn,
    DisputeIn,
    DisputePage,
    DisputePatch,
    DisputeRevealIn,
    DisputeRevealOut,
    EscalationIn,
    LeaderIn,
    PartyIn,
    SessionIn,
    SettleIn,
    TerminateIn,
)
from fazhi.disputes.services import documents as document_services
from fazhi.disputes.services.agreements import agreement_get_for

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
    page = paginate(
        qs, page=paging.page, page_size=paging.page_size, count_cap=search.count_cap_for(filters.q)
    )
    return {
        "count": page.count,
        "count_is_lower_bound": page.count_capped,
        "page": page.page,
        "page_size": page.page_size,
        "items": [present.dispute_row(d) for d in page.items],
    }


@router.post("/cases", response={201: Json}, summary="登记矛盾纠纷")
def case_create(request: HttpRequest, payload: DisputeIn) -> Status:
    data = payload.dict()
    data["parties"] = parties_in(payload.parties)
    dispute = services.dispute_intake(actor=request.user, **data)
    return Status(201, dispute_out_for(request, dispute.pk))


@router.get("/cases/{dispute_id}", response=Json, summary="矛盾纠纷详情")
def case_detail(request: HttpRequest, dispute_id: int) -> Json:
    return dispute_out_for(request, dispute_id)


@router.patch("/cases/{dispute_id}", response=Json, summary="修改登记信息（风险等级随之重新评定）")
def case_update(request: HttpRequest, dispute_id: int, payload: DisputePatch) -> Json:
    services.dispute_update(actor=request.user, dispute_id=dispute_id, **payload.dict(exclude_unset=True))
    return dispute_out_for(request, dispute_id)


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
    return dispute_out_for(request, dispute_id)


@router.post(
    "/cases/{dispute_id}/parties/{party_id}/reveal",
    response=DisputeRevealOut,
    summary="查看当事人完整身份证号或电话（须说明事由，留痕）",
)
def case_party_reveal(request: HttpRequest, dispute_id: int, party_id: int, payload: DisputeRevealIn) -> Json:
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
    return dispute_out_for(request, dispute_id)


@router.post("/cases/{dispute_id}/case-leader", response=Json, summary="指定包案领导")
def case_leader(request: HttpRequest, dispute_id: int, payload: LeaderIn) -> Json:
    services.dispute_set_case_leader(actor=request.user, dispute_id=dispute_id, **payload.dict())
    return dispute_out_for(request, dispute_id)


@router.post("/cases/{dispute_id}/sessions", response={201: Json}, summary="记录一次调解")
def case_session(request: HttpRequest, dispute_id: int, payload: SessionIn) -> Status:
    data = payload.dict()
    data["invitees"] = [i.dict() for i in payload.invitees]
    services.session_record(actor=request.user, dispute_id=dispute_id, **data)
    return Status(201, dispute_out_for(request, dispute_id))


@router.post(
    "/cases/{dispute_id}/agreements",
    response={201: Json},
    summary="登记调解协议（书面须载明《人民调解法》第二十九条事项）",
)
def case_agreement(request: HttpRequest, dispute_id: int, payload: AgreementIn) -> Status:
    data = payload.dict()
    data["terms"] = terms_in(payload.terms)
    agreement = services.agreement_record(actor=request.user, dispute_id=dispute_id, **data)
    return Status(
        201,
        present.agreement_out(agreement_get_for(actor=request.user, agreement_id=agreement.pk), request.user),
    )


@router.post("/cases/{dispute_id}/terminate", response=Json, summary="终止调解（调解不成）")
def case_terminate(request: HttpRequest, dispute_id: int, payload: TerminateIn) -> Json:
    services.dispute_terminate(actor=request.user, dispute_id=dispute_id, **payload.dict())
    return dispute_out_for(request, dispute_id)


@router.post("/cases/{dispute_id}/settle", response=Json, summary="自行和解或化解结案")
def case_settle(request: HttpRequest, dispute_id: int, payload: SettleIn) -> Json:
    services.dispute_settle(actor=request.user, dispute_id=dispute_id, **payload.dict())
    return dispute_out_for(request, dispute_id)


@router.post("/cases/{dispute_id}/close", response=Json, summary="协议履行完毕结案")
def case_close(request: HttpRequest, dispute_id: int, payload: CloseIn) -> Json:
    services.dispute_close(actor=request.user, dispute_id=dispute_id, **payload.dict())
    return dispute_out_for(request, dispute_id)


@router.post(
    "/cases/{dispute_id}/escalations",
    response={201: Json},
    summary="报告公安机关、转信访或引导仲裁、诉讼、行政途径",
)
def case_escalate(request: HttpRequest, dispute_id: int, payload: EscalationIn) -> Status:
    services.escalation_record(actor=request.user, dispute_id=dispute_id, **payload.dict())
    return Status(201, dispute_out_for(request, dispute_id))


@router.get("/cases/{dispute_id}/termination-notice", summary="终止人民调解告知书（.docx）")
def case_termination_notice(request: HttpRequest, dispute_id: int) -> HttpResponse:
    data, name = document_services.termination_print(actor=request.user, dispute_id=dispute_id)
    return docx_response(data, name)
