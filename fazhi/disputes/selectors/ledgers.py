"""Rows of the two ledgers for export: the scoped, filtered list, personal data masked."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Prefetch

from fazhi.core import crypto
from fazhi.core.errors import NotFound
from fazhi.core.ledgers import export_xlsx, template_xlsx
from fazhi.disputes.models import Agreement, DisputeMediator, Party
from fazhi.disputes.models.choices import AgreementStatus, PartyRole, TermStatus
from fazhi.disputes.selectors.disputes import DisputeFilters, dispute_list_for


def _parties(d: Any) -> tuple[Party | None, Party | None]:
    parties = list(d.parties.all())
    applicant = next((p for p in parties if p.role == PartyRole.APPLICANT), parties[0] if parties else None)
    respondent = next((p for p in parties if p.role == PartyRole.RESPONDENT and p is not applicant), None)
    if respondent is None:
        respondent = next((p for p in parties if p is not applicant), None)
    return applicant, respondent


def disputes_rows(*, actor: Any, filters: DisputeFilters | None = None) -> Iterator[dict[str, Any]]:
    """矛盾纠纷排查化解台账 rows (keys of ledgers.DISPUTES) in list order; ID numbers and phones masked."""
    qs = dispute_list_for(actor=actor, filters=filters)
    for d in qs.iterator(chunk_size=500):
        applicant, respondent = _parties(d)
        yield {
            "number": d.number,
            "registered_on": d.registered_on,
            "unit_code": d.unit.code,
            "category": d.category.name,
            "source": d.source,
            "summary": d.summary,
            "place": d.place,
            "people_involved": d.people_involved,
            "amount": d.amount,
            "applicant": applicant.name if applicant else "",
            "applicant_id": crypto.mask_id_number(applicant.id_number) if applicant else "",
            "applicant_phone": crypto.mask_phone(applicant.phone) if applicant else "",
            "respondent": respondent.name if respondent else "",
            "respondent_id": crypto.mask_id_number(respondent.id_number) if respondent else "",
            "respondent_phone": crypto.mask_phone(respondent.phone) if respondent else "",
            "risk_level": d.risk_level,
            "status": d.status,
            "outcome": d.outcome,
            "concluded_on": d.concluded_on,
            "org": d.org.name if d.org else "",
        }


def mediations_rows(*, actor: Any, filters: DisputeFilters | None = None) -> Iterator[dict[str, Any]]:
    """人民调解台账 rows: the disputes of the list that an organisation mediated."""
    qs = (
        dispute_list_for(actor=actor, filters=filters)
        .filter(org__isnull=False)
        .annotate(session_count=Count("sessions", distinct=True))
        .prefetch_related(
            Prefetch(
                "mediator_links", queryset=DisputeMediator.objects.select_related("mediator").order_by("id")
            ),
            Prefetch(
                "agreements",
                queryset=Agreement.objects.filter(status=AgreementStatus.EFFECTIVE)
                .prefetch_related("terms")
                .order_by("effective_on", "id"),
            ),
            "sessions",
        )
    )
    for d in qs.iterator(chunk_size=500):
        agreements = list(d.agreements.all())
        agreement = agreements[-1] if agreements else None
        terms = [t for a in agreements for t in a.terms.all()]
        performance = ""
        if terms:
            states = {t.status for t in terms}
            performance = (
                TermStatus.PERFORMED
                if states == {TermStatus.PERFORMED}
                else (
                    TermStatus.BREACHED
                    if TermStatus.BREACHED in states
                    else TermStatus.PARTIAL
                    if TermStatus.PARTIAL in states or TermStatus.PERFORMED in states
                    else TermStatus.PENDING
                )
            )
        sessions = sorted(s.held_on for s in d.sessions.all())
        yield {
            "number": d.number,
            "registered_on": d.registered_on,
            "unit_code": d.unit.code,
            "org": d.org.name if d.org else "",
            "mediators": "、".join(link.mediator.name for link in d.mediator_links.all()),
            "category": d.category.name,
            "parties": "、".join(p.name for p in d.parties.all()),
            "summary": d.summary,
            "first_session_on": sessions[0] if sessions else d.mediation_started_on,
            "sessions": d.session_count,
            "result": d.outcome or "ongoing",
            "agreement_form": agreement.form if agreement else "",
            "agreement_number": agreement.number if agreement else "",
            "effective_on": agreement.effective_on if agreement else None,
            "jc_status": agreement.jc_status if agreement else "",
            "performance": performance,
            "concluded_on": d.concluded_on,
        }


ROWS = {"disputes": disputes_rows, "mediations": mediations_rows}


def ledger_get(name: str) -> Any:
    """The ledger declared under `name` ("disputes", "mediations"); NotFound otherwise."""
    from fazhi.disputes.ledgers import LEDGERS

    if name not in LEDGERS:
        raise NotFound("台账不存在")
    return LEDGERS[name]


def export_file(*, actor: Any, name: str, filters: DisputeFilters | None) -> tuple[bytes, str]:
    """The ledger of the actor's filtered list as .xlsx bytes and its file name."""
    ledger = ledger_get(name)
    buffer = io.BytesIO()
    export_xlsx(ledger, ROWS[name](actor=actor, filters=filters), buffer)
    return buffer.getvalue(), f"{ledger.name}.xlsx"


def template_file(name: str) -> tuple[bytes, str]:
    ledger = ledger_get(name)
    buffer = io.BytesIO()
    template_xlsx(ledger, buffer)
    return buffer.getvalue(), f"{ledger.name}-导入模板.xlsx"
