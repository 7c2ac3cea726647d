"""Escalation: a report to the police (人民调解法 Art. 25), a conversion to a petition, a referral to
arbitration, a court or an administrative route — recorded with when, to whom and by whom."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from fazhi.core.errors import NotFound, ValidationFailed, collect
from fazhi.core.timeline import event_record
from fazhi.disputes import rules
from fazhi.disputes.models import Escalation
from fazhi.disputes.models.choices import EscalationKind, Outcome
from fazhi.disputes.selectors.disputes import dispute_lock
from fazhi.disputes.services.common import not_future, today
from fazhi.disputes.services.intake import _apply_risk, record_risk_change
from fazhi.disputes.services.mediation import _move, _void_drafts
from fazhi.disputes.workflow import OPEN

DEFAULT_RECIPIENT: dict[str, str] = {
    EscalationKind.TO_PETITION: "少海街道信访办",
    EscalationKind.ARBITRATION: "博兴县劳动人事争议仲裁委员会",
    EscalationKind.ADMINISTRATIVE: "有关行政机关",
}


def default_recipient(kind: str) -> str:
    if kind == EscalationKind.POLICE:
        return str(rules.local("POLICE_STATION"))
    if kind == EscalationKind.COURT:
        return str(rules.local("COURT"))
    return DEFAULT_RECIPIENT.get(kind, "")


def escalation_record(
    *,
    actor: Any,
    dispute_id: int,
    kind: str,
    reason: str,
    to_whom: str = "",
    on: date | None = None,
    reference: str = "",
) -> Escalation:
    """Record an escalation.

    police: the dispute may turn into a public-security or criminal case (Art. 25) — the criminal-risk
    criterion is set and the risk level recomputed; the mediation goes on. to_petition / arbitration /
    court / administrative: an open dispute leaves mediation (已转出); after it ended, the referral is
    recorded beside the outcome. A to_petition request waits for the petitions app to register it
    (escalation_link_target).
    """
    on = on or today()
    if kind not in EscalationKind.values:
        raise ValidationFailed.field("kind", "请选择上报或移交类型")
    with transaction.atomic():
        dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
        errors: dict[str, str] = {}
        reason = (reason or "").strip()
        if not reason:
            errors["reason"] = "请填写事由"
        to_whom = (to_whom or default_recipient(kind)).strip()
        if not to_whom:
            errors["to_whom"] = "请填写报告或移交对象"
        try:
            not_future(on, "on", "日期")
        except ValidationFailed as exc:
            errors.update(exc.fields)
        if on < dispute.registered_on:
            errors["on"] = "日期不能早于登记日期"
        if kind == EscalationKind.POLICE:
            action = "report_police"
        else:
            action = "refer" if dispute.status in OPEN else "refer_after"
        from fazhi.disputes.workflow import DISPUTE

        DISPUTE.check(dispute, action, actor)
        collect(errors)
        escalation = Escalation.objects.create(
            dispute=dispute,
            kind=kind,
            on=on,
            to_whom=to_whom[:100],
            reason=reason,
            reference=reference.strip()[:60],
            by=actor,
        )
        label = EscalationKind(kind).label
        if action == "refer":
            _void_drafts(dispute, actor, label)
            dispute.outcome, dispute.concluded_on = Outcome.TRANSFERRED, on
        basis = f"（{rules.POLICE_BASIS}）" if kind == EscalationKind.POLICE else ""
        _move(
            dispute,
            action,
            actor,
            note=f"{label}：{to_whom}{basis}",
            data={"escalation": escalation.pk, "kind": kind},
        )
        if kind == EscalationKind.TO_PETITION:
            _register_petition(actor=actor, dispute=dispute, escalation=escalation, reason=reason)
        if kind == EscalationKind.POLICE and not dispute.criminal_risk:
            dispute.criminal_risk = True
            before, _ = _apply_risk(dispute)
            dispute.save(
                update_fields=["criminal_risk", "risk_level", "risk_reasons", "lead_level", "updated_at"]
            )
            record_risk_change(dispute, actor, before)
    return escalation


def _register_petition(*, actor: Any, dispute: Any, escalation: Escalation, reason: str) -> None:
    """转为信访事项: the petitions app registers the matter now, in this transaction (lineage both ways)."""
    from fazhi.disputes.models.choices import PartyKind
    from fazhi.petitions.services import petition_register

    people = [
        {"name": p.name, "id_number": p.id_number, "phone": p.phone, "address": p.address}
        for p in dispute.parties.filter(kind=PartyKind.PERSON).order_by("pk")[:5]
    ]
    if not people:
        raise ValidationFailed.field("kind", "转为信访事项须至少有一名自然人当事人作为信访人")
    petition = petition_register(
        actor=actor,
        channel="visit",
        received_on=escalation.on,
        category="claim",
        title=f"{dispute.category.name}（矛盾纠纷转入）"[:100],
        place=dispute.place,
        content=f"{dispute.summary}\n转入事由：{reason}",
        unit_id=dispute.unit_id,
        petitioners=people,
        origin_type="disputes.dispute",
        origin_id=str(dispute.pk),
    )
    escalation.target_type, escalation.target_id = "petitions.petition", str(petition.pk)
    escalation.save(update_fields=["target_type", "target_id"])


def escalation_link_target(*, actor: Any, escalation_id: int, target_type: str, target_id: str) -> Escalation:
    """Link a to_petition request to the petition the petitions app registered for it (lineage)."""
    with transaction.atomic():
        dispute_id = Escalation.objects.filter(pk=escalation_id).values_list("dispute_id", flat=True).first()
        if dispute_id is None:
            raise NotFound("上报记录不存在")
        dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
        escalation = Escalation.objects.select_for_update().get(pk=escalation_id)
        if not target_type or "." not in target_type or not str(target_id):
            raise ValidationFailed.field("target_type", "须给出目标记录类型（如 petitions.petition）和编号")
        escalation.target_type, escalation.target_id = target_type, str(target_id)
        escalation.save(update_fields=["target_type", "target_id"])
        event_record(
            dispute,
            "disputes.escalation_linked",
            actor=actor,
            label="移交已受理",
            note=f"{EscalationKind(escalation.kind).label}：{target_type} {target_id}",
        )
    return escalation
