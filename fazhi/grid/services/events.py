"""Writes of grid events: report with photos, then one service per step of the GB/T 30428 flow.

Conversion to a dispute records the request on the event (status 转矛盾纠纷 and a note); the disputes
app takes it from there with `dispute_intake(..., origin_type="grid.gridevent", origin_id=event.pk)`
(wired by the lead) and the dispute id is written back with `event_link_dispute`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core import search
from fazhi.core.attachments import attachment_add
from fazhi.core.errors import ValidationFailed, collect
from fazhi.core.timeline import event_record
from fazhi.grid import permissions as P
from fazhi.grid import rules
from fazhi.grid.models import Evaluation, EventCategory, GridEvent
from fazhi.grid.selectors.events import event_lock, handler_list_for
from fazhi.grid.workflow import EVENT
from fazhi.org.models import Assignment
from fazhi.org.services import assignment_grant, require
from fazhi.people.selectors import grid_get_for

MAX_PHOTOS = 9


def _coordinate(value: Any, field: str, limit: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except InvalidOperation:
        raise ValidationFailed.field(field, "坐标须为数字") from None
    if not -limit <= number <= limit:
        raise ValidationFailed.field(field, f"坐标超出范围（±{limit}）")
    return number


def _number(year: int) -> str:
    prefix = f"SJ{year}-"
    last = (
        GridEvent.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:06d}"


def event_report(
    *,
    actor: Any,
    category: str,
    description: str,
    location: str,
    unit_id: int | None = None,
    latitude: Any = None,
    longitude: Any = None,
    photos: list[tuple[str, bytes]] | None = None,
    reported_at: dt.datetime | None = None,
) -> GridEvent:
    """A grid worker reports what they found (滨州条例 Art. 11): category, description, where, photos."""
    require(actor, P.REPORT)
    errors: dict[str, str] = {}
    if category not in EventCategory.values:
        errors["category"] = f"事件类别须为：{'、'.join(str(c) for c in EventCategory.labels)}"
    if len(description.strip()) < 5:
        errors["description"] = "事件描述至少5个字"
    if not location.strip():
        errors["location"] = "请填写事件位置"
    if photos and len(photos) > MAX_PHOTOS:
        errors["photos"] = f"照片最多{MAX_PHOTOS}张"
    now = timezone.now()
    reported_at = reported_at or now
    if reported_at > now + dt.timedelta(minutes=5):
        errors["reported_at"] = "上报时间不能晚于当前时间"
    collect(errors)
    lat = _coordinate(latitude, "latitude", 90)
    lng = _coordinate(longitude, "longitude", 180)
    grid_id = unit_id or actor.unit_id
    with transaction.atomic():
        grid = grid_get_for(actor=actor, unit_id=grid_id)
        local = timezone.localtime(reported_at)
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    event = GridEvent.objects.create(
                        unit=grid,
                        number=_number(local.year),
                        category=category,
                        description=description.strip(),
                        location=location.strip()[:200],
                        search_text=search.index_text(description, location.strip()[:200]),
                        latitude=lat,
                        longitude=lng,
                        reporter=actor,
                        reported_at=reported_at,
                        reported_on=local.date(),
                    )
                break
            except IntegrityError:
                continue  # two reports took the same number at once: take the next
        else:
            raise ValidationFailed.field("number", "事件编号生成冲突，请重试")
        for name, content in photos or []:
            attachment_add(actor=actor, obj=event, name=name, content=content, kind="photo")
        event_record(event, "grid.event_report", actor=actor, label="上报", to_status=event.status)
    return event


def _step(
    *, actor: Any, event_id: int, action: str, note: str = "", at: dt.datetime | None = None, **apply: Any
) -> GridEvent:
    with transaction.atomic():
        event = event_lock(actor=actor, event_id=event_id)
        transition = EVENT.check(event, action, actor)
        before = event.status
        for field, value in apply.items():
            setattr(event, field, value)
        assert transition.target is not None
        event.status = transition.target
        event.save()
        event_record(
            event,
            f"grid.event_{action}",
            actor=actor,
            label=transition.label,
            from_status=before,
            to_status=event.status,
            note=note,
        )
    return event


def event_accept(*, actor: Any, event_id: int, note: str = "") -> GridEvent:
    return _step(actor=actor, event_id=event_id, action="accept", note=note, accepted_at=timezone.now())


def event_reject(*, actor: Any, event_id: int, note: str) -> GridEvent:
    if len(note.strip()) < 2:
        raise ValidationFailed.field("note", "不予受理须说明理由")
    return _step(actor=actor, event_id=event_id, action="reject", note=note, close_note=note.strip())


def event_dispatch(*, actor: Any, event_id: int, assignee_id: int, note: str = "") -> GridEvent:
    """Dispatch to a handler: the clock starts (rules.handling_rule by category) and the handler is
    granted sight of the event."""
    with transaction.atomic():
        event = event_lock(actor=actor, event_id=event_id)
        EVENT.check(event, "dispatch", actor)
        assignee = handler_list_for(actor=actor, event=event).filter(pk=assignee_id).first()
        if assignee is None:
            raise ValidationFailed.field("assignee_id", "承办人须为本网格或其上级单位的在岗人员")
        rule = rules.handling_rule(event.category)
        now = timezone.now()
        event = _step(
            actor=actor,
            event_id=event_id,
            action="dispatch",
            note=note,
            assignee=assignee,
            dispatched_at=now,
            due_on=timezone.localtime(now).date() + dt.timedelta(days=rule.days),
            due_rule=rule.code,
        )
        assignment_grant(actor=actor, obj=event, user=assignee, kind=Assignment.Kind.HANDLER)
    return event


def event_handle(*, actor: Any, event_id: int, handling: str) -> GridEvent:
    if len(handling.strip()) < 2:
        raise ValidationFailed.field("handling", "请填写处置情况")
    return _step(
        actor=actor,
        event_id=event_id,
        action="handle",
        note=handling,
        handling=handling.strip(),
        handled_at=timezone.now(),
    )


def event_feedback(*, actor: Any, event_id: int, feedback: str) -> GridEvent:
    if len(feedback.strip()) < 2:
        raise ValidationFailed.field("feedback", "请填写反馈内容")
    return _step(
        actor=actor,
        event_id=event_id,
        action="feedback",
        note=feedback,
        feedback=feedback.strip(),
        fed_back_at=timezone.now(),
    )


def event_close(*, actor: Any, event_id: int, note: str = "") -> GridEvent:
    now = timezone.now()
    return _step(
        actor=actor,
        event_id=event_id,
        action="close",
        note=note,
        closed_at=now,
        closed_on=timezone.localtime(now).date(),
        close_note=note.strip(),
    )


def event_reopen(*, actor: Any, event_id: int, note: str) -> GridEvent:
    if len(note.strip()) < 2:
        raise ValidationFailed.field("note", "退回重办须说明核查意见")
    return _step(actor=actor, event_id=event_id, action="reopen", note=note, close_note=note.strip())


def event_evaluate(*, actor: Any, event_id: int, evaluation: str, note: str = "") -> GridEvent:
    if evaluation not in Evaluation.values:
        raise ValidationFailed.field(
            "evaluation", f"评价须为：{'、'.join(str(c) for c in Evaluation.labels)}"
        )
    return _step(
        actor=actor,
        event_id=event_id,
        action="evaluate",
        note=note,
        evaluation=evaluation,
        evaluated_at=timezone.now(),
    )


def event_convert(*, actor: Any, event_id: int, note: str, dispute_category: str = "neighbour") -> GridEvent:
    """一键转矛盾纠纷: the event becomes a dispute registered in the disputes app, in one transaction;
    the lineage is kept both ways (the event names its dispute, the dispute its origin)."""
    from fazhi.disputes.services import dispute_intake

    if len(note.strip()) < 2:
        raise ValidationFailed.field("note", "转矛盾纠纷须说明纠纷情况")
    with transaction.atomic():
        event = _step(
            actor=actor,
            event_id=event_id,
            action="convert",
            note=note,
            conversion_note=note.strip(),
            converted_at=timezone.now(),
        )
        dispute = dispute_intake(
            actor=actor,
            unit_id=event.unit_id,
            category=dispute_category,
            source="screening",
            summary=f"{event.description}\n（网格事件转入：{note.strip()}）",
            place=event.location,
            origin_type="grid.gridevent",
            origin_id=str(event.pk),
        )
        event.dispute_id = dispute.pk
        event.save(update_fields=["dispute_id"])
        event_record(
            event, "grid.event_link_dispute", actor=actor, label="关联矛盾纠纷", data={"dispute": dispute.pk}
        )
    return event


def event_link_dispute(*, actor: Any, event_id: int, dispute_id: int) -> GridEvent:
    """Called once the disputes app has taken a converted event in: remember which dispute it became."""
    require(actor, P.DISPATCH)
    with transaction.atomic():
        event = event_lock(actor=actor, event_id=event_id)
        if event.status != "converted":
            raise ValidationFailed.field("event_id", "只有已转矛盾纠纷的事件可以关联纠纷")
        event.dispute_id = dispute_id
        event.save(update_fields=["dispute_id"])
        event_record(
            event, "grid.event_link_dispute", actor=actor, label="关联矛盾纠纷", data={"dispute": dispute_id}
        )
    return event


def event_photo_add(*, actor: Any, event_id: int, name: str, content: bytes) -> Any:
    require(actor, P.REPORT)
    with transaction.atomic():
        event = event_lock(actor=actor, event_id=event_id)
        return attachment_add(actor=actor, obj=event, name=name, content=content, kind="photo")
