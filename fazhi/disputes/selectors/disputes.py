"""Reads of disputes: the scoped list with its filters, one dispute, a person's disputes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from fazhi.core import crypto, search
from fazhi.core.errors import NotAllowed, NotFound
from fazhi.core.idlist import in_values
from fazhi.disputes import perms
from fazhi.disputes.models import Agreement, Dispute, DisputeCategory, Escalation, Party
from fazhi.disputes.models.choices import RESOLVED_OUTCOMES, AgreementStatus, ConfirmationStatus, Outcome
from fazhi.org.scope import has_perm, scope_q, within_unit_q


def require_view(actor: Any) -> None:
    if not has_perm(actor, perms.VIEW):
        raise NotAllowed("无权查看矛盾纠纷")


def _scoped(actor: Any) -> QuerySet[Dispute]:
    return Dispute.objects.filter(scope_q(actor, Dispute, unit_field="unit", owner_field="created_by"))


@dataclass
class DisputeFilters:
    """The list's filters; every field optional. Dates compare with the stored local dates."""

    q: str = ""
    status: str = ""
    category: str = ""  # DisputeCategory.code
    risk_level: str = ""
    source: str = ""
    outcome: str = ""
    unit_id: int | None = None  # this unit and below
    registered_from: date | None = None
    registered_to: date | None = None
    concluded_from: date | None = None
    concluded_to: date | None = None
    open_only: bool = False
    overdue_on: date | None = None  # open and past the mediation deadline on this day
    agreement_from: date | None = None  # an agreement took effect in this range
    agreement_to: date | None = None
    confirmed_from: date | None = None  # an agreement was judicially confirmed in this range
    confirmed_to: date | None = None
    escalated_from: date | None = None  # an escalation was recorded in this range
    escalated_to: date | None = None
    escalation: str = ""  # of this kind
    ids: list[int] | None = None

    def q_object(self) -> Q:
        q = Q()
        if self.q:
            q &= dispute_search_q(self.q)
        if self.status:
            q &= Q(status=self.status)
        if self.category:
            q &= Q(category__code=self.category)
        if self.risk_level:
            q &= Q(risk_level=self.risk_level)
        if self.source:
            q &= Q(source=self.source)
        if self.outcome == "resolved":
            q &= Q(outcome__in=RESOLVED_OUTCOMES)
        elif self.outcome == "mediated":
            q &= Q(outcome__in=(*RESOLVED_OUTCOMES, Outcome.FAILED))
        elif self.outcome:
            q &= Q(outcome=self.outcome)
        if self.registered_from:
            q &= Q(registered_on__gte=self.registered_from)
        if self.registered_to:
            q &= Q(registered_on__lte=self.registered_to)
        if self.concluded_from:
            q &= Q(concluded_on__gte=self.concluded_from)
        if self.concluded_to:
            q &= Q(concluded_on__lte=self.concluded_to)
        if self.open_only or self.overdue_on:
            from fazhi.disputes.workflow import OPEN

            q &= Q(status__in=OPEN)
        if self.overdue_on:
            q &= Q(due_on__lt=self.overdue_on)
        if self.agreement_from or self.agreement_to:
            agreements = Agreement.objects.filter(status=AgreementStatus.EFFECTIVE)
            if self.agreement_from:
                agreements = agreements.filter(effective_on__gte=self.agreement_from)
            if self.agreement_to:
                agreements = agreements.filter(effective_on__lte=self.agreement_to)
            q &= Q(pk__in=agreements.values("dispute_id"))
        if self.confirmed_from or self.confirmed_to:
            confirmed = Agreement.objects.filter(jc_status=ConfirmationStatus.CONFIRMED)
            if self.confirmed_from:
                confirmed = confirmed.filter(jc_decided_on__gte=self.confirmed_from)
            if self.confirmed_to:
                confirmed = confirmed.filter(jc_decided_on__lte=self.confirmed_to)
            q &= Q(pk__in=confirmed.values("dispute_id"))
        if self.escalated_from or self.escalated_to or self.escalation:
            escalations = Escalation.objects.all()
            if self.escalated_from:
                escalations = escalations.filter(on__gte=self.escalated_from)
            if self.escalated_to:
                escalations = escalations.filter(on__lte=self.escalated_to)
            if self.escalation:
                escalations = escalations.filter(kind=self.escalation)
            q &= Q(pk__in=escalations.values("dispute_id"))
        if self.ids is not None:
            q &= Q(pk__in=self.ids)
        return q


def dispute_search_q(q: str) -> Q:
    """The list search: the words of the case text (full-text index, fazhi.core.search), a party's
    exact name, or part of the number. No join, so no row is multiplied; the named disputes go in as
    ids (fazhi.core.idlist), so PostgreSQL can still use the text index."""
    q = q.strip()
    text = search.search_q(Dispute, q, fallback=Q(summary__icontains=q) | Q(claims__icontains=q))
    named = in_values("pk", Party.objects.filter(name=q).values_list("dispute_id", flat=True))
    cond = text | named if named is not None else text
    if search.may_be_number(q):
        cond |= Q(number__icontains=q)
    return cond


def dispute_list_for(*, actor: Any, filters: DisputeFilters | None = None) -> QuerySet[Dispute]:
    """Disputes the actor may see (unit scope, own records, participation), newest first.

    Raises NotAllowed without disputes.view. Parties are prefetched in their order.
    """
    require_view(actor)
    qs = _scoped(actor)
    if filters is not None:
        qs = qs.filter(filters.q_object())
        if filters.unit_id:
            qs = qs.filter(within_unit_q(filters.unit_id))
    return (
        qs.select_related("unit", "category", "org", "case_leader")
        .prefetch_related(Prefetch("parties", queryset=Party.objects.order_by("order", "id")))
        .order_by("-registered_on", "-id")
    )


def dispute_list_from(*, actor: Any, origin_type: str, origin_id: str) -> QuerySet[Dispute]:
    """Disputes converted from one record of another app (a petition, a grid event) that the actor may see."""
    if not has_perm(actor, perms.VIEW):
        return Dispute.objects.none()
    return (
        _scoped(actor)
        .filter(origin_type=origin_type, origin_id=str(origin_id))
        .order_by("registered_on", "id")
    )


def dispute_get_for(*, actor: Any, dispute_id: Any) -> Dispute:
    """One dispute in scope; missing and out of scope both raise NotFound."""
    if not has_perm(actor, perms.VIEW):
        raise NotFound("矛盾纠纷不存在或无权查看")
    try:
        pk = int(dispute_id)
    except (TypeError, ValueError):
        raise NotFound("矛盾纠纷不存在或无权查看") from None
    dispute = (
        _scoped(actor)
        .filter(pk=pk)
        .select_related("unit", "category", "org", "org__unit", "case_leader", "created_by")
        .first()
    )
    if dispute is None:
        raise NotFound("矛盾纠纷不存在或无权查看")
    return dispute


def dispute_lock(*, actor: Any, dispute_id: Any) -> Dispute:
    """The dispute row locked for update (SELECT … FOR UPDATE), fetched through the actor's scope."""
    if not has_perm(actor, perms.VIEW):
        raise NotFound("矛盾纠纷不存在或无权查看")
    try:
        pk = int(dispute_id)
    except (TypeError, ValueError):
        raise NotFound("矛盾纠纷不存在或无权查看") from None
    dispute = _scoped(actor).filter(pk=pk).select_for_update(of=("self",)).first()
    if dispute is None:
        raise NotFound("矛盾纠纷不存在或无权查看")
    return dispute


def dispute_list_for_person(*, actor: Any, id_index: str) -> QuerySet[Dispute]:
    """The disputes in which a person (by the blind index of their ID number) is a party — for the
    residents' one-person profile. Scoped like the list; empty for an empty index."""
    require_view(actor)
    if not id_index:
        return Dispute.objects.none()
    return dispute_list_for(actor=actor).filter(parties__id_index=id_index).distinct()


def dispute_list_for_id_number(*, actor: Any, id_number: str) -> QuerySet[Dispute]:
    """As dispute_list_for_person, from the plain number (hashed here, never stored or logged)."""
    return dispute_list_for_person(actor=actor, id_index=crypto.blind_index(id_number, purpose="id_number"))


def category_list(*, active_only: bool = True) -> QuerySet[DisputeCategory]:
    qs = DisputeCategory.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def category_get(*, code: str) -> DisputeCategory:
    category = DisputeCategory.objects.filter(code=code).first()
    if category is None:
        raise NotFound(f"纠纷类别“{code}”不存在")
    return category


def party_get_for(*, actor: Any, dispute: Dispute, party_id: Any) -> Party:
    """A party of a dispute already fetched in scope."""
    try:
        return dispute.parties.get(pk=int(party_id))
    except (Party.DoesNotExist, TypeError, ValueError):
        raise NotFound("当事人不存在") from None
