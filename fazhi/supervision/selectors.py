"""Every read of supervision orders, scoped to the actor: the unit of the supervised record, what the
actor issued, and orders assigned to the actor (participation)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from fazhi.core.errors import NotFound
from fazhi.org.scope import has_perm, scope_q
from fazhi.supervision import rules
from fazhi.supervision.models import OrderStatus, SupervisionOrder
from fazhi.supervision.workflow import VIEW


def _visible(actor: Any) -> QuerySet[SupervisionOrder]:
    if not has_perm(actor, VIEW):
        return SupervisionOrder.objects.none()
    return SupervisionOrder.objects.filter(
        scope_q(actor, SupervisionOrder, unit_field="unit", owner_field="issued_by")
    )


def order_list_for(
    *,
    actor: Any,
    level: str = "",
    status: str = "",
    object_type: str = "",
    object_id: str = "",
    overdue_on: date | None = None,
    mine: bool = False,
) -> QuerySet[SupervisionOrder]:
    """Orders the actor may see: 挂牌督办 first (the highest level on top), then by reply deadline."""
    qs = _visible(actor)
    if level:
        qs = qs.filter(level=level)
    if status:
        qs = qs.filter(status=status)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if overdue_on is not None:
        qs = qs.filter(status=OrderStatus.OPEN, reply_due__lt=overdue_on)
    if mine:
        qs = qs.filter(assignee_id=actor.pk)
    ranks = [When(level=s.code, then=Value(rules.rank(s.code))) for s in rules.ladder()]
    return (
        qs.annotate(
            level_rank=Case(*ranks, default=Value(-1), output_field=IntegerField()),
            open_first=Case(When(status=OrderStatus.CLOSED, then=Value(1)), default=Value(0)),
        )
        .select_related("unit", "assignee", "issued_by")
        .order_by("open_first", "-level_rank", "reply_due", "-id")
    )


def order_get_for(*, actor: Any, order_id: int) -> SupervisionOrder:
    order = order_list_for(actor=actor).filter(pk=order_id).first()
    if order is None:
        raise NotFound("督办单不存在或无权查看")
    return order


def orders_open_on(*, object_type: str, object_id: str) -> QuerySet[SupervisionOrder]:
    """Unscoped: the open orders on one record (the sweep asks before issuing another one)."""
    return SupervisionOrder.objects.filter(
        Q(status=OrderStatus.OPEN) | Q(status=OrderStatus.REPLIED),
        object_type=object_type,
        object_id=str(object_id),
    )


def orders_for_objects(*, actor: Any, object_type: str, object_ids: list[str]) -> dict[str, list[Any]]:
    """The visible orders of several records at once (list pages show a 督办 tag)."""
    found: dict[str, list[Any]] = {}
    for order in order_list_for(actor=actor, object_type=object_type).filter(object_id__in=object_ids):
        found.setdefault(order.object_id, []).append(order)
    return found
