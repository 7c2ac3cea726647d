"""Write and read per-record timelines; every timeline event is also an audit entry."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from fazhi.core.audit import audit_record, object_ref
from fazhi.core.models import TimelineEvent


def event_record(
    obj: Any,
    kind: str,
    *,
    actor: Any,
    label: str = "",
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
) -> TimelineEvent:
    """Append a timeline event for `obj` and the matching audit entry, in the caller's transaction."""
    object_type, object_id = object_ref(obj)
    event = TimelineEvent.objects.create(
        object_type=object_type,
        object_id=object_id,
        kind=kind,
        label=label,
        actor_id=getattr(actor, "pk", None),
        actor_name=_actor_name(actor),
        at=timezone.now(),
        from_status=from_status,
        to_status=to_status,
        note=note,
        data=data or {},
    )
    audit_record(
        actor=actor,
        action=kind,
        obj=obj,
        data={"from": from_status, "to": to_status, **({"note": note[:200]} if note else {})},
    )
    return event


def timeline_for(obj: Any) -> QuerySet[TimelineEvent]:
    """The timeline of one record, oldest first. Callers check scope on `obj` before calling."""
    object_type, object_id = object_ref(obj)
    return TimelineEvent.objects.filter(object_type=object_type, object_id=object_id).order_by("at", "id")


def _actor_name(actor: Any) -> str:
    if actor is None:
        return "系统"
    full = getattr(actor, "display_name", "") or getattr(actor, "username", "")
    return str(full)
