"""Every read of petitions, scoped to the actor: the unit the matter concerns (and below, as the
role's scope says), what the actor registered, and matters the actor is assigned to (包案 leader,
handlers — participation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from fazhi.core import crypto, search
from fazhi.core.errors import NotFound
from fazhi.core.idlist import in_values
from fazhi.core.timeline import timeline_for
from fazhi.org.scope import has_perm, scope_q, within_unit_q
from fazhi.petitions.models import (
    OPEN_STATUSES,
    Petition,
    Petitioner,
    Reception,
    Review,
    Status,
)
from fazhi.petitions.workflow import FLOW, VIEW


@dataclass
class PetitionFilters:
    q: str = ""
    status: str = ""
    channel: str = ""
    category: str = ""
    unit_id: int | None = None
    leader_id: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    overdue_on: date | None = None  # an open deadline passed before this day
    flag: str = ""  # repeat / group / skip_level
    ids: list[int] | None = None  # exactly these records (an indicator's drill-down)
    satisfaction: str = ""
    reception_id: int | None = None


def _visible(actor: Any) -> QuerySet[Petition]:
    if not has_perm(actor, VIEW):
        return Petition.objects.none()
    return Petition.objects.filter(scope_q(actor, Petition, unit_field="unit", owner_field="registered_by"))


def petition_list_for(
    *, actor: Any, filters: PetitionFilters | None = None, parts: bool = True
) -> QuerySet[Petition]:
    """Petitions the actor may see, newest received first; with `parts`, the petitioners, reviews and
    follow-ups prefetched (a page of rows: `parts=False`, then `with_list_parts` on the page)."""
    f = filters or PetitionFilters()
    qs = _visible(actor)
    if f.q:
        qs = qs.filter(petition_search_q(f.q))
    if f.status:
        qs = qs.filter(status__in=f.status.split(","))
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.unit_id:
        qs = qs.filter(within_unit_q(f.unit_id))
    if f.leader_id:
        qs = qs.filter(case_leader_id=f.leader_id)
    if f.received_from:
        qs = qs.filter(received_on__gte=f.received_from)
    if f.received_to:
        qs = qs.filter(received_on__lte=f.received_to)
    if f.overdue_on:
        qs = qs.filter(overdue_q(f.overdue_on))
    if f.flag == "repeat":
        qs = qs.filter(repeat_of__isnull=False)
    elif f.flag == "group":
        qs = qs.filter(is_group=True)
    elif f.flag == "skip_level":
        qs = qs.filter(skip_level=True)
    if f.ids is not None:
        qs = qs.filter(pk__in=f.ids)
    if f.satisfaction:
        qs = qs.filter(satisfaction=f.satisfaction)
    if f.reception_id:
        qs = qs.filter(reception_id=f.reception_id)
    qs = qs.select_related("unit", "case_leader")
    if not parts:
        return qs
    return qs.prefetch_related(PETITIONERS, REVIEWS, "follow_ups")


PETITIONERS = Prefetch("petitioners", queryset=Petitioner.objects.order_by("id"))
# A list row shows its petitioners' names only: their ID numbers, phones and addresses stay sealed.
PETITIONER_NAMES = Prefetch(
    "petitioners", queryset=Petitioner.objects.only("id", "petition_id", "name").order_by("id")
)
REVIEWS = Prefetch("reviews", queryset=Review.objects.order_by("id").prefetch_related("pauses"))
# Reviews exist only once a 复查 was requested: in the statuses reachable from that request.
MAY_HOLD_REVIEWS = FLOW.reachable_after("review_request")


def _no_reviews() -> QuerySet[Review]:
    """An evaluated empty queryset, as Django's own prefetch leaves one: iterating `none()` unevaluated
    still compiles its SQL (about 1 ms) before finding it needs none — once per list row."""
    empty = Review.objects.none()
    empty._result_cache = []
    empty._prefetch_done = True  # type: ignore[attr-defined]
    return empty


def with_list_parts(rows: list[Petition], *, petitioners: bool = True) -> list[Petition]:
    """Load what a list row shows besides the petition's own columns (`petition_list_for(parts=False)`
    rows): every row's petitioners' names; the reviews with their hearing pauses, and the follow-ups, only of
    rows that can have them — a matter holds reviews once one was requested and a follow-up once one
    is due. Most pages then need one query instead of four (bench/, list scenario)."""
    if petitioners:
        prefetch_related_objects(rows, PETITIONER_NAMES)
    with_reviews = [p for p in rows if p.status in MAY_HOLD_REVIEWS]
    if with_reviews:
        prefetch_related_objects(with_reviews, REVIEWS)
    for p in rows:
        if p.status not in MAY_HOLD_REVIEWS:  # known to have none: `p.reviews.all()` asks no query
            p.__dict__.setdefault("_prefetched_objects_cache", {})["reviews"] = _no_reviews()
    followed = [p for p in rows if p.follow_up_due]
    if followed:
        prefetch_related_objects(followed, "follow_ups")
    return rows


def petition_search_q(q: str) -> Q:
    """The list search: the words of the title and content (full-text index, fazhi.core.search), a
    petitioner's exact name, or part of the case number. No join, so no row is multiplied; the named
    petitions go in as ids (fazhi.core.idlist), so PostgreSQL can still use the text index."""
    q = q.strip()
    text = search.search_q(Petition, q, fallback=Q(title__icontains=q) | Q(content__icontains=q))
    named = in_values("pk", Petitioner.objects.filter(name=q).values_list("petition_id", flat=True))
    cond = text | named if named is not None else text
    if search.may_be_number(q):
        cond |= Q(case_number__icontains=q)
    return cond


def overdue_parts(today: date) -> list[Q]:
    """The ways a matter is overdue, one condition per deadline (信访工作条例 Art. 22–37, 鲁 Art. 43–46),
    each answerable by an index in received order: by status (`petition_status`), or the written
    notice still unsent (`petition_notice_pending`)."""
    return [
        Q(status=Status.REGISTERED, route_due__lt=today),
        Q(notice_required=True, notice_sent_on__isnull=True, notice_due__lt=today),
        Q(status=Status.ACCEPTED, handling_due__lt=today),
        Q(status=Status.ASSIGNED, feedback_due__lt=today),
        # The 复查/复核 parts start from the (few) reviews past their step, not from the matters: joined
        # from the matters, SQLite's planner could walk every matter in received order looking for them.
        Q(
            status__in=[Status.REVIEW_REQUESTED, Status.RE_REVIEW_REQUESTED],
            pk__in=Review.objects.filter(
                decision_due__lt=today, accepted_on__isnull=True, declined_on__isnull=True
            ).values("petition_id"),
        ),
        Q(
            status__in=[Status.REVIEWING, Status.RE_REVIEWING],
            pk__in=Review.objects.filter(due__lt=today, answered_on__isnull=True).values("petition_id"),
        ),
    ]


def overdue_q(today: date) -> Q:
    """Matters with a statutory deadline passed and the step not done: any of `overdue_parts`."""
    result = Q(pk__in=[])
    for part in overdue_parts(today):
        result |= part
    return result


def petition_get_for(*, actor: Any, petition_id: int) -> Petition:
    """One petition in scope, or NotFound (missing and out of scope look the same)."""
    petition = petition_list_for(actor=actor).filter(pk=petition_id).first()
    if petition is None:
        raise NotFound("信访事项不存在或无权查看")
    return petition


def petition_by_number_for(*, actor: Any, case_number: str) -> Petition:
    petition = petition_list_for(actor=actor).filter(case_number=case_number).first()
    if petition is None:
        raise NotFound("信访事项不存在或无权查看")
    return petition


def petition_list_for_person(*, actor: Any, id_index: str) -> QuerySet[Petition]:
    """Every petition the actor may see in which the person with this ID blind index took part
    (the one-person profile of a resident)."""
    if not id_index:
        return Petition.objects.none()
    ids = Petitioner.objects.filter(id_index=id_index).values("petition_id")
    return petition_list_for(actor=actor).filter(pk__in=ids)


def petition_timeline(petition: Petition) -> QuerySet[Any]:
    return timeline_for(petition)


def current_review(petition: Petition, level: str = "") -> Review | None:
    reviews = [r for r in petition.reviews.all() if not level or r.level == level]
    return reviews[-1] if reviews else None


def leader_board_for(*, actor: Any, leader: Any) -> QuerySet[Petition]:
    """The 包案 leader's own cases: every matter they lead, open ones and dissatisfied ones first."""
    return (
        petition_list_for(actor=actor)
        .filter(case_leader_id=leader.pk)
        .exclude(status__in=[Status.DECLINED, Status.REDIRECTED, Status.TRANSFERRED])
    )


def reception_list_for(*, actor: Any, year: int | None = None) -> QuerySet[Reception]:
    if not has_perm(actor, VIEW):
        return Reception.objects.none()
    qs = Reception.objects.filter(
        scope_q(actor, Reception, unit_field="unit", owner_field="created_by", participation=False)
        | Q(leader_id=actor.pk)
    )
    if year:
        qs = qs.filter(on__year=year)
    return qs.select_related("leader", "unit")


def reception_get_for(*, actor: Any, reception_id: int) -> Reception:
    reception = reception_list_for(actor=actor).filter(pk=reception_id).first()
    if reception is None:
        raise NotFound("接访记录不存在或无权查看")
    return reception


def masked_petitioner(p: Petitioner) -> dict[str, Any]:
    return {
        "id": p.pk,
        "role": p.role,
        "role_label": p.get_role_display(),
        "name": p.name,
        "id_number": crypto.mask_id_number(p.id_number or ""),
        "phone": crypto.mask_phone(p.phone or ""),
        "address": (p.address[:3] + "****") if p.address else "",
    }


def open_statuses() -> tuple[str, ...]:
    return tuple(OPEN_STATUSES)


def reception_petition_counts(*, actor: Any, reception_ids: list[int]) -> dict[int, int]:
    """How many visible petitions each reception day registered (one query)."""
    from django.db.models import Count

    rows = (
        _visible(actor)
        .filter(reception_id__in=reception_ids)
        .values("reception_id")
        .annotate(n=Count("pk"))
        .values_list("reception_id", "n")
    )
    return dict(rows)
