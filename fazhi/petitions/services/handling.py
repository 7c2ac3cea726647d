"""Handling an accepted matter: records (investigation, hearing), one extension (Art. 34), mediation
ending in an agreement (Art. 33), the reply with one of three outcomes (Art. 32; 鲁 Art. 41)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.deadlines import deadline
from fazhi.core.errors import ValidationFailed, collect
from fazhi.core.timeline import event_record
from fazhi.org.selectors import leader_list_for
from fazhi.petitions import rules
from fazhi.petitions.models import Category, Note, Outcome, Petition
from fazhi.petitions.services.common import day, petition_lock, text, transition

NOTE_KINDS = {
    "investigation": Note.Kind.INVESTIGATION,
    "hearing": Note.Kind.HEARING,
    "aftercare": Note.Kind.AFTERCARE,
}


def petition_note(
    *,
    actor: Any,
    petition_id: int,
    kind: str,
    text_: str,
    on: date | None = None,
    participants: str = "",
) -> Note:
    """A handling record: 调查核实 or 听证 while handling; 终结后续帮扶 after 终结 (Art. 37)."""
    if kind not in NOTE_KINDS:
        raise ValidationFailed.field("kind", "记录类别须为：调查核实、听证、终结后续帮扶")
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        body = text(text_, field="text", message="请填写记录内容", min_length=2)
        on = day(on, field="on", label="记录日期", not_before=petition.received_on, before_label="收到日期")
        transition(
            petition,
            "aftercare" if kind == "aftercare" else "note",
            actor,
            note=f"{NOTE_KINDS[kind].label}：{body[:100]}",
        )
        return Note.objects.create(
            petition=petition,
            kind=NOTE_KINDS[kind],
            on=on,
            text=body,
            participants=participants.strip(),
            by=actor,
        )


def petition_extend(
    *, actor: Any, petition_id: int, days: int, reason: str, approver_id: int, on: date | None = None
) -> Petition:
    """Extend the 60-day handling period once, by at most 30 days, approved by a leader, with the
    petitioner told why (信访工作条例 Art. 34). A second extension or a longer one is refused."""
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        # Checked before the workflow so that the refusal names the article (400, not a bare 403).
        if petition.extension_days:
            raise ValidationFailed.field(
                "days",
                f"办理期限只能延长一次，已于 {petition.extended_on:%Y-%m-%d} 延长{petition.extension_days}日（{rules.EXTENSION_BASIS}）",
            )
        if petition.category != Category.CLAIM or petition.handling_due is None:
            raise ValidationFailed.field(
                "days", f"只有本机关受理办理的申诉求决类事项有60日办理期限可以延长（{rules.EXTENSION_BASIS}）"
            )
        errors: dict[str, str] = {}
        if not isinstance(days, int) or days < 1:
            errors["days"] = "延长天数应为正整数"
        elif days > rules.MAX_EXTENSION_DAYS:
            errors["days"] = f"延长期限最多不超过{rules.MAX_EXTENSION_DAYS}日（{rules.EXTENSION_BASIS}）"
        if not (reason or "").strip():
            errors["reason"] = f"延期须说明理由，并告知信访人（{rules.EXTENSION_BASIS}）"
        approver = leader_list_for(actor=actor).filter(pk=approver_id).first() if approver_id else None
        if approver is None:
            errors["approver_id"] = f"延期须经本机关负责人批准：请选择批准的领导（{rules.EXTENSION_BASIS}）"
        collect(errors)
        on = day(on, field="on", label="批准日期", not_before=petition.accepted_on, before_label="受理日期")
        if petition.handling_due and on > petition.handling_due:
            raise ValidationFailed.field(
                "on",
                f"办理期限已于 {petition.handling_due:%Y-%m-%d} 届满，不能再批准延期（{rules.EXTENSION_BASIS}）",
            )
        transition(petition, "extend", actor, note=f"延长{days}日：{reason.strip()}（批准：{approver}）")
        petition.extension_days, petition.extension_reason = days, reason.strip()
        petition.extension_approver, petition.extended_on = approver, on
        petition.handling_due = deadline(rules.HANDLING, petition.accepted_on or on, extension_days=days).due
        petition.save()
    return petition


def petition_mediate(
    *,
    actor: Any,
    petition_id: int,
    agreement: str,
    petitioner_consent: bool,
    other_party_consent: bool,
    other_party: str = "",
    on: date | None = None,
) -> Petition:
    """Mediation with both sides' consent ending in an agreement (Art. 33): the matter is 终结
    (鲁 Art. 46(1)) and the same request is not accepted again."""
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        errors: dict[str, str] = {}
        if not petitioner_consent or not other_party_consent:
            errors["consent"] = f"调解须经双方当事人同意（{rules.MEDIATION_BASIS}）"
        if len((agreement or "").strip()) < 5:
            errors["agreement"] = "请填写调解协议内容"
        collect(errors)
        on = day(on, field="on", label="协议日期", not_before=petition.accepted_on, before_label="受理日期")
        transition(petition, "mediate", actor, note=f"达成调解协议：{agreement.strip()[:100]}")
        Note.objects.create(
            petition=petition,
            kind=Note.Kind.MEDIATION,
            on=on,
            text=agreement.strip(),
            participants=other_party,
            by=actor,
        )
        petition.concluded_on = petition.final_on = on
        petition.final_reason = "经调解达成协议"
        petition.window_due = None
        petition.follow_up_due = deadline(rules.FOLLOW_UP, on).due
        petition.save()
    return petition


def petition_refer_mediation(*, actor: Any, petition_id: int, category: str, note: str = "") -> Any:
    """转人民调解: with the petitioner's agreement the matter goes to a people's mediation committee
    (信访工作条例 Art. 33; 山东省多元化解纠纷促进条例). The disputes app registers the dispute in this
    transaction; it names the petition as its origin, and the petition's timeline names the dispute.
    The petition stays open: its own deadline still runs. Returns the dispute."""
    from fazhi.disputes.services import dispute_intake

    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        transition(petition, "refer_mediation", actor, note=note.strip())
        parties = [
            {"name": p.name, "id_number": p.id_number, "phone": p.phone, "address": p.address}
            for p in petition.petitioners.order_by("pk")
        ]
        dispute = dispute_intake(
            actor=actor,
            unit_id=petition.unit_id,
            category=category,
            source="petition",
            summary=f"{petition.content}\n（信访事项{petition.case_number}转入{'：' + note.strip() if note.strip() else ''}）",
            parties=parties,
            place=petition.place,
            registered_on=timezone.localdate(),
            origin_type="petitions.petition",
            origin_id=str(petition.pk),
        )
        event_record(
            petition,
            "petitions.mediation_dispute",
            actor=actor,
            label="转入人民调解",
            note=f"矛盾纠纷 {dispute.number}",
            data={"dispute": dispute.pk},
        )
    return dispute


def petition_reply(
    *,
    actor: Any,
    petition_id: int,
    outcome: str,
    request: str,
    facts: str,
    opinion: str,
    basis: str,
    on: date | None = None,
    delivered_on: date | None = None,
) -> Petition:
    """The 信访处理意见书 (Art. 32): request, facts and reasons, the opinion and its legal basis, one of
    支持 / 解释说明 / 不予支持. The 复查 window (30 days, Art. 35) runs from its delivery."""
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = f"处理意见须为支持、解释说明或不予支持之一（{rules.REPLY_BASIS}）"
    for field, value, label in (
        ("request", request, "投诉请求"),
        ("facts", facts, "事实和理由"),
        ("opinion", opinion, "处理意见"),
        ("basis", basis, "法律法规依据"),
    ):
        if not (value or "").strip():
            errors[field] = f"信访处理意见书应载明{label}（{rules.REPLY_BASIS}）"
    collect(errors)
    with transaction.atomic():
        petition = petition_lock(actor=actor, petition_id=petition_id)
        on = day(on, field="on", label="答复日期", not_before=petition.accepted_on, before_label="受理日期")
        delivered = day(
            delivered_on or on, field="delivered_on", label="送达日期", not_before=on, before_label="答复日期"
        )
        late = petition.handling_due is not None and on > petition.handling_due
        transition(
            petition,
            "reply",
            actor,
            note=f"{Outcome(outcome).label}"
            + ("；超过办理期限（《信访工作条例》第三十四条）" if late else ""),
            data={"outcome": outcome},
        )
        petition.outcome = outcome
        petition.reply_request, petition.reply_facts = request.strip(), facts.strip()
        petition.reply_opinion, petition.reply_basis = opinion.strip(), basis.strip()
        petition.replied_on, petition.delivered_on, petition.concluded_on = on, delivered, on
        petition.window_due = deadline(rules.REVIEW_WINDOW, delivered).due
        petition.follow_up_due = deadline(rules.FOLLOW_UP, on).due
        petition.save()
    return petition


def is_on_time(petition: Petition) -> bool | None:
    """Concluded within its handling period (None: no period, or not concluded)."""
    if petition.concluded_on is None or petition.handling_due is None:
        return None
    return petition.concluded_on <= petition.handling_due
