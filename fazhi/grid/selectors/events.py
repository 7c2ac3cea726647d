"""Reads of grid events: `grid.view`, the actor's units, their own reports and the events they handle."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.core import search
from fazhi.core.deadlines import rule_get
from fazhi.core.errors import NotFound
from fazhi.grid import permissions as P
from fazhi.grid import rules
from fazhi.grid.models import EventStatus, GridEvent
from fazhi.org.models import UnitKind, User
from fazhi.org.scope import NOTHING, has_perm, scope_q, subdistrict_of, unit_scope_q, within_unit_q

OPEN = [
    EventStatus.REPORTED,
    EventStatus.ACCEPTED,
    EventStatus.DISPATCHED,
    EventStatus.HANDLED,
    EventStatus.FED_BACK,
]


def _scoped(actor: Any) -> Q:
    if not has_perm(actor, P.VIEW):
        return NOTHING
    return scope_q(actor, GridEvent, unit_field="unit", owner_field="reporter")


def event_list_for(
    *,
    actor: Any,
    status: str = "",
    category: str = "",
    unit_id: int | None = None,
    q: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    overdue: bool = False,
    today: dt.date | None = None,
) -> QuerySet[GridEvent]:
    qs = GridEvent.objects.filter(_scoped(actor))
    if status == "open":
        qs = qs.filter(status__in=OPEN)
    elif status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if unit_id:
        qs = qs.filter(within_unit_q(unit_id))
    if q.strip():
        qs = qs.filter(event_search_q(q))
    # A date range goes in twice: as the stored local date, and as the same range of reported_at, the
    # list's order. With only the date, SQLite sorted a county year's 745,000 events to show 20 (6.7 s,
    # the dashboard's drill-down); with both it walks the order index and stops at the page (1 ms).
    if start:
        qs = qs.filter(reported_on__gte=start, reported_at__gte=_day_start(start))
    if end:
        qs = qs.filter(reported_on__lte=end, reported_at__lt=_day_start(end + dt.timedelta(days=1)))
    if overdue:
        qs = qs.filter(status=EventStatus.DISPATCHED, due_on__lt=today or dt.date.today())
    return qs.select_related("unit", "reporter", "assignee").order_by("-reported_at", "-pk")


def _day_start(day: dt.date) -> dt.datetime:
    """Local midnight at the start of `day` (reported_on is the local date of reported_at)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def event_search_q(q: str) -> Q:
    """The list search: the words of the description and location (full-text index,
    fazhi.core.search) or part of the event number."""
    q = q.strip()
    cond = search.search_q(GridEvent, q, fallback=Q(description__contains=q) | Q(location__contains=q))
    if search.may_be_number(q):
        cond |= Q(number__icontains=q)
    return cond


def event_get_for(*, actor: Any, event_id: int) -> GridEvent:
    event = (
        GridEvent.objects.filter(_scoped(actor), pk=event_id)
        .select_related("unit", "reporter", "assignee")
        .first()
    )
    if event is None:
        raise NotFound("网格事件不存在或无权查看")
    return event


def event_lock(*, actor: Any, event_id: int) -> GridEvent:
    """For services: the event in scope, locked (SELECT … FOR UPDATE)."""
    visible = GridEvent.objects.filter(_scoped(actor), pk=event_id).values("pk")
    event = (
        GridEvent.objects.select_for_update(of=("self",))
        .filter(pk__in=visible)
        .select_related("unit")
        .first()
    )
    if event is None:
        raise NotFound("网格事件不存在或无权查看")
    return event


def handler_list_for(*, actor: Any, event: GridEvent) -> QuerySet[User]:
    """Accounts the event can be dispatched to, within the dispatcher's scope: staff of the grid or a
    unit above it, or of a department (综治中心, 执法中队 …) of the same subdistrict."""
    scope = unit_scope_q(actor, prefix="unit__")
    qs = User.objects.filter(is_active=True, unit__isnull=False).exclude(roles__admin_kind__gt="")
    if scope is not None:
        qs = qs.filter(scope)
    lineage = [*event.unit.ancestor_paths(), event.unit.path]
    subdistrict = subdistrict_of(event.unit)
    departments = Q(unit__kind=UnitKind.DEPARTMENT, unit__path__startswith=subdistrict.path)
    return (
        qs.filter(Q(unit__path__in=lineage) | departments)
        .select_related("unit")
        .distinct()
        .order_by("unit__path", "username")
    )


def due_text(event: GridEvent) -> str:
    if not event.due_on:
        return ""
    try:
        basis = rule_get(event.due_rule).basis
    except KeyError:  # a per-category rule is declared when first used; they all share one basis
        basis = rules.EVENT_BASIS
    return f"{event.due_on:%Y-%m-%d}" + (f" · {basis}" if basis else "")


def days_to_close(event: GridEvent) -> float | None:
    if event.closed_at is None or event.dispatched_at is None:
        return None
    return round((event.closed_at - event.dispatched_at).total_seconds() / 86400, 1)
