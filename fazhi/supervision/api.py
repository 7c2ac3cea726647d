"""Supervision endpoints under /api/v1/supervision/: orders on any registered record type."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from fazhi.core.pagination import paginate
from fazhi.supervision import documents, rules, selectors, services, targets
from fazhi.supervision.models import SupervisionOrder
from fazhi.supervision.workflow import FLOW

router = Router(tags=["督办"])


class OrderIn(Schema):
    object_type: str = Field(..., description="例如 petitions.petition")
    object_id: str
    level: str = Field(
        "remind", description="remind 提醒 / urge 催办 / supervise 督办 / listed 挂牌督办（可配置）"
    )
    reason: str
    assignee_id: int | None = None
    on: date | None = None


class OrderOut(Schema):
    id: int
    number: str
    object_type: str
    object_type_label: str
    object_id: str
    object_label: str
    link: str
    unit_id: int
    unit_name: str
    level: str
    level_label: str
    reason: str
    issued_on: date
    reply_due: date
    reply_basis: str
    status: str
    status_label: str
    assignee: str
    reply_text: str
    replied_on: date | None
    allowed_actions: list[str]


class OrderPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[OrderOut]


class TextIn(Schema):
    text: str
    on: date | None = None


class SupervisionReasonIn(Schema):
    reason: str = ""


class SupervisionListQuery(Schema):
    page: int = 1
    page_size: int = 20
    level: str = ""
    status: str = ""
    object_type: str = ""
    object_id: str = ""
    mine: bool = False


def order_out(o: SupervisionOrder, actor: Any) -> dict[str, Any]:
    levels = dict(rules.level_choices())
    return {
        "id": o.pk,
        "number": o.number,
        "object_type": o.object_type,
        "object_type_label": targets.type_label(o.object_type),
        "object_id": o.object_id,
        "object_label": o.object_label,
        "link": o.link,
        "unit_id": o.unit_id,
        "unit_name": o.unit.name,
        "level": o.level,
        "level_label": levels.get(o.level, o.level),
        "reason": o.reason,
        "issued_on": o.issued_on,
        "reply_due": o.reply_due,
        "reply_basis": rules.reply_basis(o.reply_rule),
        "status": o.status,
        "status_label": o.get_status_display(),
        "assignee": str(o.assignee) if o.assignee else "",
        "reply_text": o.reply_text,
        "replied_on": o.replied_on,
        "allowed_actions": [t.action for t in FLOW.available_actions(o, actor)],
    }


@router.get("/orders", response=OrderPage, summary="督办单列表（挂牌督办在前）")
def orders_list(request: HttpRequest, query: Query[SupervisionListQuery]) -> dict[str, Any]:
    qs = selectors.order_list_for(
        actor=request.user,
        level=query.level,
        status=query.status,
        object_type=query.object_type,
        object_id=query.object_id,
        mine=query.mine,
    )
    page = paginate(qs, page=query.page, page_size=query.page_size)
    return {
        "count": page.count,
        "page": page.page,
        "page_size": page.page_size,
        "items": [order_out(o, request.user) for o in page.items],
    }


@router.post("/orders", response={201: OrderOut}, summary="下达督办单")
def orders_issue(request: HttpRequest, payload: OrderIn) -> Status:
    order = services.order_issue(actor=request.user, **payload.dict())
    return Status(
        201, order_out(selectors.order_get_for(actor=request.user, order_id=order.pk), request.user)
    )


@router.get("/orders/{order_id}", response=OrderOut, summary="督办单详情")
def orders_detail(request: HttpRequest, order_id: int) -> dict[str, Any]:
    return order_out(selectors.order_get_for(actor=request.user, order_id=order_id), request.user)


@router.get("/orders/{order_id}/document", summary="下载督办单（.docx）")
def orders_document(request: HttpRequest, order_id: int) -> HttpResponse:
    from urllib.parse import quote

    order = selectors.order_get_for(actor=request.user, order_id=order_id)
    title, data = documents.order_document(order)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(title)}.docx"
    return response


@router.post("/orders/{order_id}/reply", response=OrderOut, summary="书面回复督办单")
def orders_reply(request: HttpRequest, order_id: int, payload: TextIn) -> dict[str, Any]:
    services.order_reply(actor=request.user, order_id=order_id, text=payload.text, on=payload.on)
    return order_out(selectors.order_get_for(actor=request.user, order_id=order_id), request.user)


@router.post("/orders/{order_id}/close", response=OrderOut, summary="审核通过，办结督办单")
def orders_close(request: HttpRequest, order_id: int, payload: SupervisionReasonIn) -> dict[str, Any]:
    services.order_close(actor=request.user, order_id=order_id, note=payload.reason)
    return order_out(selectors.order_get_for(actor=request.user, order_id=order_id), request.user)


@router.post("/orders/{order_id}/return", response=OrderOut, summary="退回重办")
def orders_return(request: HttpRequest, order_id: int, payload: SupervisionReasonIn) -> dict[str, Any]:
    services.order_return(actor=request.user, order_id=order_id, reason=payload.reason)
    return order_out(selectors.order_get_for(actor=request.user, order_id=order_id), request.user)


@router.post("/orders/{order_id}/escalate", response=OrderOut, summary="升级督办")
def orders_escalate(request: HttpRequest, order_id: int, payload: SupervisionReasonIn) -> dict[str, Any]:
    services.order_escalate(actor=request.user, order_id=order_id, reason=payload.reason)
    return order_out(selectors.order_get_for(actor=request.user, order_id=order_id), request.user)
