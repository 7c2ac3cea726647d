"""The mediation: assignment to an organisation and mediators, the parties' consent, sessions, and the
ways it ends without an agreement (termination, refusal, settlement) or after one (closing)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, time
from typing import Any

from django.db import transaction

from fazhi.core.attachments import attachment_add
from fazhi.core.errors import ValidationFailed, collect
from fazhi.core.timeline import event_record
from fazhi.disputes import rules
from fazhi.disputes.models import (
    AgreementTerm,
    Dispute,
    DisputeMediator,
    MediationSession,
    Mediator,
    Party,
    Termination,
)
from fazhi.disputes.models.choices import (
    AgreementStatus,
    Consent,
    Outcome,
    Route,
    TerminationKind,
    TermStatus,
)
from fazhi.disputes.selectors.disputes import dispute_lock
from fazhi.disputes.selectors.orgs import org_list_for
from fazhi.disputes.services.common import not_future, text_required, today
from fazhi.disputes.workflow import DISPUTE, Status
from fazhi.org import services as org_services


def _move(
    dispute: Dispute, action: str, actor: Any, *, note: str = "", data: dict[str, Any] | None = None
) -> None:
    """Check `action`, set its target status, save and record it on the timeline."""
    transition = DISPUTE.check(dispute, action, actor)
    before = dispute.status
    if transition.target is not None:
        dispute.status = transition.target
    dispute.save()
    event_record(
        dispute,
        f"disputes.{action}",
        actor=actor,
        label=transition.label,
        from_status=before,
        to_status=dispute.status if transition.target else "",
        note=note,
        data=data,
    )


def _grant_mediators(actor: Any, dispute: Dispute, mediators: Iterable[Mediator]) -> None:
    for mediator in mediators:
        if mediator.user is not None:
            org_services.assignment_grant(actor=actor, obj=dispute, user=mediator.user, kind="mediator")


def _maybe_start(dispute: Dispute, actor: Any, on: date) -> None:
    """Mediation starts once it is assigned and every party has agreed to it (人民调解法 Art. 17)."""
    if dispute.status != Status.ASSIGNED:
        return
    parties = list(dispute.parties.all())
    if parties and all(p.consent == Consent.AGREED for p in parties):
        dispute.mediation_started_on = dispute.mediation_started_on or on
        _move(dispute, "start", actor, note="各方当事人同意调解")


def _org_and_mediators(actor: Any, org_id: int, mediator_ids: Sequence[int]) -> tuple[Any, list[Mediator]]:
    org = org_list_for(actor=actor, active_only=True).filter(pk=org_id).first()
    errors: dict[str, str] = {}
    if org is None:
        errors["org_id"] = "调解组织不存在、已停用或不在本人可见范围内"
    mediators = list(
        Mediator.objects.filter(pk__in=list(mediator_ids), is_active=True).select_related("user")
    )
    if not mediator_ids:
        errors["mediator_ids"] = f"请指定至少一名调解员（{rules.CHOICE_BASIS}）"
    elif org is not None and (
        len(mediators) != len(set(mediator_ids)) or any(m.org_id != org.pk for m in mediators)
    ):
        errors["mediator_ids"] = "调解员须为该调解组织的在任调解员"
    collect(errors)
    return org, mediators


def dispute_assign(
    *,
    actor: Any,
    dispute_id: int,
    org_id: int,
    mediator_ids: Sequence[int],
    chosen_by_parties: bool = False,
    on: date | None = None,
    note: str = "",
) -> Dispute:
    """Assign the dispute to an organisation and one or more of its mediators — appointed by the
    committee or chosen by the parties (人民调解法 Art. 19). Mediators with accounts are granted
    sight of the case. Reassigning later replaces the mediators and withdraws the others' grants."""
    on = on or today()
    with transaction.atomic():
        dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
        action = "assign" if dispute.status == Status.REGISTERED else "reassign"
        DISPUTE.check(dispute, action, actor)
        not_future(on, "on", "指派日期")
        if on < dispute.registered_on:
            raise ValidationFailed.field("on", "指派日期不能早于登记日期")
        if dispute.parties.count() < 2:
            raise ValidationFailed.field("parties", "调解须有双方当事人：请先补充当事人")
        org, mediators = _org_and_mediators(actor, org_id, mediator_ids)
        keep = {m.pk for m in mediators}
        for link in dispute.mediator_links.select_related("mediator__user").exclude(mediator_id__in=keep):
            if link.mediator.user is not None:
                org_services.assignment_revoke(
                    actor=actor, obj=dispute, user=link.mediator.user, kind="mediator"
                )
            link.delete()
        existing = set(dispute.mediator_links.values_list("mediator_id", flat=True))
        for mediator in mediators:
            if mediator.pk not in existing:
                DisputeMediator.objects.create(
                    dispute=dispute, mediator=mediator, chosen_by_parties=chosen_by_parties, assigned_on=on
                )
        _grant_mediators(actor, dispute, mediators)
        dispute.org = org
        how = "当事人选择" if chosen_by_parties else "调解组织指定"
        _move(
            dispute,
            action,
            actor,
            note=f"{org.name}；调解员：{'、'.join(m.name for m in mediators)}（{how}）"
            + (f"；{note}" if note else ""),
            data={"org": org.pk, "mediators": sorted(keep), "chosen_by_parties": chosen_by_parties},
        )
        _maybe_start(dispute, actor, on)
    return dispute


def party_consent(
    *, actor: Any, dispute_id: int, party_id: int, consent: str, on: date | None = None, note: str = ""
) -> Dispute:
    """Record a party's will: agreeing, or clearly refusing — which ends the mediation (Art. 17, 23)."""
    on = on or today()
    if consent not in (Consent.AGREED, Consent.REFUSED):
        raise ValidationFailed.field("consent", "请选择同意调解或明确拒绝调解")
    with transaction.atomic():
        dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
        DISPUTE.check(dispute, "consent", actor)
        not_future(on, "on", "确认日期")
        party = Party.objects.filter(dispute=dispute, pk=party_id).first()
        if party is None:
            raise ValidationFailed.field("party_id", "当事人不存在")
        if consent == Consent.REFUSED and not note.strip():
            raise ValidationFailed.field(
                "note", "当事人拒绝调解的，请记录其表示（如“明确表示不同意调解，要求诉讼”）"
            )
        party.consent, party.consent_on, party.consent_note = consent, on, note.strip()[:200]
        party.save(update_fields=["consent", "consent_on", "consent_note"])
        event_record(
            dispute,
            "disputes.consent",
            actor=actor,
            label="记录调解意愿",
            note=f"{party.name}：{Consent(consent).label}" + (f"（{note.strip()}）" if note.strip() else ""),
        )
        if consent == Consent.REFUSED:
            _end_by_refusal(dispute, actor, party, on)
        else:
            _maybe_start(dispute, actor, on)
    return dispute


def _routes_default(dispute: Dispute) -> list[str]:
    if dispute.category.labour:
        return [Route.LABOUR_ARBITRATION, Route.COURT]
    return [Route.COURT]


def _void_drafts(dispute: Dispute, actor: Any, reason: str) -> None:
    for agreement in dispute.agreements.filter(status=AgreementStatus.DRAFT):
        agreement.status = AgreementStatus.VOID
        agreement.save(update_fields=["status"])
        event_record(agreement, "disputes.agreement_void", actor=actor, label="协议作废", note=reason)


def _end_by_refusal(dispute: Dispute, actor: Any, party: Party, on: date) -> None:
    _void_drafts(dispute, actor, "当事人拒绝调解")
    Termination.objects.create(
        dispute=dispute,
        kind=TerminationKind.REFUSED,
        reason=f"当事人{party.name}明确拒绝调解，依照{rules.VOLUNTARY_BASIS}不得调解",
        started_on=dispute.mediation_started_on,
        ended_on=on,
        routes=_routes_default(dispute),
        created_by=actor,
    )
    dispute.outcome, dispute.concluded_on = Outcome.REFUSED, on
    _move(dispute, "refuse", actor, note=f"{party.name}明确拒绝调解（{rules.VOLUNTARY_BASIS}）")


def session_record(
    *,
    actor: Any,
    dispute_id: int,
    held_on: date,
    place: str,
    mediator_ids: Sequence[int],
    record: str,
    invitees: Sequence[Mapping[str, str]] = (),
    invitees_consented: bool = False,
    start_time: time | None = None,
    end_time: time | None = None,
    files: Sequence[tuple[str, bytes]] = (),
) -> MediationSession:
    """Record one mediation sitting with its mediators, invited people (Art. 20: only with the
    parties' consent), the record itself and its attachments (Art. 27: kept in the case archive)."""
    with transaction.atomic():
        dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
        DISPUTE.check(dispute, "session", actor)
        errors: dict[str, str] = {}
        try:
            not_future(held_on, "held_on", "调解日期")
        except ValidationFailed as exc:
            errors.update(exc.fields)
        if held_on and held_on < dispute.registered_on:
            errors["held_on"] = "调解日期不能早于登记日期"
        if not (place or "").strip():
            errors["place"] = "调解地点不能为空"
        if not (record or "").strip():
            errors["record"] = "调解情况记录不能为空"
        assigned = set(dispute.mediator_links.values_list("mediator_id", flat=True))
        if not mediator_ids:
            errors["mediator_ids"] = "请选择参加调解的调解员"
        elif not set(mediator_ids) <= assigned:
            errors["mediator_ids"] = "参加调解的调解员须为本案指派的调解员；其他调解员请先调整指派"
        cleaned = []
        for i, person in enumerate(invitees):
            name, relation = (person.get("name") or "").strip(), (person.get("relation") or "").strip()
            if name or relation:
                if not name:
                    errors[f"invitees.{i}.name"] = "受邀人员姓名不能为空"
                cleaned.append({"name": name[:60], "relation": relation[:60]})
        if cleaned and not invitees_consented:
            errors["invitees_consented"] = (
                f"邀请当事人以外人员参与调解，须征得当事人同意（{rules.INVITE_BASIS}）"
            )
        if start_time and end_time and end_time < start_time:
            errors["end_time"] = "结束时间不能早于开始时间"
        collect(errors)
        session = MediationSession.objects.create(
            dispute=dispute,
            seq=dispute.sessions.count() + 1,
            held_on=held_on,
            start_time=start_time,
            end_time=end_time,
            place=place.strip()[:200],
            invitees=cleaned,
            invitees_consented=invitees_consented,
            record=record.strip(),
            created_by=actor,
        )
        session.mediators.set(list(mediator_ids))
        for name, content in files:
            attachment_add(actor=actor, obj=session, name=name, content=content, kind="session")
        if dispute.mediation_started_on is None:
            dispute.mediation_started_on = held_on
        _move(dispute, "session", actor, note=f"第{session.seq}次调解（{held_on:%Y-%m-%d}，{session.place}）")
    return session


def dispute_terminate(
    *,
    actor: Any,
    dispute_id: int,
    reason: str,
    ended_on: date | None = None,
    undisputed_facts: str = "",
    facts_confirmed: bool = False,
    routes: Sequence[str] = (),
) -> Termination:
    """End a mediation that failed (调解不成, 人民调解法 Art. 26): the reason, the start and end dates and
    any undisputed facts (鲁多元 Art. 24), and the routes the parties are told of (at least one)."""
    ended_on = ended_on or today()
    with transaction.atomic():
        dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
        DISPUTE.check(dispute, "terminate", actor)
        errors: dict[str, str] = {}
        try:
            reason = text_required(reason, "reason", "调解不成的原因", 2000)
        except ValidationFailed as exc:
            errors.update(exc.fields)
        try:
            not_future(ended_on, "ended_on", "终止日期")
        except ValidationFailed as exc:
            errors.update(exc.fields)
        routes = list(dict.fromkeys(routes)) or _routes_default(dispute)
        bad = [r for r in routes if r not in Route.values]
        if bad:
            errors["routes"] = "其他途径须从仲裁、行政、诉讼中选择"
        if facts_confirmed and not undisputed_facts.strip():
            errors["undisputed_facts"] = "请填写经双方确认的无争议事实"
        started = dispute.mediation_started_on or dispute.registered_on
        if ended_on < started:
            errors["ended_on"] = "终止日期不能早于调解开始日期"
        collect(errors)
        _void_drafts(dispute, actor, "调解终止")
        termination = Termination.objects.create(
            dispute=dispute,
            kind=TerminationKind.FAILED,
            reason=reason,
            undisputed_facts=undisputed_facts.strip(),
            facts_confirmed=facts_confirmed,
            started_on=started,
            ended_on=ended_on,
            routes=routes,
            created_by=actor,
        )
        dispute.outcome, dispute.concluded_on = Outcome.FAILED, ended_on
        partial = dispute.agreements.filter(status=AgreementStatus.EFFECTIVE).exists()
        _move(
            dispute,
            "terminate",
            actor,
            note=reason[:300] + ("（已就部分事项达成协议）" if partial else ""),
            data={"routes": routes},
        )
    return termination


def dispute_settle(*, actor: Any, dispute_id: int, note: str, on: date | None = None) -> Dispute:
    """Close an open dispute the parties settled themselves, or that was resolved without a formal
    agreement (和解、当场化解)."""
    on = on or today()
    with transaction.atomic():
        dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
        DISPUTE.check(dispute, "settle", actor)
        note = text_required(note, "note", "化解情况", 1000)
        not_future(on, "on", "化解日期")
        if on < dispute.registered_on:
            raise ValidationFailed.field("on", "化解日期不能早于登记日期")
        _void_drafts(dispute, actor, "自行和解")
        dispute.outcome, dispute.concluded_on = Outcome.SETTLED, on
        _move(dispute, "settle", actor, note=note)
    return dispute


def dispute_close(*, actor: Any, dispute_id: int, note: str = "") -> Dispute:
    """Close an agreed dispute once every agreed term is performed or its breach is recorded (Art. 31)."""
    with transaction.atomic():
        dispute = dispute_lock(actor=actor, dispute_id=dispute_id)
        DISPUTE.check(dispute, "close", actor)
        open_terms = AgreementTerm.objects.filter(
            agreement__dispute=dispute,
            agreement__status=AgreementStatus.EFFECTIVE,
            status__in=(TermStatus.PENDING, TermStatus.PARTIAL),
        ).count()
        if open_terms:
            raise ValidationFailed.field(
                "terms",
                f"尚有{open_terms}项协议内容未履行完毕，请先回访记录履行情况（{rules.PERFORMANCE_BASIS}）",
            )
        _move(dispute, "close", actor, note=note.strip() or "协议履行完毕")
    return dispute
