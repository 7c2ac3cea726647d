"""Agreements: signatures, the 司法确认 window and materials, performance follow-up, the .docx."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Status

from fazhi.disputes import present, services
from fazhi.disputes.api.base import Json, docx_response, router
from fazhi.disputes.schemas import (
    ConfirmationIn,
    DisputeFollowUpIn,
    DisputeReasonIn,
    MaterialsIn,
    SignIn,
)
from fazhi.disputes.services import documents as document_services
from fazhi.disputes.services.agreements import agreement_get_for

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
def agreement_void(request: HttpRequest, agreement_id: int, payload: DisputeReasonIn) -> Json:
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
def term_follow_up(request: HttpRequest, term_id: int, payload: DisputeFollowUpIn) -> Status:
    term = services.term_follow_up(actor=request.user, term_id=term_id, **payload.dict())
    return Status(201, _agreement(request, term.agreement_id))
