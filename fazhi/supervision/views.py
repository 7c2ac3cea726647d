"""Supervision pages: the 督办 list (挂牌督办 on top) and one order with its reply form. Thin."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.errors import FazhiError
from fazhi.core.timeline import timeline_for
from fazhi.org.scope import has_perm
from fazhi.supervision import documents, rules, selectors, services
from fazhi.supervision.models import OrderStatus
from fazhi.supervision.workflow import FLOW, VIEW
from fazhi.workbench.lists import Column, ListSpec, list_context

LIST = ListSpec(
    columns=[
        Column("督办编号", "number"),
        Column("层级"),
        Column("督办事项"),
        Column("责任单位", "unit__name"),
        Column("下达日期", "issued_on"),
        Column("回复期限", "reply_due"),
        Column("状态", "status"),
    ],
    default_sort="reply_due",
    filters=["level", "status", "mine"],
)


@login_required
def order_list(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, VIEW):
        raise Http404
    qs = selectors.order_list_for(
        actor=request.user,
        level=request.GET.get("level", ""),
        status=request.GET.get("status", ""),
        mine=bool(request.GET.get("mine")),
    )
    # 挂牌督办 on top whatever the column sort: the list keeps the selector's order unless asked.
    context = list_context(request, qs, LIST) if request.GET.get("sort") else None
    if context is None:
        from fazhi.core.pagination import paginate

        try:
            number = int(request.GET.get("page", "1"))
        except ValueError:
            number = 1
        context = list_context(request, qs.none(), LIST)
        context["page"] = paginate(qs, page=number, page_size=LIST.page_size)
    context.update(
        {"levels": rules.level_choices(), "statuses": OrderStatus.choices, "today": timezone.localdate()}
    )
    return render(request, "supervision/list.html", context)


@login_required
def order_detail(request: HttpRequest, order_id: int) -> HttpResponse:
    order = selectors.order_get_for(actor=request.user, order_id=order_id)
    return render(
        request,
        "supervision/detail.html",
        {
            "o": order,
            "actions": {t.action for t in FLOW.available_actions(order, request.user)},
            "basis": rules.reply_basis(order.reply_rule),
            "ladder_basis": rules.BASIS,
            "days_left": (order.reply_due - timezone.localdate()).days,
            "timeline": timeline_for(order),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def order_act(request: HttpRequest, order_id: int, action: str) -> HttpResponse:
    post = request.POST
    try:
        if action == "reply":
            services.order_reply(actor=request.user, order_id=order_id, text=post.get("text", ""))
        elif action == "close":
            services.order_close(actor=request.user, order_id=order_id, note=post.get("reason", ""))
        elif action == "return":
            services.order_return(actor=request.user, order_id=order_id, reason=post.get("reason", ""))
        elif action == "escalate":
            services.order_escalate(actor=request.user, order_id=order_id, reason=post.get("reason", ""))
        else:
            raise Http404
    except FazhiError as exc:
        if exc.status == 404:
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, "已保存")
    return redirect(f"/supervision/{order_id}/")


@login_required
def order_document(request: HttpRequest, order_id: int) -> HttpResponse:
    order = selectors.order_get_for(actor=request.user, order_id=order_id)
    title, data = documents.order_document(order)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(title)}.docx"
    return response
