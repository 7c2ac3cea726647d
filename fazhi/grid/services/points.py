"""Writes of 积分联奖惩: rules, awards, deduction proposals and their approval by a second person,
appeals (an upheld appeal writes a reversing entry), the points shop and redemptions.

Every ledger write appends a PointsEntry; nothing updates or deletes one. Balance checks lock the
household row first, so two redemptions for one household cannot both spend the same points; stock
falls through a conditional UPDATE (stock >= quantity), so it never goes below zero.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fazhi.core.attachments import attachment_add
from fazhi.core.audit import audit_record
from fazhi.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed, collect
from fazhi.grid import permissions as P
from fazhi.grid.models import (
    AppealStatus,
    CapPeriod,
    DeductionProposal,
    EntryKind,
    PointsAppeal,
    PointsEntry,
    PointsRule,
    ProposalStatus,
    Redemption,
    RedemptionItem,
    RuleKind,
)
from fazhi.grid.selectors.events import event_get_for
from fazhi.grid.selectors.links import activity_get_for
from fazhi.grid.selectors.points import (
    appeal_list_for,
    awarded_in_period,
    balance_of,
    entry_get_for,
    item_list_for,
    proposal_list_for,
    rule_for_household,
)
from fazhi.org.selectors import unit_get_for
from fazhi.org.services import require
from fazhi.people.selectors import household_lock, resident_get_for


def points_rule_save(
    *,
    actor: Any,
    unit_id: int,
    code: str,
    name: str,
    kind: str,
    points: int,
    cap: int | None = None,
    cap_period: str = CapPeriod.YEAR,
    evidence_required: bool = True,
    is_active: bool = True,
) -> PointsRule:
    """Create or update a rule of the catalogue at a unit in scope (by unit and code)."""
    require(actor, P.MANAGE)
    errors: dict[str, str] = {}
    if not code.strip():
        errors["code"] = "编码不能为空"
    if not name.strip():
        errors["name"] = "事项不能为空"
    if kind not in RuleKind.values:
        errors["kind"] = "类型须为加分或扣分"
    if not 1 <= int(points) <= 1000:
        errors["points"] = "分值须为1–1000分"
    if cap is not None and cap < int(points):
        errors["cap"] = "周期上限不能小于单次分值"
    if cap_period not in CapPeriod.values:
        errors["cap_period"] = "上限周期须为每月、每季度或每年"
    if kind == RuleKind.DEDUCTION and not evidence_required:
        errors["evidence_required"] = "扣分事项必须附依据"
    collect(errors)
    with transaction.atomic():
        unit = unit_get_for(actor=actor, unit_id=unit_id)
        rule, created = PointsRule.objects.get_or_create(
            unit=unit,
            code=code.strip(),
            defaults={"name": name, "kind": kind, "points": points},
        )
        rule.name, rule.kind, rule.points = name.strip(), kind, int(points)
        rule.cap, rule.cap_period, rule.evidence_required, rule.is_active = (
            cap,
            cap_period,
            evidence_required,
            is_active,
        )
        rule.save()
        audit_record(
            actor=actor,
            action="grid.points_rule_save",
            obj=rule,
            data={"created": created, "points": points, "kind": kind},
        )
    return rule


def _evidence(
    *,
    actor: Any,
    household: Any,
    event_id: int | None,
    activity_id: int | None,
    attachment: tuple[str, bytes] | None,
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if event_id:
        event = event_get_for(actor=actor, event_id=event_id)
        if event.unit_id != household.unit_id:
            raise ValidationFailed.field("event_id", "依据事件须为该户所在网格的事件")
        found["event"] = event
    if activity_id:
        activity = activity_get_for(actor=actor, activity_id=activity_id)
        if activity.unit_id != household.unit_id:
            raise ValidationFailed.field("activity_id", "依据活动须为该户所在网格的活动")
        found["activity"] = activity
    if attachment:
        name, content = attachment
        # Stored against the household: an entry, once written, never changes to take a file.
        found["attachment_id"] = attachment_add(
            actor=actor, obj=household, name=name, content=content, kind="points_evidence"
        ).pk
    return found


def points_award(
    *,
    actor: Any,
    household_id: int,
    rule_id: int,
    occurred_on: dt.date,
    reason: str = "",
    resident_id: int | None = None,
    event_id: int | None = None,
    activity_id: int | None = None,
    attachment: tuple[str, bytes] | None = None,
) -> PointsEntry | DeductionProposal:
    """Apply a rule to a household. An award is written at once (within the rule's cap per period);
    a deduction becomes a proposal awaiting a second person's approval. Evidence — an event, an
    activity or a file — is required for deductions and for rules that say so."""
    require(actor, P.POINTS)
    if occurred_on > timezone.localdate():
        raise ValidationFailed.field("occurred_on", "发生日期不能晚于今天")
    with transaction.atomic():
        household = household_lock(actor=actor, household_id=household_id)
        rule = rule_for_household(actor=actor, rule_id=rule_id, household=household)
        resident = None
        if resident_id:
            resident = resident_get_for(actor=actor, resident_id=resident_id)
            if resident.household_id != household.pk:
                raise ValidationFailed.field("resident_id", "该居民不属于此户")
        if not (event_id or activity_id or attachment) and (
            rule.evidence_required or rule.kind == RuleKind.DEDUCTION
        ):
            raise ValidationFailed.field(
                "evidence", f"“{rule.name}”须附依据：关联网格事件、四进网格活动或上传材料（扣分一律须附依据）"
            )
        evidence = _evidence(
            actor=actor,
            household=household,
            event_id=event_id,
            activity_id=activity_id,
            attachment=attachment,
        )
        reason = (reason or rule.name).strip()[:200]
        if rule.kind == RuleKind.DEDUCTION:
            proposal = DeductionProposal.objects.create(
                unit=household.unit,
                household=household,
                resident=resident,
                rule=rule,
                points=rule.points,
                occurred_on=occurred_on,
                reason=reason,
                proposed_by=actor,
                **evidence,
            )
            audit_record(
                actor=actor, action="grid.deduction_propose", obj=proposal, data={"points": rule.points}
            )
            return proposal
        if rule.cap is not None:
            used = awarded_in_period(household_id=household.pk, rule=rule, day=occurred_on)
            if used + rule.points > rule.cap:
                raise ValidationFailed.field(
                    "rule_id",
                    f"“{rule.name}”{CapPeriod(rule.cap_period).label}上限{rule.cap}分，本期已得{used}分",
                )
        entry = PointsEntry.objects.create(
            unit=household.unit,
            household=household,
            resident=resident,
            kind=EntryKind.AWARD,
            points=rule.points,
            rule=rule,
            occurred_on=occurred_on,
            reason=reason,
            recorded_by=actor,
            **evidence,
        )
        audit_record(
            actor=actor,
            action="grid.points_award",
            obj=entry,
            data={"points": entry.points, "rule": rule.code},
        )
    return entry


def deduction_decide(*, actor: Any, proposal_id: int, approve: bool, note: str = "") -> DeductionProposal:
    """A second person approves (writing the negative entry) or rejects a deduction; never the proposer."""
    require(actor, P.POINTS_APPROVE)
    with transaction.atomic():
        found = proposal_list_for(actor=actor).filter(pk=proposal_id).first()
        if found is None:
            raise NotFound("扣分申请不存在或无权查看")
        household_lock(actor=actor, household_id=found.household_id)
        proposal = DeductionProposal.objects.select_for_update().get(pk=found.pk)
        if proposal.status != ProposalStatus.PENDING:
            raise Conflict(f"该申请已{proposal.get_status_display()}")
        if proposal.proposed_by_id == actor.pk:
            raise NotAllowed("扣分须由另一人审批，不能审批本人提出的扣分")
        if not approve and len(note.strip()) < 2:
            raise ValidationFailed.field("note", "驳回须说明理由")
        proposal.status = ProposalStatus.APPROVED if approve else ProposalStatus.REJECTED
        proposal.decided_by, proposal.decided_at, proposal.decision_note = (
            actor,
            timezone.now(),
            note.strip()[:200],
        )
        if approve:
            proposal.entry = PointsEntry.objects.create(
                unit=proposal.unit,
                household_id=proposal.household_id,
                resident_id=proposal.resident_id,
                kind=EntryKind.DEDUCTION,
                points=-proposal.points,
                rule=proposal.rule,
                occurred_on=proposal.occurred_on,
                reason=proposal.reason,
                event_id=proposal.event_id,
                activity_id=proposal.activity_id,
                attachment_id=proposal.attachment_id,
                recorded_by=proposal.proposed_by,
                approved_by=actor,
            )
        proposal.save()
        audit_record(actor=actor, action="grid.deduction_decide", obj=proposal, data={"approve": approve})
    return proposal


def points_appeal_file(*, actor: Any, entry_id: int, appellant: str, reason: str) -> PointsAppeal:
    """Staff record a resident's appeal against a deduction (one open appeal per entry)."""
    require(actor, P.POINTS)
    errors = {}
    if not appellant.strip():
        errors["appellant"] = "请填写申诉人"
    if len(reason.strip()) < 5:
        errors["reason"] = "申诉理由至少5个字"
    collect(errors)
    with transaction.atomic():
        entry = entry_get_for(actor=actor, entry_id=entry_id)
        if entry.kind != EntryKind.DEDUCTION:
            raise ValidationFailed.field("entry_id", "只能对扣分记录申诉")
        if PointsEntry.objects.filter(reverses=entry).exists():
            raise Conflict("该扣分已冲正")
        if PointsAppeal.objects.filter(entry=entry, status=AppealStatus.PENDING).exists():
            raise Conflict("该扣分已有待处理的申诉")
        appeal = PointsAppeal.objects.create(
            unit=entry.unit,
            entry=entry,
            appellant=appellant.strip()[:60],
            reason=reason.strip(),
            recorded_by=actor,
        )
        audit_record(actor=actor, action="grid.appeal_file", obj=appeal)
    return appeal


def points_appeal_decide(*, actor: Any, appeal_id: int, uphold: bool, note: str) -> PointsAppeal:
    """Decide an appeal. Upheld: a reversing entry cancels the deduction (the original stays)."""
    require(actor, P.POINTS_APPROVE)
    if len(note.strip()) < 2:
        raise ValidationFailed.field("note", "请填写处理意见")
    with transaction.atomic():
        found = appeal_list_for(actor=actor).filter(pk=appeal_id).first()
        if found is None:
            raise NotFound("申诉不存在或无权查看")
        household_lock(actor=actor, household_id=found.entry.household_id)
        appeal = PointsAppeal.objects.select_for_update().select_related("entry").get(pk=found.pk)
        if appeal.status != AppealStatus.PENDING:
            raise Conflict(f"该申诉已处理：{appeal.get_status_display()}")
        entry = appeal.entry
        if uphold and entry.recorded_by_id == actor.pk:
            raise NotAllowed("申诉须由扣分登记人以外的人员处理")
        appeal.status = AppealStatus.UPHELD if uphold else AppealStatus.DISMISSED
        appeal.decided_by, appeal.decided_at, appeal.decision_note = actor, timezone.now(), note.strip()[:200]
        if uphold:
            appeal.reversal = PointsEntry.objects.create(
                unit=entry.unit,
                household_id=entry.household_id,
                resident_id=entry.resident_id,
                kind=EntryKind.REVERSAL,
                points=-entry.points,
                occurred_on=timezone.localdate(),
                reason=f"申诉成立，冲正{entry.occurred_on:%Y-%m-%d}“{entry.reason}”"[:200],
                reverses=entry,
                recorded_by=actor,
                approved_by=actor,
            )
        appeal.save()
        audit_record(actor=actor, action="grid.appeal_decide", obj=appeal, data={"uphold": uphold})
    return appeal


def redemption_item_save(
    *,
    actor: Any,
    unit_id: int,
    name: str,
    cost: int,
    stock: int,
    item_id: int | None = None,
    is_active: bool = True,
) -> RedemptionItem:
    require(actor, P.MANAGE)
    errors = {}
    if not name.strip():
        errors["name"] = "商品名称不能为空"
    if cost < 1:
        errors["cost"] = "所需积分至少1分"
    if stock < 0:
        errors["stock"] = "库存不能为负数"
    collect(errors)
    with transaction.atomic():
        unit = unit_get_for(actor=actor, unit_id=unit_id)
        if item_id:
            item = item_list_for(actor=actor, active_only=False).filter(pk=item_id).first()
            if item is None:
                raise NotFound("商品不存在")
            item = RedemptionItem.objects.select_for_update().get(pk=item.pk)
        else:
            item = RedemptionItem(unit=unit)
        item.name, item.cost, item.stock, item.is_active = name.strip(), cost, stock, is_active
        item.save()
        audit_record(actor=actor, action="grid.item_save", obj=item, data={"cost": cost, "stock": stock})
    return item


def points_redeem(
    *, actor: Any, household_id: int, item_id: int, quantity: int = 1, redeemed_on: dt.date | None = None
) -> Redemption:
    """Exchange points for goods: within the household's balance and the item's stock, or 400."""
    require(actor, P.POINTS)
    if quantity < 1:
        raise ValidationFailed.field("quantity", "数量至少为1")
    redeemed_on = redeemed_on or timezone.localdate()
    with transaction.atomic():
        household = household_lock(actor=actor, household_id=household_id)
        item = item_list_for(actor=actor).filter(pk=item_id).first()
        paths = [*household.unit.ancestor_paths(), household.unit.path]
        if item is None or item.unit.path not in paths:
            raise NotFound("兑换商品不存在或不适用于该户")
        cost = item.cost * quantity
        balance = balance_of(household.pk)
        if cost > balance:
            raise ValidationFailed.field("quantity", f"积分不足：需{cost}分，该户余额{balance}分")
        taken = RedemptionItem.objects.filter(pk=item.pk, stock__gte=quantity).update(
            stock=F("stock") - quantity
        )
        if not taken:
            raise ValidationFailed.field("quantity", f"“{item.name}”库存不足")
        entry = PointsEntry.objects.create(
            unit=household.unit,
            household=household,
            kind=EntryKind.REDEMPTION,
            points=-cost,
            occurred_on=redeemed_on,
            reason=f"兑换{item.name}×{quantity}",
            recorded_by=actor,
        )
        redemption = Redemption.objects.create(
            unit=household.unit,
            item=item,
            household=household,
            quantity=quantity,
            points=cost,
            entry=entry,
            redeemed_by=actor,
            redeemed_on=redeemed_on,
        )
        audit_record(
            actor=actor, action="grid.points_redeem", obj=redemption, data={"points": cost, "item": item.pk}
        )
    return redemption


def points_import(*, actor: Any, file_bytes: bytes, filename: str, progress: Any = None) -> Any:
    """Import the 积分登记表: rows checked against the rules and caps first, then all written or none."""
    from fazhi.core.ledgers import import_file
    from fazhi.grid.ledgers import POINTS_IMPORT, PointsImport

    require(actor, P.POINTS)
    job = PointsImport(actor=actor)

    def write(rows: list[dict[str, Any]]) -> tuple[int, int]:
        with transaction.atomic():
            created, updated = job.upsert(rows)
            audit_record(
                actor=actor, action="grid.points_import", data={"created": created, "total": len(rows)}
            )
        return created, updated

    return import_file(POINTS_IMPORT, file_bytes, filename, upsert=write, check=job.check, progress=progress)
