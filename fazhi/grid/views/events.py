"""Pages for grid events: the phone report form, the office list, the detail with the step buttons the
workflow allows, photos, and the timeline."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import search
from fazhi.core.attachments import attachment_get, attachment_path, attachments_of
from fazhi.core.errors import FazhiError, NotFound
from fazhi.core.timeline import timeline_for
from fazhi.grid import permissions as P
from fazhi.grid import selectors, services
from fazhi.grid.forms import EventActionForm, EventForm
from fazhi.grid.models import EventCategory, EventStatus
from fazhi.grid.workflow import EVENT
from fazhi.org.scope import has_perm
from fazhi.org.selectors import area_choices_for
from fazhi.people.selectors import grid_list_for
from fazhi.people.views.forms_util import fields_of, form_errors
from fazhi.people.views.residents import _int, need
from fazhi.workbench.lists import Column, ListSpec, list_context

EVENTS_LIST = ListSpec(
    columns=[
        Column("编号", "number"),
        Column("类别", "category"),
        Column("网格", "unit__path"),
        Column("位置"),
        Column("上报", "reported_at"),
        Column("状态", "status"),
        Column("期限", "due_on"),
    ],
    default_sort="-reported_at",
    filters=["status", "category", "unit", "q", "start", "end"],
    export="grid.events",
    page_size=30,
)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def events(request: HttpRequest) -> HttpResponse:
    need(request, P.VIEW)
    g = request.GET
    qs = selectors.event_list_for(
        actor=request.user,
        status=g.get("status", ""),
        category=g.get("category", ""),
        unit_id=_int(g.get("unit")),
        q=g.get("q", ""),
        start=_date(g.get("start")),
        end=_date(g.get("end")),
    )
    context = list_context(request, qs, EVENTS_LIST, count_cap=search.count_cap_for(g.get("q", "")))
    context.update(
        {
            "statuses": [("open", "未结案"), *EventStatus.choices],
            "categories": EventCategory.choices,
            "units": area_choices_for(actor=request.user, current=g.get("unit")),
            "can_report": has_perm(request.user, P.REPORT),
            "today": dt.date.today(),
        }
    )
    return render(request, "grid/events.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest) -> HttpResponse:
    """The phone form: category, description, where (with the phone's location if allowed), photos."""
    need(request, P.REPORT)
    grids = list(grid_list_for(actor=request.user))
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        initial={"unit_id": getattr(request.user, "unit_id", None)},
    )
    fields_of(form)["unit_id"].choices = [(g.pk, g.name) for g in grids]
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        photos = [(f.name, f.read()) for f in data.pop("photos") or []]
        try:
            event = services.event_report(actor=request.user, photos=photos, **data)
        except FazhiError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"已上报，事件编号 {event.number}")
            return redirect(f"/grid/events/{event.pk}/")
    return render(request, "grid/event_form.html", {"form": form})


@login_required
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_get_for(actor=request.user, event_id=event_id)
    actions = EVENT.available_actions(event, request.user)
    form = EventActionForm()
    if any(t.action == "dispatch" for t in actions):
        fields_of(form)["assignee_id"].choices = [("", "—")] + [
            (u.pk, f"{u}（{u.unit}）") for u in selectors.handler_list_for(actor=request.user, event=event)
        ]
    return render(
        request,
        "grid/event_detail.html",
        {
            "event": event,
            "actions": actions,
            "form": form,
            "photos": attachments_of(event),
            "timeline": timeline_for(event),
            "due_text": selectors.due_text(event),
            "days_to_close": selectors.days_to_close(event),
            "today": dt.date.today(),
        },
    )


@login_required
@require_POST
def event_action(request: HttpRequest, event_id: int, action: str) -> HttpResponse:
    form = EventActionForm(request.POST)
    fields_of(form)["assignee_id"].choices = [(request.POST.get("assignee_id", ""), "")]
    form.is_valid()
    data = form.cleaned_data
    note = data.get("note") or ""
    steps = {
        "accept": lambda: services.event_accept(actor=request.user, event_id=event_id, note=note),
        "reject": lambda: services.event_reject(actor=request.user, event_id=event_id, note=note),
        "dispatch": lambda: services.event_dispatch(
            actor=request.user, event_id=event_id, assignee_id=data.get("assignee_id") or 0, note=note
        ),
        "handle": lambda: services.event_handle(
            actor=request.user, event_id=event_id, handling=data.get("handling") or note
        ),
        "feedback": lambda: services.event_feedback(
            actor=request.user, event_id=event_id, feedback=data.get("feedback") or note
        ),
        "close": lambda: services.event_close(actor=request.user, event_id=event_id, note=note),
        "reopen": lambda: services.event_reopen(actor=request.user, event_id=event_id, note=note),
        "evaluate": lambda: services.event_evaluate(
            actor=request.user, event_id=event_id, evaluation=data.get("evaluation") or "", note=note
        ),
        "convert": lambda: services.event_convert(actor=request.user, event_id=event_id, note=note),
    }
    if action not in steps:
        raise NotFound()
    try:
        event = steps[action]()
    except FazhiError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(
            request, f"已{EVENT.transitions[action].label}，当前状态：{event.get_status_display()}"
        )
    return redirect(f"/grid/events/{event_id}/")


@login_required
def event_photo(request: HttpRequest, event_id: int, attachment_id: str) -> FileResponse:
    event = selectors.event_get_for(actor=request.user, event_id=event_id)
    attachment = attachment_get(obj=event, attachment_id=attachment_id)
    return FileResponse(open(attachment_path(attachment), "rb"), content_type=attachment.content_type)
