"""Mediation agreements: recording (written or oral, full or partial), signing, taking effect, the
司法确认 window, and following up the performance of the agreed terms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction

from fazhi.core.errors import NotFound, ValidationFailed, collect
from fazhi.core.timeline import event_record
from fazhi.disputes import perms, rules
from fazhi.disputes.models import (
    Agreement,
    AgreementSignature,
    AgreementTerm,
    Dispute,
    Mediator,
    Party,
    PerformanceCheck,
)
from fazhi.disputes.models.choices import (
    AgreementForm,
    AgreementScope,
    AgreementStatus,
    ConfirmationStatus,
    Outcome,
    SignMethod,
    TermStatus,
)
from fazhi.disputes.selectors.disputes import dispute_list_for, dispute_lock
from fazhi.disputes.services.common import due_date, next_number, not_future, today
from fazhi.disputes.services.mediation import _move
from fazhi.disputes.workflow import AGREEMENT, DISPUTE
from fazhi.org.scope import has_perm

# 人民调解法 Art. 29: what a written agreement carries. Field → the item as the article names it.
ARTICLE_29 = [
    ("parties_info", "当事人的基本情况"),
    ("facts", "纠纷的主要事实"),
    ("disputed_points", "争议事项"),
    ("responsibilities", "各方当事人的责任"),
    ("content", "当事人达成调解协议的内容"),
    ("performance_method", "履行的方式"),
    ("performance_deadline", "履行的期限"),
]
# Needed before an application is recorded (2011 规定 Art. 3); the others depend on the case.
JC_REQUIRED = ("application", "agreement", "identity", "contacts")


def missing_article_29(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The Art. 29 items a written agreement lacks, as (field, item)."""
    return [(field, label) for field, label in ARTICLE_29 if not str(values.get(field) or "").strip()]


def agreement_lock(*, actor: Any, agreement_id: Any) -> tuple[Agreement, Dispute]:
    """The agreement and its dispute, both locked, through the actor's scope on the dispute."""
    try:
        pk = int(agreement_id)
    except (TypeError, ValueError):
        raise NotFound("调解协议不存在或无权查看") from None
    dispute_id = Agreement.objects.filter(pk=pk).values_list("dispute_id", flat=True).first()
    if dispute_id is None:
        raise NotFound("调解协议不存在或无权查看")
    dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
    agreement = Agreement.objects.select_for_update(of=("self",)).select_related("mediator").get(pk=pk)
    return agreement, dispute


def agreement_get_for(*, actor: Any, agreement_id: Any) -> Agreement:
    try:
        pk = int(agreement_id)
    except (TypeError, ValueError):
        raise NotFound("调解协议不存在或无权查看") from None
    agreement = (
        Agreement.objects.filter(pk=pk, dispute__in=dispute_list_for(actor=actor).values("pk"))
        .select_related("dispute", "dispute__org", "dispute__unit", "dispute__category", "mediator")
        .first()
        if has_perm(actor, perms.VIEW)
        else None
    )
    if agreement is None:
        raise NotFound("调解协议不存在或无权查看")
    return agreement


def _terms(
    dispute: Dispute, terms: Sequence[Mapping[str, Any]], reached_on: date
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    party_ids = set(dispute.parties.values_list("pk", flat=True))
    cleaned, errors = [], {}
    for i, term in enumerate(terms):
        content = str(term.get("content") or "").strip()
        due_on = term.get("due_on")
        obligor = term.get("obligor_id") or None
        if not content and not due_on:
            continue
        if not content:
            errors[f"terms.{i}.content"] = "履行内容不能为空"
        if not due_on:
            errors[f"terms.{i}.due_on"] = "请填写履行期限"
        elif due_on < reached_on:
            errors[f"terms.{i}.due_on"] = "履行期限不能早于协议达成日期"
        if obligor is not None and int(obligor) not in party_ids:
            errors[f"terms.{i}.obligor_id"] = "履行人须为本案当事人"
        cleaned.append(
            {
                "content": content[:300],
                "method": str(term.get("method") or "").strip()[:100],
                "due_on": due_on,
                "obligor_id": int(obligor) if obligor else None,
            }
        )
    return cleaned, errors


def agreement_record(
    *,
    actor: Any,
    dispute_id: int,
    form: str,
    content: str,
    reached_on: date | None = None,
    scope: str = AgreementScope.FULL,
    parties_info: str = "",
    facts: str = "",
    disputed_points: str = "",
    responsibilities: str = "",
    performance_method: str = "",
    performance_deadline: date | None = None,
    terms: Sequence[Mapping[str, Any]] = (),
    concerns_status_relation: bool = False,
    copies: int | None = None,
) -> Agreement:
    """Record an agreement reached in mediation.

    Written (调解协议书): every item of 人民调解法 Art. 29 is required — a draft missing any is refused
    naming the missing items; it takes effect when signed (`agreement_sign`). Oral: the mediator
    records the content and it takes effect the day it was reached (Art. 28, 30). A partial agreement
    (鲁多元 Art. 23) leaves the rest of the dispute in mediation. Each term's due date is followed up.
    """
    reached_on = reached_on or today()
    with transaction.atomic():
        dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
        DISPUTE.check(dispute, "agree", actor)
        values = {
            "parties_info": parties_info,
            "facts": facts,
            "disputed_points": disputed_points,
            "responsibilities": responsibilities,
            "content": content,
            "performance_method": performance_method,
            "performance_deadline": performance_deadline,
        }
        errors: dict[str, str] = {}
        if form not in AgreementForm.values:
            errors["form"] = "请选择书面协议或口头协议"
        if scope not in AgreementScope.values:
            errors["scope"] = "请选择协议范围"
        try:
            not_future(reached_on, "reached_on", "达成日期")
        except ValidationFailed as exc:
            errors.update(exc.fields)
        if reached_on < dispute.registered_on:
            errors["reached_on"] = "达成日期不能早于登记日期"
        if performance_deadline and performance_deadline < reached_on:
            errors["performance_deadline"] = "履行期限不能早于协议达成日期"
        if form == AgreementForm.WRITTEN:
            missing = missing_article_29(values)
            if missing:
                names = "、".join(label for _, label in missing)
                message = f"调解协议书缺少{rules.AGREEMENT_BASIS}规定的内容：{names}"
                raise ValidationFailed(message, fields={f: f"缺少“{label}”" for f, label in missing} | errors)
        elif not content.strip():
            errors["content"] = f"口头协议须记录协议内容（{rules.ORAL_BASIS}）"
        cleaned_terms, term_errors = _terms(dispute, terms, reached_on)
        errors.update(term_errors)
        collect(errors)
        if not cleaned_terms:
            due = performance_deadline or reached_on
            cleaned_terms = [
                {
                    "content": content.strip()[:300],
                    "method": performance_method.strip()[:100],
                    "due_on": due,
                    "obligor_id": None,
                }
            ]
        org = dispute.org
        agreement = Agreement(
            dispute=dispute,
            form=form,
            scope=scope,
            parties_info=parties_info.strip(),
            facts=facts.strip(),
            disputed_points=disputed_points.strip(),
            responsibilities=responsibilities.strip(),
            content=content.strip(),
            performance_method=performance_method.strip()[:200],
            performance_deadline=performance_deadline or max(t["due_on"] for t in cleaned_terms),
            reached_on=reached_on,
            concerns_status_relation=concerns_status_relation,
            copies=copies or dispute.parties.count() + 1,
            created_by=actor,
        )
        if form == AgreementForm.WRITTEN:
            prefix = org.doc_prefix if org and org.doc_prefix else "调"
            number = next_number(f"agreement:{org.pk if org else 0}", reached_on.year)
            agreement.number = f"（{reached_on.year}）{prefix}字第{number}号"
        agreement.save()
        for seq, term in enumerate(cleaned_terms, start=1):
            AgreementTerm.objects.create(agreement=agreement, seq=seq, **term)
        event_record(
            dispute,
            "disputes.agree",
            actor=actor,
            label="登记调解协议",
            note=f"{AgreementForm(form).label}（{AgreementScope(scope).label}）{agreement.number}",
            data={"agreement": agreement.pk},
        )
        if form == AgreementForm.ORAL:
            _take_effect(agreement, dispute, actor, reached_on)
    return agreement


def _take_effect(agreement: Agreement, dispute: Dispute, actor: Any, on: date) -> None:
    """The agreement takes effect on `on`; a full one concludes the mediation. The 司法确认 window
    opens for a written agreement that does not confirm a status relationship (2011 规定 Art. 4)."""
    AGREEMENT.check(agreement, "take_effect", actor)
    agreement.status, agreement.effective_on = AgreementStatus.EFFECTIVE, on
    if agreement.form == AgreementForm.WRITTEN and not agreement.concerns_status_relation:
        due, due_note = due_date(rules.JUDICIAL_CONFIRMATION, on)
        agreement.jc_status, agreement.jc_due = ConfirmationStatus.OPEN, due
        agreement.jc_rule, agreement.jc_note = rules.JUDICIAL_CONFIRMATION.code, due_note
        agreement.jc_court = rules.local("COURT")
    else:
        agreement.jc_status = ConfirmationStatus.NOT_APPLICABLE
    agreement.save()
    event_record(
        agreement,
        "disputes.agreement_effective",
        actor=actor,
        label="协议生效",
        to_status=AgreementStatus.EFFECTIVE,
        note=f"{on:%Y-%m-%d}生效"
        + (f"；司法确认申请期限至{agreement.jc_due:%Y-%m-%d}" if agreement.jc_due else ""),
    )
    if agreement.scope == AgreementScope.FULL:
        dispute.outcome, dispute.concluded_on = Outcome.AGREEMENT, on
        _move(
            dispute,
            "conclude",
            actor,
            note=f"调解协议{agreement.number}生效" if agreement.number else "口头调解协议生效",
        )
    else:
        event_record(
            dispute,
            "disputes.partial_agreement",
            actor=actor,
            label="部分事项达成协议",
            note=rules.PARTIAL_BASIS,
        )


def agreement_sign(
    *,
    actor: Any,
    agreement_id: int,
    signed_on: date,
    party_id: int | None = None,
    method: str = SignMethod.SIGNATURE,
    mediator_id: int | None = None,
    sealed: bool = False,
) -> Agreement:
    """Record one signature on a written agreement: a party's (签名、盖章或按指印), or the mediator's with
    the organisation's seal. When the last one is in, the agreement takes effect that day (Art. 29)."""
    with transaction.atomic():
        agreement, dispute = agreement_lock(actor=actor, agreement_id=agreement_id)
        AGREEMENT.check(agreement, "sign", actor)
        if agreement.form != AgreementForm.WRITTEN:
            raise ValidationFailed.field("form", "口头协议无需签署")
        not_future(signed_on, "signed_on", "签署日期")
        if signed_on < agreement.reached_on:
            raise ValidationFailed.field("signed_on", "签署日期不能早于协议达成日期")
        if party_id is not None:
            party = Party.objects.filter(dispute=dispute, pk=party_id).first()
            if party is None:
                raise ValidationFailed.field("party_id", "当事人不存在")
            if method not in SignMethod.values:
                raise ValidationFailed.field("method", "签署方式须为签名、盖章或按指印")
            AgreementSignature.objects.update_or_create(
                agreement=agreement, party=party, defaults={"signed_on": signed_on, "method": method}
            )
            who = f"当事人{party.name}（{SignMethod(method).label}）"
        else:
            assigned = set(dispute.mediator_links.values_list("mediator_id", flat=True))
            mediator = Mediator.objects.filter(pk=mediator_id).first() if mediator_id else None
            if mediator is None or mediator.pk not in assigned:
                raise ValidationFailed.field("mediator_id", "签名的调解员须为本案指派的调解员")
            if dispute.org and dispute.org.is_committee and not sealed:
                raise ValidationFailed.field(
                    "sealed", f"调解协议书须加盖人民调解委员会印章（{rules.AGREEMENT_BASIS}）"
                )
            agreement.mediator, agreement.mediator_signed_on, agreement.sealed = mediator, signed_on, sealed
            agreement.save(update_fields=["mediator", "mediator_signed_on", "sealed"])
            who = f"调解员{mediator.name}" + ("并加盖印章" if sealed else "")
        event_record(
            agreement,
            "disputes.agreement_sign",
            actor=actor,
            label="签署",
            note=f"{who}，{signed_on:%Y-%m-%d}",
        )
        _effective_if_complete(agreement, dispute, actor)
    return agreement


def _effective_if_complete(agreement: Agreement, dispute: Dispute, actor: Any) -> None:
    parties = set(dispute.parties.values_list("pk", flat=True))
    signatures = dict(agreement.signatures.values_list("party_id", "signed_on"))
    if agreement.mediator_signed_on is None or not parties or parties - set(signatures):
        return
    last = max([agreement.mediator_signed_on, *signatures.values()])
    _take_effect(agreement, dispute, actor, last)


def agreement_void(*, actor: Any, agreement_id: int, reason: str) -> Agreement:
    """Withdraw a draft that will not be signed (e.g. a party changed their mind before signing)."""
    with transaction.atomic():
        agreement, _ = agreement_lock(actor=actor, agreement_id=agreement_id)
        AGREEMENT.check(agreement, "void", actor)
        if not reason.strip():
            raise ValidationFailed.field("reason", "请说明作废原因")
        agreement.status = AgreementStatus.VOID
        agreement.save(update_fields=["status"])
        event_record(
            agreement, "disputes.agreement_void", actor=actor, label="协议作废", note=reason.strip()[:300]
        )
    return agreement


# From which jc status each recorded status may follow.
JC_STEPS: dict[str, set[str]] = {
    ConfirmationStatus.APPLIED: {ConfirmationStatus.OPEN},
    ConfirmationStatus.DECLINED: {ConfirmationStatus.OPEN},
    ConfirmationStatus.LAPSED: {ConfirmationStatus.OPEN},
    ConfirmationStatus.CONFIRMED: {ConfirmationStatus.APPLIED},
    ConfirmationStatus.REJECTED: {ConfirmationStatus.APPLIED},
    ConfirmationStatus.WITHDRAWN: {ConfirmationStatus.APPLIED},
}


def agreement_materials_set(*, actor: Any, agreement_id: int, materials: Sequence[str]) -> Agreement:
    """Tick the materials prepared for the court (2011 规定 Art. 3)."""
    known = {code for code, _ in rules.JC_MATERIALS}
    with transaction.atomic():
        agreement, _ = agreement_lock(actor=actor, agreement_id=agreement_id)
        AGREEMENT.check(agreement, "confirmation", actor)
        if agreement.jc_status != ConfirmationStatus.OPEN:
            raise ValidationFailed.field("materials", "只有在可申请司法确认期间才需准备申请材料")
        unknown = set(materials) - known
        if unknown:
            raise ValidationFailed.field("materials", "未知的申请材料")
        agreement.jc_materials = [code for code, _ in rules.JC_MATERIALS if code in set(materials)]
        agreement.save(update_fields=["jc_materials"])
        event_record(
            agreement,
            "disputes.jc_materials",
            actor=actor,
            label="准备司法确认材料",
            data={"materials": agreement.jc_materials},
        )
    return agreement


def agreement_confirmation_record(
    *,
    actor: Any,
    agreement_id: int,
    status: str,
    on: date | None = None,
    court: str = "",
    case_number: str = "",
    note: str = "",
) -> Agreement:
    """Record the 司法确认 path: applied (within the window, materials ready), the court's decision,
    withdrawal, or that the parties decided not to apply / let the window pass."""
    on = on or today()
    with transaction.atomic():
        agreement, _ = agreement_lock(actor=actor, agreement_id=agreement_id)
        AGREEMENT.check(agreement, "confirmation", actor)
        if status not in JC_STEPS:
            raise ValidationFailed.field("status", "请选择司法确认进展")
        if agreement.jc_status not in JC_STEPS[status]:
            current = ConfirmationStatus(agreement.jc_status).label
            raise ValidationFailed.field(
                "status", f"司法确认当前为“{current}”，不能记录为“{ConfirmationStatus(status).label}”"
            )
        not_future(on, "on", "日期")
        if agreement.effective_on and on < agreement.effective_on:
            raise ValidationFailed.field("on", "日期不能早于协议生效日期")
        if status == ConfirmationStatus.APPLIED:
            if agreement.jc_due and on > agreement.jc_due:
                raise ValidationFailed.field(
                    "on",
                    f"申请日期晚于司法确认申请期限{agreement.jc_due:%Y-%m-%d}（{rules.JUDICIAL_CONFIRMATION.basis}）",
                )
            missing = [
                label
                for code, label in rules.JC_MATERIALS
                if code in JC_REQUIRED and code not in agreement.jc_materials
            ]
            if missing:
                raise ValidationFailed.field(
                    "materials", f"申请材料未备齐：{'；'.join(missing)}（{rules.JC_MATERIALS_BASIS}）"
                )
            agreement.jc_applied_on = on
            agreement.jc_court = (court or agreement.jc_court or rules.local("COURT")).strip()[:100]
        elif status == ConfirmationStatus.LAPSED:
            if agreement.jc_due and on <= agreement.jc_due:
                raise ValidationFailed.field("status", f"申请期限{agreement.jc_due:%Y-%m-%d}尚未届满")
        elif status in (ConfirmationStatus.CONFIRMED, ConfirmationStatus.REJECTED):
            if agreement.jc_applied_on and on < agreement.jc_applied_on:
                raise ValidationFailed.field("on", "决定日期不能早于申请日期")
            agreement.jc_decided_on = on
            agreement.jc_case_number = case_number.strip()[:60] or agreement.jc_case_number
        if status == ConfirmationStatus.REJECTED and not note.strip():
            raise ValidationFailed.field("note", "请记录法院不予确认的理由")
        before = agreement.jc_status
        agreement.jc_status = status
        agreement.jc_note = note.strip()[:200]
        agreement.save()
        event_record(
            agreement,
            "disputes.jc_record",
            actor=actor,
            label="司法确认",
            from_status=before,
            to_status=status,
            note=f"{ConfirmationStatus(status).label}（{on:%Y-%m-%d}）"
            + (f"：{note.strip()}" if note.strip() else ""),
        )
    return agreement


def term_follow_up(
    *, actor: Any, term_id: int, result: str, checked_on: date | None = None, note: str = ""
) -> AgreementTerm:
    """Record a follow-up on one agreed term (回访、督促履行, 人民调解法 Art. 31)."""
    checked_on = checked_on or today()
    if result not in TermStatus.values or result == TermStatus.PENDING:
        raise ValidationFailed.field("result", "请选择履行情况：已履行、部分履行或未履行")
    with transaction.atomic():
        agreement_id = AgreementTerm.objects.filter(pk=term_id).values_list("agreement_id", flat=True).first()
        if agreement_id is None:
            raise NotFound("协议履行事项不存在")
        agreement, _ = agreement_lock(actor=actor, agreement_id=agreement_id)
        AGREEMENT.check(agreement, "follow_up", actor)
        not_future(checked_on, "checked_on", "回访日期")
        term = AgreementTerm.objects.select_for_update().get(pk=term_id)
        PerformanceCheck.objects.create(
            term=term, checked_on=checked_on, result=result, note=note.strip()[:300], by=actor
        )
        term.status = result
        term.performed_on = checked_on if result == TermStatus.PERFORMED else None
        term.save(update_fields=["status", "performed_on"])
        event_record(
            agreement,
            "disputes.follow_up",
            actor=actor,
            label="履行回访",
            note=f"第{term.seq}项：{TermStatus(result).label}"
            + (f"，{note.strip()}" if note.strip() else ""),
        )
    return term
