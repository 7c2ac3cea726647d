"""Every write of supervision orders: issue, reply in writing, close or return, escalate (by hand or
by the sweep along the configured ladder)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from fazhi.core.audit import lock_chain, object_ref
from fazhi.core.deadlines import deadline
from fazhi.core.errors import ValidationFailed, collect
from fazhi.core.timeline import event_record
from fazhi.org.scope import subdistrict_of
from fazhi.org.services import assignment_grant, require
from fazhi.supervision import rules, targets
from fazhi.supervision.models import OrderCounter, OrderStatus, SupervisionOrder
from fazhi.supervision.selectors import order_list_for
from fazhi.supervision.workflow import FLOW, ISSUE
from fazhi.workbench.services import notification_send


def _number(unit: Any, year: int) -> str:
    prefix = f"{subdistrict_of(unit).code}-DB"
    lock_chain()  # the audit chain before the counter: the one lock order of every write
    counter, _ = OrderCounter.objects.select_for_update().get_or_create(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:04d}"


def _notify(order: SupervisionOrder, title: str) -> None:
    if order.assignee_id is None:
        return
    recipient = get_user_model().objects.filter(pk=order.assignee_id).first()
    if recipient is not None:
        notification_send(
            recipient=recipient,
            kind="supervision",
            title=f"【{rules.step(order.level).label}】{title}",
            body=f"{order.object_label}：{order.reason[:100]}；请于 {order.reply_due:%Y-%m-%d} 前书面回复",
            link=f"/supervision/{order.pk}/",
            dedupe_key=f"supervision:{order.pk}:{order.level}:{order.status}:{order.reply_due}",
        )


def order_create(
    *,
    actor: Any,
    target: targets.Target,
    level: str,
    reason: str,
    on: date,
    assignee: Any = None,
) -> SupervisionOrder:
    """Write one order in the caller's transaction (actor None: the sweep). No permission check here:
    callers check (order_issue) or are the system."""
    errors: dict[str, str] = {}
    codes = [c for c, _ in rules.level_choices()]
    if level not in codes:
        errors["level"] = f"督办层级须为：{'、'.join(label for _, label in rules.level_choices())}"
    if not (reason or "").strip():
        errors["reason"] = f"督办须写明事由（{rules.BASIS}）"
    collect(errors)
    step = rules.step(level)
    due = deadline(step.rule, on)
    object_type, object_id = object_ref(target.obj)
    assignee = assignee or target.assignee
    order = SupervisionOrder.objects.create(
        number=_number(target.unit, on.year),
        object_type=object_type,
        object_id=object_id,
        object_label=target.label[:200],
        link=target.link,
        unit=target.unit,
        level=level,
        reason=reason.strip(),
        issued_on=on,
        reply_due=due.due,
        reply_rule=step.rule.code,
        issued_by=actor,
        assignee=assignee,
    )
    if assignee is not None:
        assignment_grant(actor=actor, obj=order, user=assignee, kind="handler")
    event_record(order, "supervision.issue", actor=actor, label=f"下达{step.label}", to_status=order.status)
    event_record(
        target.obj,
        "supervision.issue",
        actor=actor,
        label=f"{step.label}（{order.number}）",
        note=order.reason,
        data={"order": order.pk},
    )
    transaction.on_commit(lambda: _notify(order, "请书面回复督办事项"))
    return order


def order_issue(
    *,
    actor: Any,
    object_type: str,
    object_id: str,
    level: str,
    reason: str,
    assignee_id: int | None = None,
    on: date | None = None,
) -> SupervisionOrder:
    """Issue a 督办单 on any registered record type the actor can see (targets.resolve)."""
    require(actor, ISSUE)
    on = on or timezone.localdate()
    with transaction.atomic():
        target = targets.resolve(actor=actor, object_type=object_type, object_id=str(object_id))
        assignee = None
        if assignee_id:
            assignee = get_user_model().objects.filter(pk=assignee_id, is_active=True).first()
            if assignee is None:
                raise ValidationFailed.field("assignee_id", "责任人不存在或已停用")
        return order_create(actor=actor, target=target, level=level, reason=reason, on=on, assignee=assignee)


def _lock(actor: Any, order_id: int) -> SupervisionOrder:
    from fazhi.core.errors import NotFound

    order = order_list_for(actor=actor).filter(pk=order_id).first()
    if order is None:
        raise NotFound("督办单不存在或无权查看")
    return SupervisionOrder.objects.select_for_update().get(pk=order.pk)


def order_reply(*, actor: Any, order_id: int, text: str, on: date | None = None) -> SupervisionOrder:
    """The written reply the order requires (信访工作条例 Art. 40)."""
    on = on or timezone.localdate()
    with transaction.atomic():
        order = _lock(actor, order_id)
        FLOW.check(order, "reply", actor)
        if len((text or "").strip()) < 5:
            raise ValidationFailed.field("text", f"须书面回复办理情况（至少5个字，{rules.REPLY_BASIS}）")
        if on > timezone.localdate():
            raise ValidationFailed.field("on", "回复日期不能晚于今天")
        before = order.status
        order.reply_text, order.replied_on, order.replied_by = text.strip(), on, actor
        order.status = OrderStatus.REPLIED
        order.save()
        event_record(
            order,
            "supervision.reply",
            actor=actor,
            label="书面回复",
            from_status=before,
            to_status=order.status,
        )
    return order


def order_close(*, actor: Any, order_id: int, note: str = "") -> SupervisionOrder:
    with transaction.atomic():
        order = _lock(actor, order_id)
        FLOW.check(order, "close", actor)
        order.status, order.closed_on = OrderStatus.CLOSED, timezone.localdate()
        order.save(update_fields=["status", "closed_on"])
        event_record(
            order,
            "supervision.close",
            actor=actor,
            label="审核通过办结",
            from_status="replied",
            to_status="closed",
            note=note,
        )
    return order


def order_return(*, actor: Any, order_id: int, reason: str) -> SupervisionOrder:
    """Send a reply back: the order is open again with a fresh reply period at its level."""
    with transaction.atomic():
        order = _lock(actor, order_id)
        FLOW.check(order, "return", actor)
        if not (reason or "").strip():
            raise ValidationFailed.field("reason", "退回须说明理由")
        today = timezone.localdate()
        order.status = OrderStatus.OPEN
        order.reply_due = deadline(rules.step(order.level).rule, today).due
        order.save(update_fields=["status", "reply_due"])
        event_record(
            order,
            "supervision.return",
            actor=actor,
            label="退回重办",
            from_status="replied",
            to_status="open",
            note=reason,
        )
    transaction.on_commit(lambda: _notify(order, "督办回复被退回，请重新办理"))
    return order


def _escalate(order: SupervisionOrder, *, actor: Any, today: date, note: str) -> bool:
    upper = rules.next_step(order.level)
    if upper is None:
        return False
    before = rules.step(order.level).label
    order.level, order.reply_rule = upper.code, upper.rule.code
    order.reply_due = deadline(upper.rule, today).due
    order.escalated_on = today
    order.status = OrderStatus.OPEN
    order.save(update_fields=["level", "reply_rule", "reply_due", "escalated_on", "status"])
    event_record(order, "supervision.escalate", actor=actor, label=f"{before} → {upper.label}", note=note)
    transaction.on_commit(lambda: _notify(order, f"督办升级为{upper.label}"))
    return True


def order_escalate(*, actor: Any, order_id: int, reason: str) -> SupervisionOrder:
    with transaction.atomic():
        order = _lock(actor, order_id)
        FLOW.check(order, "escalate", actor)
        if not (reason or "").strip():
            raise ValidationFailed.field("reason", "升级督办须说明理由")
        if not _escalate(order, actor=actor, today=timezone.localdate(), note=reason):
            raise ValidationFailed.field("level", f"已是最高层级“{rules.step(order.level).label}”")
    return order


def supervision_escalate_due(*, today: date) -> int:
    """The sweep: every open order unanswered `escalate_after_days` past its reply deadline climbs one
    level of the ladder with a fresh deadline. Returns how many climbed. Safe to run repeatedly."""
    count = 0
    for step in rules.ladder():
        if rules.next_step(step.code) is None:
            continue
        limit = today.toordinal() - step.escalate_after_days
        ids = list(
            SupervisionOrder.objects.filter(status=OrderStatus.OPEN, level=step.code).values_list(
                "pk", "reply_due"
            )
        )
        for pk, due in ids:
            if due.toordinal() >= limit:
                continue
            with transaction.atomic():
                order = SupervisionOrder.objects.select_for_update().get(pk=pk)
                if order.status == OrderStatus.OPEN and order.level == step.code:
                    count += _escalate(
                        order, actor=None, today=today, note=f"逾期未回复（期限 {due:%Y-%m-%d}）"
                    )
    return count
