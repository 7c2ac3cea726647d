"""Intake of a dispute from any source, its details and risk, its parties, its case leader."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction

from fazhi.core import search
from fazhi.core.attachments import attachment_add
from fazhi.core.errors import Conflict, NotFound, ValidationFailed, collect
from fazhi.core.timeline import event_record
from fazhi.disputes import perms, rules
from fazhi.disputes.models import Dispute, Party
from fazhi.disputes.models.choices import ORIGINS, Outcome, RiskLevel, Source
from fazhi.disputes.risk import assess
from fazhi.disputes.selectors.disputes import dispute_lock, party_get_for
from fazhi.disputes.services.common import (
    PartyData,
    dispute_number,
    due_date,
    not_future,
    party_clean,
    sequence_at_least,
    today,
)
from fazhi.disputes.workflow import DISPUTE, Status
from fazhi.org import services as org_services
from fazhi.org.models import Unit, UnitKind, User
from fazhi.org.selectors import leader_list_for, unit_get_for

NUMBER_PATTERN = re.compile(r"^JF(\d{4})-(\d+)$")
RISK_FIELDS = (
    "people_involved",
    "amount",
    "police_history",
    "criminal_risk",
    "group_behaviour",
    "extreme_behaviour",
)
DISPUTE_UNIT_KINDS = (UnitKind.COMMUNITY, UnitKind.GRID, UnitKind.SUBDISTRICT)


def _amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValidationFailed.field("amount", "涉及金额应为数字") from None
    if amount < 0 or not amount.is_finite():
        raise ValidationFailed.field("amount", "涉及金额不能为负数")
    if amount >= Decimal("1e12"):
        raise ValidationFailed.field("amount", "涉及金额过大")
    return amount.quantize(Decimal("0.01"))


def _apply_risk(dispute: Dispute) -> tuple[str, str]:
    """Recompute level and lead from the criteria on `dispute`; returns (old level, new level)."""
    before = dispute.risk_level
    result = assess(
        people_involved=dispute.people_involved,
        amount=dispute.amount,
        police_history=dispute.police_history,
        criminal_risk=dispute.criminal_risk,
        group_behaviour=dispute.group_behaviour,
        extreme_behaviour=dispute.extreme_behaviour,
    )
    dispute.risk_level, dispute.risk_reasons, dispute.lead_level = (
        result.level,
        result.reasons,
        result.lead_level,
    )
    return before, result.level


def record_risk_change(dispute: Dispute, actor: Any, before: str) -> None:
    if before != dispute.risk_level:
        labels = dict(RiskLevel.choices)
        event_record(
            dispute,
            "disputes.risk_change",
            actor=actor,
            label="风险等级调整",
            note=f"{labels.get(before, before)} → {labels[dispute.risk_level]}：{'；'.join(dispute.risk_reasons)}",
            data={"from": before, "to": dispute.risk_level, "lead_level": dispute.lead_level},
        )


def _dispute_unit(actor: Any, unit_id: Any) -> Unit:
    try:
        unit = unit_get_for(actor=actor, unit_id=int(unit_id))
    except (TypeError, ValueError, NotFound):
        raise ValidationFailed.field("unit_id", "所属单位不存在或不在本人管辖范围内") from None
    if unit.kind not in DISPUTE_UNIT_KINDS:
        raise ValidationFailed.field("unit_id", "矛盾纠纷应归属社区、网格或街道")
    return unit


def _category(code: str) -> Any:
    from fazhi.disputes.models import DisputeCategory

    category = DisputeCategory.objects.filter(code=code, is_active=True).first()
    if category is None:
        raise ValidationFailed.field("category", "请选择纠纷类别")
    return category


def origin_label(origin_type: str, origin_id: str) -> tuple[str, str]:
    """("来源：信访件 12", link) for a stored origin; the type itself when no app declared it."""
    if not origin_type:
        return "", ""
    label, link = ORIGINS.get(origin_type, (origin_type, ""))
    return f"来源：{label} {origin_id}", link.format(id=origin_id) if link else ""


def dispute_intake(
    *,
    actor: Any,
    unit_id: int,
    category: str,
    source: str,
    summary: str,
    parties: Sequence[PartyData | Mapping[str, Any]] = (),
    claims: str = "",
    occurred_on: date | None = None,
    registered_on: date | None = None,
    place: str = "",
    amount: Any = None,
    people_involved: int = 2,
    police_history: bool = False,
    criminal_risk: bool = False,
    group_behaviour: bool = False,
    extreme_behaviour: bool = False,
    settled_on_spot: bool = False,
    resolution: str = "",
    origin_type: str = "",
    origin_id: str = "",
    number: str = "",
) -> Dispute:
    """Register a dispute (登记). Other apps convert their records with `origin_type` ("petitions.petition")
    and `origin_id`: the lineage is kept and shown as "来源：信访件 …"; a record converts once (Conflict).

    The risk level is computed from the criteria, the one-month mediation deadline set
    (rules.MEDIATION). `settled_on_spot` registers a dispute the grid worker resolved at once (当场化解).
    Raises ValidationFailed naming each bad field, NotAllowed without disputes.intake.
    """
    org_services.require(actor, perms.INTAKE)
    registered_on = registered_on or today()
    errors: dict[str, str] = {}
    if source not in Source.values:
        errors["source"] = "请选择纠纷来源"
    summary = (summary or "").strip()
    if not summary:
        errors["summary"] = "纠纷简要情况不能为空"
    elif len(summary) > 2000:
        errors["summary"] = "纠纷简要情况不能超过2000字"
    if people_involved is None or int(people_involved) < 1:
        errors["people_involved"] = "涉及人数至少为1人"
    if bool(origin_type) != bool(origin_id) or (origin_type and "." not in origin_type):
        errors["origin_type"] = "来源记录须同时给出类型（如 petitions.petition）和编号"
    if settled_on_spot and not resolution.strip():
        errors["resolution"] = "当场化解的，请填写化解情况"
    for field, value, label in (
        ("registered_on", registered_on, "登记日期"),
        ("occurred_on", occurred_on, "发生日期"),
    ):
        try:
            not_future(value, field, label)
        except ValidationFailed as exc:
            errors.update(exc.fields)
    if occurred_on and occurred_on > registered_on:
        errors["occurred_on"] = "发生日期不能晚于登记日期"
    cleaned: list[dict[str, Any]] = []
    for i, party in enumerate(parties):
        try:
            cleaned.append(party_clean(party, f"parties.{i}"))
        except ValidationFailed as exc:
            errors.update(exc.fields)
    try:
        amount_value = _amount(amount)
    except ValidationFailed as exc:
        errors.update(exc.fields)
        amount_value = None
    with transaction.atomic():
        try:
            unit = _dispute_unit(actor, unit_id)
        except ValidationFailed as exc:
            errors.update(exc.fields)
        try:
            category_obj = _category(category)
        except ValidationFailed as exc:
            errors.update(exc.fields)
        collect(errors)
        if origin_type:
            existing = Dispute.objects.filter(origin_type=origin_type, origin_id=str(origin_id)).first()
            if existing is not None:
                raise Conflict(f"该记录已转为矛盾纠纷 {existing.number}", dispute_id=existing.pk)
        dispute = Dispute(
            number=number or dispute_number(registered_on.year),
            unit=unit,
            category=category_obj,
            source=source,
            origin_type=origin_type,
            origin_id=str(origin_id) if origin_type else "",
            summary=summary,
            claims=(claims or "").strip(),
            occurred_on=occurred_on,
            registered_on=registered_on,
            place=(place or "").strip()[:200],
            amount=amount_value,
            people_involved=int(people_involved),
            police_history=police_history,
            criminal_risk=criminal_risk,
            group_behaviour=group_behaviour,
            extreme_behaviour=extreme_behaviour,
            created_by=actor,
        )
        _apply_risk(dispute)
        search.fill(dispute)
        dispute.due_on, due_note = due_date(rules.MEDIATION, registered_on)
        dispute.due_rule = rules.MEDIATION.code
        try:
            with transaction.atomic():
                dispute.save()
        except IntegrityError:
            raise Conflict("该记录已转为矛盾纠纷，或编号已被使用") from None
        if number and (match := NUMBER_PATTERN.fullmatch(number)):
            sequence_at_least("dispute", int(match[1]), int(match[2]))  # later numbers never collide
        for order, values in enumerate(cleaned):
            Party.objects.create(dispute=dispute, order=order, **values)
        label, _ = origin_label(dispute.origin_type, dispute.origin_id)
        event_record(
            dispute,
            "disputes.intake",
            actor=actor,
            label="登记",
            to_status=Status.REGISTERED,
            note="；".join(
                filter(None, [f"来源：{Source(source).label}", label.removeprefix("来源："), due_note])
            ),
            data={"risk_level": dispute.risk_level, "origin_type": origin_type, "origin_id": str(origin_id)},
        )
        if settled_on_spot:
            DISPUTE.check(dispute, "settle_on_spot", actor)
            dispute.status, dispute.outcome, dispute.concluded_on = (
                Status.CLOSED,
                Outcome.SETTLED,
                registered_on,
            )
            dispute.save(update_fields=["status", "outcome", "concluded_on", "updated_at"])
            event_record(
                dispute,
                "disputes.settle_on_spot",
                actor=actor,
                label="当场化解",
                from_status=Status.REGISTERED,
                to_status=Status.CLOSED,
                note=resolution.strip()[:1000],
            )
    return dispute


def dispute_update(*, actor: Any, dispute_id: int, **changes: Any) -> Dispute:
    """Change the registered details; a change to any risk criterion recomputes the level and the
    leading level (and records the change with its reasons). Unknown fields are refused."""
    allowed = {"summary", "claims", "place", "occurred_on", "category", *RISK_FIELDS}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationFailed.field(sorted(unknown)[0], "该项不能修改")
    with transaction.atomic():
        dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
        DISPUTE.check(dispute, "update", actor)
        changed: list[str] = []
        if "summary" in changes:
            dispute.summary = _text(changes["summary"], "summary", "纠纷简要情况", 2000)
            changed.append("summary")
        for name in ("claims", "place"):
            if name in changes:
                setattr(dispute, name, (changes[name] or "").strip())
                changed.append(name)
        if "occurred_on" in changes:
            not_future(changes["occurred_on"], "occurred_on", "发生日期")
            dispute.occurred_on = changes["occurred_on"]
            changed.append("occurred_on")
        if "category" in changes:
            dispute.category = _category(changes["category"])
            changed.append("category")
        if "amount" in changes:
            dispute.amount = _amount(changes["amount"])
            changed.append("amount")
        if "people_involved" in changes:
            if changes["people_involved"] is None or int(changes["people_involved"]) < 1:
                raise ValidationFailed.field("people_involved", "涉及人数至少为1人")
            dispute.people_involved = int(changes["people_involved"])
            changed.append("people_involved")
        for flag in ("police_history", "criminal_risk", "group_behaviour", "extreme_behaviour"):
            if flag in changes:
                setattr(dispute, flag, bool(changes[flag]))
                changed.append(flag)
        before = dispute.risk_level
        if set(changed) & set(RISK_FIELDS):
            _apply_risk(dispute)
            changed += ["risk_level", "risk_reasons", "lead_level"]
        text_changed = bool(set(changed) & set(Dispute.SEARCH_FIELDS))
        if text_changed:
            search.fill(dispute)  # the search index follows the text (the FTS trigger / GIN index)
        dispute.save(update_fields=[*changed, "updated_at", *(["search_text"] if text_changed else [])])
        event_record(dispute, "disputes.update", actor=actor, label="修改登记信息", data={"fields": changed})
        record_risk_change(dispute, actor, before)
    return dispute


def _text(value: Any, field: str, label: str, max_length: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed.field(field, f"{label}不能为空")
    if len(value) > max_length:
        raise ValidationFailed.field(field, f"{label}不能超过{max_length}字")
    return value


def party_add(*, actor: Any, dispute_id: int, party: PartyData | Mapping[str, Any]) -> Party:
    """Add a party to an open dispute; their consent starts as pending."""
    with transaction.atomic():
        dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
        DISPUTE.check(dispute, "add_party", actor)
        values = party_clean(party, "party")
        order = dispute.parties.count()
        created = Party.objects.create(dispute=dispute, order=order, **values)
        event_record(dispute, "disputes.add_party", actor=actor, label="补充当事人", note=created.name)
    return created


def party_reveal(*, actor: Any, dispute_id: int, party_id: int, field: str, purpose: str) -> str:
    """The full ID number or phone of a party, with a stated purpose (audited, org.pii_reveal)."""
    from fazhi.disputes.selectors.disputes import dispute_get_for

    if field not in ("id_number", "phone"):
        raise ValidationFailed.field("field", "只能查看身份证号或联系电话")
    dispute = dispute_get_for(actor=actor, dispute_id=dispute_id)
    party = party_get_for(actor=actor, dispute=dispute, party_id=party_id)
    return org_services.pii_reveal(
        actor=actor, obj=party, field=field, purpose=purpose, permission=perms.REVEAL, kind="disputes.party"
    )


def dispute_set_case_leader(*, actor: Any, dispute_id: int, leader_id: int, note: str = "") -> Dispute:
    """Put a subdistrict leader in personal charge (包案) and grant them sight of the case."""
    with transaction.atomic():
        dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
        DISPUTE.check(dispute, "set_leader", actor)
        leader = leader_list_for(actor=actor).filter(pk=leader_id).first()
        if leader is None:
            raise ValidationFailed.field("leader_id", "包案领导须为本街道的领导")
        previous: User | None = dispute.case_leader
        if previous is not None and previous.pk != leader.pk:
            org_services.assignment_revoke(actor=actor, obj=dispute, user=previous, kind="case_leader")
        org_services.assignment_grant(actor=actor, obj=dispute, user=leader, kind="case_leader")
        dispute.case_leader = leader
        dispute.save(update_fields=["case_leader", "updated_at"])
        event_record(
            dispute,
            "disputes.set_leader",
            actor=actor,
            label="指定包案领导",
            note="；".join(filter(None, [str(leader), note.strip()])),
            data={"leader": leader.pk},
        )
    return dispute


def dispute_attach(*, actor: Any, dispute_id: int, name: str, content: bytes, kind: str = "") -> Any:
    """Attach a file (photo, letter, evidence) to a dispute; its hash is recorded."""
    with transaction.atomic():
        dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
        DISPUTE.check(dispute, "attach", actor)
        attachment = attachment_add(actor=actor, obj=dispute, name=name, content=content, kind=kind)
        event_record(dispute, "disputes.attach", actor=actor, label="上传附件", note=attachment.name)
    return attachment
