"""Shared pieces of the petition services: the scoped row lock, dates, transitions with their event."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from fazhi.core.errors import NotFound, ValidationFailed
from fazhi.core.timeline import event_record
from fazhi.petitions.models import Petition
from fazhi.petitions.selectors import petition_list_for
from fazhi.petitions.workflow import FLOW


def petition_lock(*, actor: Any, petition_id: int) -> Petition:
    """The petition fetched through the actor's scope and locked (SELECT … FOR UPDATE)."""
    visible = petition_list_for(actor=actor).filter(pk=petition_id).values("pk")
    petition = Petition.objects.select_for_update().filter(pk__in=visible).first()
    if petition is None:
        raise NotFound("信访事项不存在或无权查看")
    return petition


def day(
    value: date | None, *, field: str, label: str, not_before: date | None = None, before_label: str = ""
) -> date:
    """A date an act happened on: today by default, never in the future, never before `not_before`."""
    today = timezone.localdate()
    value = value or today
    if value > today:
        raise ValidationFailed.field(field, f"{label}不能晚于今天（{today:%Y-%m-%d}）")
    if not_before is not None and value < not_before:
        raise ValidationFailed.field(field, f"{label}不能早于{before_label}（{not_before:%Y-%m-%d}）")
    return value


def transition(
    petition: Petition, action: str, actor: Any, *, note: str = "", data: dict[str, Any] | None = None
) -> None:
    """Check `action`, move to its target status and write the timeline event (caller saves)."""
    t = FLOW.check(petition, action, actor)
    before = petition.status
    if t.target:
        petition.status = t.target
    event_record(
        petition,
        f"petitions.{action}",
        actor=actor,
        label=t.label,
        from_status=before,
        to_status=petition.status if t.target else "",
        note=note,
        data=data or {},
    )


def text(value: str | None, *, field: str, message: str, min_length: int = 1) -> str:
    value = (value or "").strip()
    if len(value) < min_length:
        raise ValidationFailed.field(field, message)
    return value
