"""After the answer: 回访 and satisfaction (configurable timing, default 15 days); leader reception
days (领导接访日); 督办 of a petition (through the generic supervision app)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from fazhi.core.errors import Conflict, ValidationFailed, collect
from fazhi.core.timeline import event_record
from fazhi.org.scope import subdistrict_of
from fazhi.org.selectors import leader_list_for
from fazhi.org.services import require
from fazhi.petitions.models import FollowUp, Petition, Reception, Satisfaction
from fazhi.petitions.services.common import day, petition_lock, transition
from fazhi.petitions.workflow import ROUTE
from fazhi.workbench.services import notification_send


def _tell_leader(petition: Petition, leader_ids: list[int], note: str) -> None:
    from django.contrib.auth import get_user_model

    for leader in get_user_model().objects.filter(pk__in=leader_ids, is_active=True):
        notification_send(
            recipient=leader,
            kind="petition_dissatisfied",
            title=f"【不满意】{petition.case_number} {petition.title}",
            body=f"回访中信访人表示不满意：{note[:120]}。请包案领导研究处理。",
            link=f"/petitions/{petition.pk}/",
            dedupe_key=f"dissatisfied:{petition.pk}:{note[:40]}",
        )


def petition_follow_up(
    *,
    actor: Any,
    petition_id: int,
    method: str,
    satisfaction: str,
    note: str = "",
    on: date | None = None,
) -> FollowUp:
    """Record a 回访 and the petitioner's rating. 不满意 puts the matter before its case leader (a
    notification, and it heads their board); with no case leader, before the subdistrict's leaders."""
    errors: dict[str, str] = {}
    if method not in FollowUp.Method.values:
        errors["method"] = f"回访方式须为：{'、'.join(FollowUp.Method.labels)}"
    if satisfaction not in Satisfaction.values:
        errors["satisfaction"] = f"满意度须为：{'、'.join(Satisfaction.labels)}"
    collect(errors)
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        start = petition.replied_on or petition.concluded_on or petition.received_on
        on = day(on, field="on", label="回访日期", not_before=start, before_label="答复日期")
        if satisfaction == Satisfaction.DISSATISFIED and not (note or "").strip():
            raise ValidationFailed.field("note", "不满意的，请记录信访人不满意的原因")
        transition(
            petition, "follow_up", actor, note=f"{Satisfaction(satisfaction).label}；{note.strip()[:100]}"
        )
        follow_up = FollowUp.objects.create(
            petition=petition, on=on, method=method, satisfaction=satisfaction, note=note.strip(), by=actor
        )
        petition.satisfaction = satisfaction
        petition.save(update_fields=["satisfaction"])
        if satisfaction == Satisfaction.DISSATISFIED:
            leaders = (
                [petition.case_leader_id]
                if petition.case_leader_id
                else list(leader_list_for(actor=actor).values_list("pk", flat=True))
            )
            transaction.on_commit(lambda: _tell_leader(petition, leaders, note.strip()))
    return follow_up


def reception_create(
    *, actor: Any, leader_id: int, on: date, place: str, topic: str = "", notes: str = ""
) -> Reception:
    """Schedule a leader reception day (信访工作条例 Art. 18): leader, date, place."""
    require(actor, ROUTE)
    errors: dict[str, str] = {}
    if not (place or "").strip():
        errors["place"] = "请填写接访地点"
    if on is None:
        errors["on"] = "请填写接访日期"
    collect(errors)
    with transaction.atomic():
        leader = leader_list_for(actor=actor).filter(pk=leader_id).first()
        if leader is None:
            raise ValidationFailed.field("leader_id", "接访领导须为本街道担任领导角色的账号")
        try:
            with transaction.atomic():
                reception = Reception.objects.create(
                    leader=leader,
                    unit=subdistrict_of(actor.unit),
                    on=on,
                    place=place.strip(),
                    topic=(topic or "").strip(),
                    notes=(notes or "").strip(),
                    created_by=actor,
                )
        except IntegrityError:
            raise Conflict(f"{leader} 在 {on:%Y-%m-%d} 已安排接访") from None
        event_record(
            reception,
            "petitions.reception_create",
            actor=actor,
            label="安排接访",
            note=f"{leader} {on} {place}",
        )
    return reception


def reception_record(*, actor: Any, reception_id: int, notes: str) -> Reception:
    """Write down how the reception day went (who came, what was settled on the spot)."""
    from fazhi.petitions.selectors import reception_get_for

    require(actor, ROUTE)
    with transaction.atomic():
        reception = reception_get_for(actor=actor, reception_id=reception_id)
        reception = Reception.objects.select_for_update().get(pk=reception.pk)
        if not (notes or "").strip():
            raise ValidationFailed.field("notes", "请填写接访情况")
        reception.notes = notes.strip()
        reception.save(update_fields=["notes"])
        event_record(reception, "petitions.reception_record", actor=actor, label="记录接访情况")
    return reception


def petition_supervise(
    *,
    actor: Any,
    petition_id: int,
    level: str,
    reason: str,
    assignee_id: int | None = None,
    on: date | None = None,
) -> Any:
    """Issue a 督办单 on a petition (Art. 39–40), through the generic supervision service."""
    from fazhi.supervision.services import order_issue

    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        from fazhi.petitions.workflow import FLOW

        FLOW.check(petition, "supervise", actor)
        return order_issue(
            actor=actor,
            object_type="petitions.petition",
            object_id=str(petition.pk),
            level=level,
            reason=reason,
            assignee_id=assignee_id,
            on=day(
                on, field="on", label="督办日期", not_before=petition.received_on, before_label="收到日期"
            ),
        )
