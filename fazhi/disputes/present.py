"""Shapes of the records as the API returns them (masked personal data, labels, deadlines with their
basis, allowed actions) — one place, so the API and the pages say the same thing."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core import crypto
from fazhi.core.attachments import attachments_of
from fazhi.core.deadlines import rule_get
from fazhi.disputes import rules
from fazhi.disputes.models import Agreement, Dispute, MediationOrg, Mediator, Party, Termination
from fazhi.disputes.models.choices import (
    AgreementForm,
    AgreementScope,
    AgreementStatus,
    CommitteeRole,
    ConfirmationStatus,
    Consent,
    EscalationKind,
    LeadLevel,
    OrgKind,
    Outcome,
    PartyKind,
    PartyRole,
    RiskLevel,
    Route,
    Sex,
    SignMethod,
    Source,
    TerminationKind,
    TermStatus,
)
from fazhi.disputes.services.common import due_date, today
from fazhi.disputes.services.intake import origin_label
from fazhi.disputes.workflow import AGREEMENT, DISPUTE, OPEN, Status

RISK_TAG = {"red": "red", "orange": "orange", "yellow": "yellow", "blue": "blue"}
STATUS_TAG = {
    "registered": "grey",
    "assigned": "blue",
    "mediating": "orange",
    "agreed": "green",
    "closed": "green",
    "failed": "red",
    "refused": "red",
    "transferred": "grey",
}


def label(choices: Any, value: str) -> str:
    return str(dict(choices.choices).get(value, value or "—"))


def deadline_text(due: date | None, basis: str, on: date | None = None) -> str:
    """ "剩余N天 · basis", "今日到期 · basis" or "已逾期N天 · basis"."""
    if due is None:
        return ""
    left = (due - (on or today())).days
    if left > 0:
        when = f"剩余{left}天"
    elif left == 0:
        when = "今日到期"
    else:
        when = f"已逾期{-left}天"
    return f"{when} · {basis}"


def deadline_of(due: date | None, rule_code: str, *, running: bool = True) -> dict[str, Any] | None:
    if due is None:
        return None
    rule = rule_get(rule_code) if rule_code else None
    basis = rule.basis if rule else ""
    return {
        "due_on": due,
        "label": rule.label if rule else "期限",
        "basis": basis,
        "days_left": (due - today()).days,
        "running": running,
        "text": deadline_text(due, basis) if running else basis,
    }


def party_out(p: Party) -> dict[str, Any]:
    return {
        "id": p.pk,
        "kind": p.kind,
        "kind_label": label(PartyKind, p.kind),
        "role": p.role,
        "role_label": label(PartyRole, p.role),
        "name": p.name,
        "sex": p.sex,
        "sex_label": label(Sex, p.sex) if p.sex else "",
        "id_number": crypto.mask_id_number(p.id_number),
        "phone": crypto.mask_phone(p.phone),
        "address": p.address,
        "org_code": p.org_code,
        "representative": p.representative,
        "consent": p.consent,
        "consent_label": label(Consent, p.consent),
        "consent_on": p.consent_on,
        "consent_note": p.consent_note,
    }


def labour_notice(d: Dispute) -> dict[str, Any] | None:
    """For a labour dispute: the day the 15-day mediation period ends (劳动争议调解仲裁法 Art. 14)."""
    if not d.category.labour:
        return None
    due, note = due_date(rules.LABOUR_MEDIATION, d.registered_on)
    return {
        "due_on": due,
        "basis": rules.LABOUR_MEDIATION.basis,
        "text": f"自收到调解申请之日起15日（至{due:%Y-%m-%d}）内未达成调解协议的，当事人可以依法申请劳动人事争议仲裁"
        + (f"（{note}）" if note else ""),
    }


def dispute_row(d: Dispute) -> dict[str, Any]:
    running = d.status in OPEN
    return {
        "id": d.pk,
        "number": d.number,
        "unit_id": d.unit_id,
        "unit_name": d.unit.name,
        "category": d.category.code,
        "category_name": d.category.name,
        "source": d.source,
        "source_label": label(Source, d.source),
        "summary": d.summary,
        "registered_on": d.registered_on,
        "risk_level": d.risk_level,
        "risk_label": label(RiskLevel, d.risk_level),
        "status": d.status,
        "status_label": label(Status, d.status),
        "outcome": d.outcome,
        "outcome_label": label(Outcome, d.outcome) if d.outcome else "",
        "parties": "、".join(p.name for p in d.parties.all()),
        "org_name": d.org.name if d.org else "",
        "due_on": d.due_on if running else None,
        "deadline_text": deadline_text(d.due_on, rules.MEDIATION.basis) if running else "",
        "concluded_on": d.concluded_on,
    }


def dispute_out(d: Dispute, actor: Any) -> dict[str, Any]:
    origin_text, origin_link = origin_label(d.origin_type, d.origin_id)
    running = d.status in OPEN
    links = list(d.mediator_links.select_related("mediator").order_by("assigned_on", "id"))
    termination = Termination.objects.filter(dispute=d).first()
    return {
        **dispute_row(d),
        "origin_type": d.origin_type,
        "origin_id": d.origin_id,
        "origin_text": origin_text,
        "origin_link": origin_link,
        "claims": d.claims,
        "occurred_on": d.occurred_on,
        "place": d.place,
        "amount": d.amount,
        "people_involved": d.people_involved,
        "police_history": d.police_history,
        "criminal_risk": d.criminal_risk,
        "group_behaviour": d.group_behaviour,
        "extreme_behaviour": d.extreme_behaviour,
        "risk_reasons": d.risk_reasons,
        "lead_level": d.lead_level,
        "lead_label": label(LeadLevel, d.lead_level),
        "case_leader": {"id": d.case_leader.pk, "name": str(d.case_leader)} if d.case_leader else None,
        "org": {"id": d.org.pk, "name": d.org.name} if d.org else None,
        "mediators": [
            {
                "id": link.mediator.pk,
                "name": link.mediator.name,
                "role_label": label(CommitteeRole, link.mediator.role),
                "chosen_by_parties": link.chosen_by_parties,
                "assigned_on": link.assigned_on,
            }
            for link in links
        ],
        "deadline": deadline_of(d.due_on, d.due_rule, running=running),
        "labour": labour_notice(d),
        "mediation_started_on": d.mediation_started_on,
        "parties": [party_out(p) for p in d.parties.order_by("order", "id")],
        "sessions": [
            {
                "id": s.pk,
                "seq": s.seq,
                "held_on": s.held_on,
                "start_time": s.start_time,
                "end_time": s.end_time,
                "place": s.place,
                "mediators": [m.name for m in s.mediators.all()],
                "invitees": s.invitees,
                "invitees_consented": s.invitees_consented,
                "record": s.record,
                "attachments": [
                    {"id": str(a.pk), "name": a.name, "sha256": a.sha256} for a in attachments_of(s)
                ],
            }
            for s in d.sessions.prefetch_related("mediators").order_by("seq")
        ],
        "agreements": [agreement_brief(a) for a in d.agreements.order_by("reached_on", "id")],
        "termination": termination_out(termination) if termination else None,
        "escalations": [
            {
                "id": e.pk,
                "kind": e.kind,
                "kind_label": label(EscalationKind, e.kind),
                "on": e.on,
                "to_whom": e.to_whom,
                "reason": e.reason,
                "reference": e.reference,
                "by": str(e.by) if e.by else "",
                "target_type": e.target_type,
                "target_id": e.target_id,
            }
            for e in d.escalations.select_related("by").order_by("on", "id")
        ],
        "allowed_actions": [
            {"action": t.action, "label": t.label} for t in DISPUTE.available_actions(d, actor)
        ],
    }


def termination_out(t: Any) -> dict[str, Any]:
    return {
        "kind": t.kind,
        "kind_label": label(TerminationKind, t.kind),
        "reason": t.reason,
        "undisputed_facts": t.undisputed_facts,
        "facts_confirmed": t.facts_confirmed,
        "started_on": t.started_on,
        "ended_on": t.ended_on,
        "routes": [{"code": r, "label": label(Route, r)} for r in t.routes],
    }


def agreement_brief(a: Agreement) -> dict[str, Any]:
    return {
        "id": a.pk,
        "number": a.number,
        "form": a.form,
        "form_label": label(AgreementForm, a.form),
        "scope": a.scope,
        "scope_label": label(AgreementScope, a.scope),
        "status": a.status,
        "status_label": label(AgreementStatus, a.status),
        "reached_on": a.reached_on,
        "effective_on": a.effective_on,
        "jc_status": a.jc_status,
        "jc_label": label(ConfirmationStatus, a.jc_status),
        "jc_due": a.jc_due,
    }


def jc_out(a: Agreement) -> dict[str, Any]:
    if a.jc_status == ConfirmationStatus.NOT_APPLICABLE:
        if a.form == AgreementForm.ORAL:
            why = "口头协议：如需申请司法确认，须先制作书面调解协议书"
        elif a.concerns_status_relation:
            why = f"协议确认身份、收养或婚姻关系，法院不予受理（{rules.JC_EXCLUDED_BASIS}）"
        else:
            why = "协议尚未生效"
    else:
        why = ""
    running = a.jc_status == ConfirmationStatus.OPEN
    return {
        "status": a.jc_status,
        "label": label(ConfirmationStatus, a.jc_status),
        "due_on": a.jc_due,
        "basis": rules.JUDICIAL_CONFIRMATION.basis,
        "text": deadline_text(a.jc_due, rules.JUDICIAL_CONFIRMATION.basis) if running and a.jc_due else "",
        "not_applicable_reason": why,
        "materials": [{"code": c, "label": t, "ready": c in a.jc_materials} for c, t in rules.JC_MATERIALS],
        "materials_basis": rules.JC_MATERIALS_BASIS,
        "applied_on": a.jc_applied_on,
        "court": a.jc_court,
        "case_number": a.jc_case_number,
        "decided_on": a.jc_decided_on,
        "note": a.jc_note,
    }


def agreement_out(a: Agreement, actor: Any) -> dict[str, Any]:
    signatures = {s.party_id: s for s in a.signatures.all()}
    return {
        **agreement_brief(a),
        "dispute_id": a.dispute_id,
        "dispute_number": a.dispute.number,
        "parties_info": a.parties_info,
        "facts": a.facts,
        "disputed_points": a.disputed_points,
        "responsibilities": a.responsibilities,
        "content": a.content,
        "performance_method": a.performance_method,
        "performance_deadline": a.performance_deadline,
        "concerns_status_relation": a.concerns_status_relation,
        "copies": a.copies,
        "signatures": [
            {
                "party_id": p.pk,
                "name": p.name,
                "signed_on": signatures[p.pk].signed_on if p.pk in signatures else None,
                "method_label": label(SignMethod, signatures[p.pk].method) if p.pk in signatures else "",
            }
            for p in a.dispute.parties.order_by("order", "id")
        ],
        "mediator": {"id": a.mediator.pk, "name": a.mediator.name} if a.mediator else None,
        "mediator_signed_on": a.mediator_signed_on,
        "sealed": a.sealed,
        "terms": [
            {
                "id": t.pk,
                "seq": t.seq,
                "obligor": t.obligor.name if t.obligor else "",
                "content": t.content,
                "method": t.method,
                "due_on": t.due_on,
                "status": t.status,
                "status_label": label(TermStatus, t.status),
                "performed_on": t.performed_on,
                "checks": [
                    {"checked_on": c.checked_on, "result_label": label(TermStatus, c.result), "note": c.note}
                    for c in t.checks.all()
                ],
            }
            for t in a.terms.select_related("obligor").prefetch_related("checks").order_by("seq")
        ],
        "jc": jc_out(a),
        "allowed_actions": [
            {"action": t.action, "label": t.label} for t in AGREEMENT.available_actions(a, actor)
        ],
    }


def mediator_out(m: Mediator) -> dict[str, Any]:
    return {
        "id": m.pk,
        "org_id": m.org_id,
        "org_name": m.org.name,
        "name": m.name,
        "sex": m.sex,
        "sex_label": label(Sex, m.sex),
        "ethnicity": m.ethnicity,
        "birth_year": m.birth_year,
        "role": m.role,
        "role_label": label(CommitteeRole, m.role),
        "user_id": m.user_id,
        "occupation": m.occupation,
        "qualifications": m.qualifications,
        "phone": crypto.mask_phone(m.phone),
        "joined_on": m.joined_on,
        "left_on": m.left_on,
        "is_active": m.is_active,
    }


def org_out(o: MediationOrg, checklist: Any | None = None) -> dict[str, Any]:
    data = {
        "id": o.pk,
        "name": o.name,
        "kind": o.kind,
        "kind_label": label(OrgKind, o.kind),
        "unit_id": o.unit_id,
        "unit_name": o.unit.name,
        "doc_prefix": o.doc_prefix,
        "description": o.description,
        "venue": o.venue,
        "venue_note": o.venue_note,
        "phone": o.phone,
        "rules_text": o.rules_text,
        "term_start": o.term_start,
        "term_end": o.term_end,
        "compliant": o.compliant,
        "is_active": o.is_active,
    }
    if checklist is not None:
        data["checklist"] = [
            {"code": c.code, "label": c.label, "ok": c.ok, "detail": c.detail} for c in checklist.checks
        ]
        data["warnings"] = checklist.warnings
    return data
