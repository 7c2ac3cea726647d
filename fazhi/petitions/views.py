"""Petition pages: the list (filters, 导出), registration, one matter with its deadlines and the
buttons its status allows, the leader's board, indicators. Thin: parse, call one service or
selector, render. Errors from the services are shown beside the form, in Chinese."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import search
from fazhi.core.attachments import attachment_get, attachment_path, attachments_of
from fazhi.core.errors import FazhiError, ValidationFailed
from fazhi.core.indicators import Period
from fazhi.org.scope import has_perm
from fazhi.org.selectors import (
    area_choices_for,
    leader_list_for,
    unit_choices_for,
    unit_get_for,
    unit_list_for,
)
from fazhi.petitions import documents, listing, rules, selectors, services
from fazhi.petitions.deadlines import board_colour, deadlines_of, next_deadline
from fazhi.petitions.indicators import petition_figures
from fazhi.petitions.listing import _int, parse_date
from fazhi.petitions.models import (
    Category,
    Channel,
    FollowUp,
    LegalProcedure,
    Outcome,
    Petitioner,
    Satisfaction,
    Status,
)
from fazhi.petitions.workflow import REGISTER, ROUTE, VIEW, available_actions
from fazhi.workbench.lists import Column, ListSpec, list_context

LIST = ListSpec(
    columns=[
        Column("案件编号", "case_number"),
        Column("收到日期", "received_on"),
        Column("渠道", "channel"),
        Column("类别", "category"),
        Column("事由"),
        Column("信访人"),
        Column("所涉单位", "unit__name"),
        Column("状态", "status"),
        Column("最近期限"),
    ],
    default_sort="-received_on",
    filters=[
        "q",
        "status",
        "channel",
        "category",
        "unit",
        "flag",
        "overdue",
        "indicator",
        "from",
        "to",
        "satisfaction",
    ],
)
PERSON_ROWS = 5  # rows on the registration form; a group visit's extra people go on a second save


def _require(request: HttpRequest, code: str) -> None:
    if not has_perm(request.user, code):
        raise Http404  # pages the menu does not offer answer like missing ones


def filtered(request: HttpRequest) -> tuple[Any, dict[str, str]]:
    return listing.filtered(request.user, request.GET)


@login_required
def petition_list(request: HttpRequest) -> HttpResponse:
    _require(request, VIEW)
    today = timezone.localdate()
    try:
        qs, extra = filtered(request)
    except FazhiError as exc:
        messages.error(request, exc.message)
        return redirect("/petitions/")
    context = list_context(request, qs, LIST, count_cap=search.count_cap_for(request.GET.get("q", "")))
    context.update(extra)
    context.update(
        {
            "rows": [(p, next_deadline(p, today)) for p in context["page"].items],
            "statuses": Status.choices,
            "channels": Channel.choices,
            "categories": Category.choices,
            "units": area_choices_for(actor=request.user, current=request.GET.get("unit")),
            "can_register": has_perm(request.user, REGISTER),
            # Importing a historic ledger registers and routes matters: the office's job.
            "can_import": has_perm(request.user, REGISTER) and has_perm(request.user, ROUTE),
            "export_query": request.GET.urlencode(),
        }
    )
    return render(request, "petitions/list.html", context)


def _people_from(post: Any) -> list[dict[str, str]]:
    people = []
    for i in range(PERSON_ROWS):
        row = {
            k: post.get(f"p{i}_{k}", "").strip() for k in ("name", "id_number", "phone", "address", "role")
        }
        if any(row[k] for k in ("name", "id_number", "phone", "address")):
            row["role"] = row["role"] or Petitioner.Role.PETITIONER
            people.append(row)
    return people


def _register_context(request: HttpRequest, values: Any, errors: dict[str, str]) -> dict[str, Any]:
    rows = [
        {k: values.get(f"p{i}_{k}", "") for k in ("name", "id_number", "phone", "address", "role")} | {"i": i}
        for i in range(PERSON_ROWS)
    ]
    return {
        "values": values,
        "errors": errors,
        "rows": rows,
        "channels": Channel.choices,
        "categories": Category.choices,
        "roles": Petitioner.Role.choices,
        "units": unit_list_for(actor=request.user).exclude(kind="department"),
        "receptions": selectors.reception_list_for(actor=request.user)[:30],
        "today": timezone.localdate(),
        "max_representatives": rules.MAX_REPRESENTATIVES,
    }


@login_required
@require_http_methods(["GET", "POST"])
def petition_new(request: HttpRequest) -> HttpResponse:
    _require(request, REGISTER)
    errors: dict[str, str] = {}
    if request.method == "POST":
        post = request.POST
        try:
            petition = services.petition_register(
                actor=request.user,
                channel=post.get("channel", ""),
                received_on=parse_date(post.get("received_on"), "received_on"),  # type: ignore[arg-type]
                category=post.get("category", ""),
                title=post.get("title", ""),
                content=post.get("content", ""),
                place=post.get("place", ""),
                unit_id=_int(post.get("unit_id"), "unit_id") or 0,
                petitioners=_people_from(post),
                is_group=bool(post.get("is_group")),
                group_size=_int(post.get("group_size"), "group_size"),
                skip_level=bool(post.get("skip_level")),
                reception_id=_int(post.get("reception_id"), "reception_id"),
                attachments=[(f.name or "附件", f.read()) for f in request.FILES.getlist("attachments")],
            )
        except FazhiError as exc:
            errors = exc.fields or {"__all__": exc.message}
        else:
            messages.success(request, f"已登记 {petition.case_number}")
            for flag in petition.flags:
                messages.warning(request, f"{flag['message']}（{flag['basis']}）")
            return redirect(f"/petitions/{petition.pk}/")
    values = (
        request.POST
        if request.method == "POST"
        else {
            "received_on": timezone.localdate().isoformat(),
            "reception_id": request.GET.get("reception", ""),
            "channel": "visit" if request.GET.get("reception") else "",
        }
    )
    return render(request, "petitions/new.html", _register_context(request, values, errors))


@login_required
@require_POST
def repeat_check(request: HttpRequest) -> HttpResponse:
    """htmx: the warnings registration would raise for what is typed so far."""
    _require(request, REGISTER)
    try:
        flags = services.petition_repeat_check(
            actor=request.user,
            petitioners=_people_from(request.POST),
            content=request.POST.get("content", ""),
            is_group=bool(request.POST.get("is_group")),
            skip_level=bool(request.POST.get("skip_level")),
        )
    except FazhiError:
        flags = []
    return render(request, "petitions/_flags.html", {"flags": flags})


def _detail_context(request: HttpRequest, petition: Any) -> dict[str, Any]:
    from fazhi.disputes.selectors import category_list, dispute_list_from
    from fazhi.supervision.selectors import order_list_for

    today = timezone.localdate()
    actions = available_actions(petition, request.user)
    return {
        "p": petition,
        "dispute_categories": category_list(),
        "mediation_disputes": dispute_list_from(
            actor=request.user, origin_type="petitions.petition", origin_id=str(petition.pk)
        ),
        "people": [selectors.masked_petitioner(x) for x in petition.petitioners.all()],
        "deadlines": deadlines_of(petition, today),
        "actions": actions,
        "action_codes": {t.action for t in actions},
        "timeline": selectors.petition_timeline(petition),
        "notes": petition.notes.select_related("by"),
        "reviews": list(petition.reviews.all()),
        "follow_ups": list(petition.follow_ups.all()),
        "attachments": attachments_of(petition),
        "orders": order_list_for(
            actor=request.user, object_type="petitions.petition", object_id=str(petition.pk)
        ),
        "leaders": leader_list_for(actor=request.user),
        "procedures": [
            (code, label, rules.LEGAL_PROCEDURES[code][1]) for code, label in LegalProcedure.choices
        ],
        "outcomes": Outcome.choices,
        "satisfactions": Satisfaction.choices,
        "methods": FollowUp.Method.choices,
        "today": today,
        "rules": rules,
        "can_reveal": has_perm(request.user, "core.reveal_pii"),
        "origin_label": {"disputes.dispute": "矛盾纠纷"}.get(petition.origin_type, petition.origin_type),
        "levels": _levels(),
    }


def _levels() -> list[tuple[str, str]]:
    from fazhi.supervision.rules import level_choices

    return level_choices()


@login_required
def petition_detail(request: HttpRequest, petition_id: int) -> HttpResponse:
    petition = selectors.petition_get_for(actor=request.user, petition_id=petition_id)
    return render(request, "petitions/detail.html", _detail_context(request, petition))


def _b(post: Any, name: str) -> bool:
    return post.get(name) in ("1", "on", "true", "yes")


def run_action(actor: Any, petition_id: int, action: str, post: Any) -> str:
    """Call the service behind one button; returns the success message."""
    d = lambda name: parse_date(post.get(name), name)  # noqa: E731
    s = services
    if action in ("accept", "transfer", "assign", "redirect", "decline"):
        s.petition_route(
            actor=actor,
            petition_id=petition_id,
            route=action,
            on=d("on"),
            target=post.get("target", ""),
            reason=post.get("reason", ""),
            legal_procedure=post.get("legal_procedure", ""),
            feedback_due=d("feedback_due"),
            notice_sent=_b(post, "notice_sent"),
            new_facts=_b(post, "new_facts"),
        )
    elif action == "notice":
        s.petition_notice(actor=actor, petition_id=petition_id, on=d("on"), method=post.get("method", ""))
    elif action == "object":
        s.petition_object(actor=actor, petition_id=petition_id, reason=post.get("reason", ""), on=d("on"))
    elif action == "feedback":
        s.petition_feedback(actor=actor, petition_id=petition_id, result=post.get("result", ""), on=d("on"))
    elif action == "lead":
        s.petition_lead(
            actor=actor,
            petition_id=petition_id,
            leader_id=_int(post.get("leader_id"), "leader_id") or 0,
            handler_ids=[int(x) for x in post.getlist("handler_ids") if x.isdigit()],
        )
    elif action in ("note", "aftercare"):
        s.petition_note(
            actor=actor,
            petition_id=petition_id,
            kind=post.get("kind", "aftercare" if action == "aftercare" else ""),
            text_=post.get("text", ""),
            on=d("on"),
            participants=post.get("participants", ""),
        )
    elif action == "extend":
        s.petition_extend(
            actor=actor,
            petition_id=petition_id,
            days=_int(post.get("days"), "days") or 0,
            reason=post.get("reason", ""),
            approver_id=_int(post.get("approver_id"), "approver_id") or 0,
            on=d("on"),
        )
    elif action == "refer_mediation":
        dispute = s.petition_refer_mediation(
            actor=actor,
            petition_id=petition_id,
            category=post.get("dispute_category", ""),
            note=post.get("note", ""),
        )
        return f"已转人民调解，矛盾纠纷编号 {dispute.number}"
    elif action == "mediate":
        s.petition_mediate(
            actor=actor,
            petition_id=petition_id,
            agreement=post.get("agreement", ""),
            petitioner_consent=_b(post, "petitioner_consent"),
            other_party_consent=_b(post, "other_party_consent"),
            other_party=post.get("other_party", ""),
            on=d("on"),
        )
    elif action == "reply":
        s.petition_reply(
            actor=actor,
            petition_id=petition_id,
            outcome=post.get("outcome", ""),
            request=post.get("request", ""),
            facts=post.get("facts", ""),
            opinion=post.get("opinion", ""),
            basis=post.get("basis", ""),
            on=d("on"),
            delivered_on=d("delivered_on"),
        )
    elif action in ("review_request", "re_review_request"):
        s.petition_review_request(
            actor=actor,
            petition_id=petition_id,
            requested_on=d("requested_on"),
            request=post.get("request", ""),
            body=post.get("body", ""),
        )
    elif action in ("review_accept", "re_review_accept", "review_decline", "re_review_decline"):
        s.petition_review_decide(
            actor=actor,
            petition_id=petition_id,
            accept=action.endswith("accept"),
            reason=post.get("reason", ""),
            on=d("on"),
        )
    elif action == "pause":
        first, last = d("first"), d("last")
        if first is None or last is None:
            raise ValidationFailed.field("first", "请填写听证起止日期")
        s.petition_review_pause(
            actor=actor, petition_id=petition_id, first=first, last=last, reason=post.get("reason", "")
        )
    elif action in ("review_answer", "re_review_answer"):
        s.petition_review_answer(
            actor=actor,
            petition_id=petition_id,
            outcome=post.get("outcome", ""),
            opinion=post.get("opinion", ""),
            on=d("on"),
            delivered_on=d("delivered_on"),
        )
    elif action == "finalize":
        s.petition_finalize(actor=actor, petition_id=petition_id, on=d("on"))
    elif action == "follow_up":
        s.petition_follow_up(
            actor=actor,
            petition_id=petition_id,
            method=post.get("method", ""),
            satisfaction=post.get("satisfaction", ""),
            note=post.get("note", ""),
            on=d("on"),
        )
    elif action == "supervise":
        order = s.petition_supervise(
            actor=actor, petition_id=petition_id, level=post.get("level", ""), reason=post.get("reason", "")
        )
        return f"已下达督办单 {order.number}"
    else:
        raise Http404
    return "已保存"


@login_required
@require_POST
def petition_act(request: HttpRequest, petition_id: int, action: str) -> HttpResponse:
    try:
        message = run_action(request.user, petition_id, action, request.POST)
    except FazhiError as exc:
        if exc.status == 404:
            raise
        petition = selectors.petition_get_for(actor=request.user, petition_id=petition_id)
        context = _detail_context(request, petition)
        context.update(
            {"error_action": action, "error": exc.message, "error_fields": exc.fields, "posted": request.POST}
        )
        return render(request, "petitions/detail.html", context, status=exc.status)
    messages.success(request, message)
    return redirect(f"/petitions/{petition_id}/")


@login_required
def petition_document(request: HttpRequest, petition_id: int, kind: str) -> HttpResponse:
    petition = selectors.petition_get_for(actor=request.user, petition_id=petition_id)
    title, data = documents.document_for(petition, kind)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(petition.case_number + title)}.docx"
    )
    return response


@login_required
def petition_attachment(request: HttpRequest, petition_id: int, attachment_id: str) -> FileResponse:
    petition = selectors.petition_get_for(actor=request.user, petition_id=petition_id)
    attachment = attachment_get(obj=petition, attachment_id=attachment_id)
    return FileResponse(open(attachment_path(attachment), "rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def petitioner_reveal(request: HttpRequest, petition_id: int, petitioner_id: int) -> HttpResponse:
    try:
        value = services.petitioner_reveal(
            actor=request.user,
            petition_id=petition_id,
            petitioner_id=petitioner_id,
            field=request.POST.get("field", ""),
            purpose=request.POST.get("purpose", ""),
        )
    except FazhiError as exc:
        if exc.status == 404:
            raise
        return render(request, "workbench/_reveal.html", {"error": exc.message}, status=exc.status)
    return render(request, "workbench/_reveal.html", {"value": value})


@login_required
def board(request: HttpRequest) -> HttpResponse:
    """The 包案 leader's board: own cases, red / yellow / green by deadline, dissatisfied ones red."""
    _require(request, VIEW)
    today = timezone.localdate()
    leaders = list(leader_list_for(actor=request.user))
    leader = request.user
    chosen = _int(request.GET.get("leader"), "leader")
    if chosen and chosen != request.user.pk:
        leader = next((x for x in leaders if x.pk == chosen), None) or request.user
    cards: list[dict[str, Any]] = []
    for p in selectors.leader_board_for(actor=request.user, leader=leader)[:300]:
        cards.append({"p": p, "colour": board_colour(p, today), "next": next_deadline(p, today)})
    order = {"red": 0, "yellow": 1, "green": 2}
    closed = {Status.FINAL, Status.CLOSED, Status.REPLIED, Status.REVIEWED}
    cards.sort(
        key=lambda c: (order[c["colour"]], c["p"].status in closed, c["next"].due if c["next"] else date.max)
    )
    counts = {c: sum(1 for x in cards if x["colour"] == c) for c in ("red", "yellow", "green")}
    return render(
        request,
        "petitions/board.html",
        {"cards": cards, "leader": leader, "leaders": leaders, "counts": counts},
    )


@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    _require(request, VIEW)
    today = timezone.localdate()
    year = _int(request.GET.get("year"), "year") or today.year
    units = unit_list_for(actor=request.user).exclude(kind="department")
    first = units.first()
    unit_id = _int(request.GET.get("unit"), "unit") or (first.pk if first else None)
    unit = unit_get_for(actor=request.user, unit_id=unit_id)
    figures = petition_figures(actor=request.user, unit=unit, period=Period.year(year))
    return render(
        request,
        "petitions/indicators.html",
        {
            "figures": figures,
            "year": year,
            "unit": unit,
            "units": unit_choices_for(actor=request.user, units=units, current=unit),
            "years": range(today.year, 2019, -1),
        },
    )
