"""Routing within 15 days (信访工作条例 Art. 22): accept, transfer, assign, redirect (诉访分离) or
decline; the written notice (Art. 23); a misrouted matter's objection (Art. 23); 交办 feedback; 包案."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from fazhi.core.deadlines import deadline
from fazhi.core.errors import ValidationFailed, collect
from fazhi.org.selectors import leader_list_for, staff_list_for
from fazhi.org.services import assignment_grant, assignment_revoke
from fazhi.petitions import rules
from fazhi.petitions.models import Category, LegalProcedure, Note, Petition, Route, Status
from fazhi.petitions.services.common import day, petition_lock, text, transition
from fazhi.petitions.services.registration import REPEAT_STATUSES

LATE_ROUTE_NOTE = "超过15日登记转办期限（《信访工作条例》第二十二条）"


def petition_route(
    *,
    actor: Any,
    petition_id: int,
    route: str,
    on: date | None = None,
    target: str = "",
    reason: str = "",
    legal_procedure: str = "",
    feedback_due: date | None = None,
    notice_sent: bool = False,
    new_facts: bool = False,
) -> Petition:
    """Route a registered petition one of the five ways of Art. 22 (and 28, 31 for 诉访分离).

    accept: refused for the same matter as a running or 终结 one unless `new_facts` (Art. 19, 36; 鲁
    Art. 33, 46); a 申诉求决 item starts its 60-day clock (Art. 34). transfer/assign: the receiving body
    may object within 5 working days (Art. 23); assign needs a feedback deadline. redirect: names the
    legal procedure and its time limit. decline: states the reason. `notice_sent`: the written
    notice was given the same day (Art. 23).
    """
    if route not in Route.values:
        raise ValidationFailed.field(
            "route", f"处理方式须为：{'、'.join(Route.labels)}（《信访工作条例》第二十二条）"
        )
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        on = day(on, field="on", label="转办日期", not_before=petition.received_on, before_label="收到日期")
        errors: dict[str, str] = {}
        if route in (Route.TRANSFER, Route.ASSIGN) and not target.strip():
            errors["target"] = "请写明转送或交办的机关、单位（《信访工作条例》第二十二条）"
        if route == Route.ASSIGN:
            if feedback_due is None:
                errors["feedback_due"] = "交办须规定反馈期限（《信访工作条例》第二十二条）"
            elif feedback_due <= on:
                errors["feedback_due"] = "反馈期限应晚于交办日期"
        if route == Route.REDIRECT and legal_procedure not in LegalProcedure.values:
            errors["legal_procedure"] = (
                f"诉访分离须指明法定途径：{'、'.join(LegalProcedure.labels)}（{rules.REDIRECT_BASIS}）"
            )
        if route == Route.DECLINE and not reason.strip():
            errors["reason"] = "不予受理须说明理由，并书面告知信访人（《信访工作条例》第二十二条）"
        collect(errors)
        if route == Route.ACCEPT and petition.repeat_of_id and not new_facts:
            earlier = Petition.objects.get(pk=petition.repeat_of_id)
            if earlier.status == Status.FINAL:
                raise ValidationFailed.field(
                    "route",
                    f"与已终结的 {earlier.case_number} 为同一请求、同一事实，不再受理（{rules.REPEAT_FINAL_BASIS}）；"
                    "确有新的事实和理由的，请勾选“有新的事实和理由”",
                )
            if earlier.status in REPEAT_STATUSES:
                raise ValidationFailed.field(
                    "route",
                    f"与 {earlier.case_number}（{earlier.get_status_display()}）为同一事项，办理期限内不重复受理"
                    f"（{rules.REPEAT_OPEN_BASIS}）；请合并办理，或勾选“有新的事实和理由”",
                )
        late = petition.route_due is not None and on > petition.route_due
        transition(
            petition,
            route,
            actor,
            note="；".join(x for x in [reason.strip(), LATE_ROUTE_NOTE if late else ""] if x),
            data={"target": target.strip(), "procedure": legal_procedure, "new_facts": new_facts},
        )
        petition.route, petition.routed_on = route, on
        petition.route_target, petition.route_reason = target.strip(), reason.strip()
        petition.legal_procedure = legal_procedure if route == Route.REDIRECT else ""
        if route == Route.ACCEPT:
            petition.accepted_on = on
            # Only 申诉求决 items handled here run the 60-day clock (Art. 31(6), 34).
            if petition.category == Category.CLAIM:
                petition.handling_due = deadline(rules.HANDLING, on).due
        if route in (Route.TRANSFER, Route.ASSIGN):
            petition.objection_due = deadline(rules.OBJECTION, on).due
            petition.feedback_due = feedback_due if route == Route.ASSIGN else None
        if notice_sent and petition.notice_required:
            petition.notice_sent_on = on
        petition.save()
    return petition


def petition_notice(*, actor: Any, petition_id: int, on: date | None = None, method: str = "") -> Petition:
    """Record that the written notice (受理/不予受理/转送告知书) reached the petitioner (Art. 23)."""
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        on = day(on, field="on", label="告知日期", not_before=petition.received_on, before_label="收到日期")
        late = petition.notice_due is not None and on > petition.notice_due
        note = f"书面告知（{method or '送达'}）" + (
            "；超过15日告知期限（《信访工作条例》第二十三条）" if late else ""
        )
        transition(petition, "notice", actor, note=note)
        petition.notice_sent_on = on
        petition.save(update_fields=["notice_sent_on"])
        Note.objects.create(petition=petition, kind=Note.Kind.NOTICE, on=on, text=note, by=actor)
    return petition


def petition_object(*, actor: Any, petition_id: int, reason: str, on: date | None = None) -> Petition:
    """The receiving body's objection to a misrouted matter, within 5 working days (Art. 23):
    the matter returns to 待转办 for routing again (its original 15-day clock keeps running)."""
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        reason = text(reason, field="reason", message="请写明异议理由（不属于本机关、单位职权范围的依据）")
        on = day(on, field="on", label="异议日期", not_before=petition.routed_on, before_label="转办日期")
        if petition.objection_due and on > petition.objection_due:
            raise ValidationFailed.field(
                "on",
                f"异议应在 {petition.objection_due:%Y-%m-%d} 前提出（5个工作日，《信访工作条例》第二十三条）",
            )
        transition(petition, "object", actor, note=f"{petition.route_target}提出异议：{reason}")
        Note.objects.create(
            petition=petition,
            kind=Note.Kind.OBJECTION,
            on=on,
            text=reason,
            participants=petition.route_target,
            by=actor,
        )
        petition.route, petition.routed_on, petition.route_target = "", None, ""
        petition.objection_due = petition.feedback_due = None
        petition.save()
    return petition


def petition_feedback(*, actor: Any, petition_id: int, result: str, on: date | None = None) -> Petition:
    """The assigned body's feedback on a 交办 matter: recorded, and the matter is 办结."""
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        result = text(result, field="result", message="请填写交办事项的办理结果", min_length=5)
        on = day(on, field="on", label="反馈日期", not_before=petition.routed_on, before_label="交办日期")
        transition(petition, "feedback", actor, note=result)
        Note.objects.create(
            petition=petition,
            kind=Note.Kind.FEEDBACK,
            on=on,
            text=result,
            participants=petition.route_target,
            by=actor,
        )
        petition.concluded_on = on
        petition.follow_up_due = deadline(rules.FOLLOW_UP, on).due
        petition.save()
    return petition


def _staff(actor: Any, ids: list[int], field: str) -> list[Any]:
    if not ids:
        return []
    users = list(staff_list_for(actor=actor).filter(pk__in=ids))
    if len(users) != len(set(ids)):
        raise ValidationFailed.field(field, "承办人须为本街道在岗工作人员")
    return users


def petition_lead(
    *,
    actor: Any,
    petition_id: int,
    leader_id: int,
    handler_ids: list[int] | None = None,
    co_handler_ids: list[int] | None = None,
) -> Petition:
    """包案 (信访工作条例 Art. 18): a leader takes personal charge, with handlers. Each of them sees
    the matter whatever their data scope (participation grants); a replaced leader loses it."""
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        leader = leader_list_for(actor=actor).filter(pk=leader_id).first()
        if leader is None:
            raise ValidationFailed.field(
                "leader_id", "包案领导须为本街道担任领导角色的账号（《信访工作条例》第十八条）"
            )
        handlers = _staff(actor, handler_ids or [], "handler_ids")
        co_handlers = _staff(actor, co_handler_ids or [], "co_handler_ids")
        names = "、".join(u.display_name or u.username for u in handlers + co_handlers)
        transition(
            petition,
            "lead",
            actor,
            note=f"包案领导：{leader.display_name or leader.username}"
            + (f"；承办：{names}" if names else ""),
        )
        previous = petition.case_leader
        if previous is not None and previous.pk != leader.pk:
            assignment_revoke(actor=actor, obj=petition, user=previous, kind="case_leader")
        for kind, users in (("case_leader", [leader]), ("handler", handlers), ("co_handler", co_handlers)):
            for user in users:
                assignment_grant(actor=actor, obj=petition, user=user, kind=kind)  # get_or_create
        petition.case_leader = leader
        petition.save(update_fields=["case_leader"])
    return petition
