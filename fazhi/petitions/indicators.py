"""信访 indicators by unit and period (as the national petition system reports them): received,
timely acceptance rate, on-time conclusion rate, satisfaction rate, average handling days, repeat
petitions, 复查 and 复核 counts. Each figure links to the scoped list filtered to exactly the records
it counts (`?indicator=<code>&unit=&from=&to=`, answered by `indicator_queryset`), gives their count
and loads their ids only when a report version asks.

Periods are over stored local dates: `received_on` for matters, `requested_on` for 复查/复核. The
counts that do not depend on today come from the pre-aggregated "petitions.received" buckets when the
actor sees the unit's whole subtree; the two that do (matters still waiting past the 15 days to route,
claims past their 60 days unconcluded) are counted live over the open matters only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.utils import timezone

from fazhi.core import buckets
from fazhi.core.idlist import in_values
from fazhi.core.indicators import Figure, Period, id_loader
from fazhi.org.scope import covers_subtree, has_perm, within_q
from fazhi.petitions.models import Category, Petition, Review, Satisfaction, Status
from fazhi.petitions.selectors import petition_list_for
from fazhi.petitions.workflow import VIEW

AREA = "信访"
RECEIVED = "petitions.received"
_CLAIM_CLOCK = Q(category=Category.CLAIM, accepted_on__isnull=False, handling_due__isnull=False)
_HANDLED = Q(accepted_on__isnull=False, concluded_on__isnull=False)


def register_measures() -> None:
    """By received_on: every count the figures need that does not depend on today."""
    buckets.register(
        buckets.Measure(
            RECEIVED,
            Petition,
            "received_on",
            {
                "n": Count("pk"),
                "routed": Count("pk", filter=Q(routed_on__isnull=False)),
                "routed_timely": Count(
                    "pk", filter=Q(routed_on__isnull=False, routed_on__lte=F("route_due"))
                ),
                "claim_done": Count("pk", filter=_CLAIM_CLOCK & Q(concluded_on__isnull=False)),
                "claim_on_time": Count("pk", filter=_CLAIM_CLOCK & Q(concluded_on__lte=F("handling_due"))),
                "rated": Count("pk", filter=~Q(satisfaction="")),
                "pleased": Count(
                    "pk", filter=Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASIC])
                ),
                "handled": Count("pk", filter=_HANDLED),
                "handled_us": Sum(
                    ExpressionWrapper(F("concluded_on") - F("received_on"), output_field=DurationField()),
                    filter=_HANDLED,
                ),
                "repeat": Count("pk", filter=Q(repeat_of__isnull=False)),
            },
        )
    )


def _routed_or_due(qs: QuerySet[Petition], today: date) -> QuerySet[Petition]:
    # Matters whose routing is decided: routed, or still waiting past the 15 days (counted as late).
    return qs.filter(Q(routed_on__isnull=False) | Q(status=Status.REGISTERED, route_due__lt=today))


def _conclusion_due(qs: QuerySet[Petition], today: date) -> QuerySet[Petition]:
    # 申诉求决 items accepted here with a 60-day clock that has concluded or whose clock has run out.
    return qs.filter(category=Category.CLAIM, accepted_on__isnull=False, handling_due__isnull=False).filter(
        Q(concluded_on__isnull=False) | Q(handling_due__lt=today)
    )


def _reviews(level: str) -> Callable[[QuerySet[Petition], Period], QuerySet[Petition]]:
    def select(qs: QuerySet[Petition], period: Period) -> QuerySet[Petition]:
        ids = Review.objects.filter(level=level, requested_on__range=(period.start, period.end)).values(
            "petition_id"
        )
        return qs.filter(pk__in=ids)

    return select


# code → (label, unit, selection over the unit's petitions). A rate's selection is the set it is
# computed over (its denominator); `_numerators` says which of those count as success.
def _received(qs: QuerySet[Petition], period: Period) -> QuerySet[Petition]:
    return qs.filter(received_on__range=(period.start, period.end))


SELECTIONS: dict[str, tuple[str, Callable[[QuerySet[Petition], Period], QuerySet[Petition]]]] = {
    "received": ("受理登记信访事项", _received),
    "timely_acceptance": (
        "及时受理率（15日内转办）",
        lambda qs, p: _routed_or_due(_received(qs, p), min(timezone.localdate(), p.end)),
    ),
    "on_time_conclusion": (
        "按期办结率",
        lambda qs, p: _conclusion_due(_received(qs, p), min(timezone.localdate(), p.end)),
    ),
    "satisfaction": ("群众满意率", lambda qs, p: _received(qs, p).exclude(satisfaction="")),
    "handling_days": (
        "平均办理天数",
        lambda qs, p: _received(qs, p).filter(accepted_on__isnull=False, concluded_on__isnull=False),
    ),
    "repeat": ("重复信访件数", lambda qs, p: _received(qs, p).filter(repeat_of__isnull=False)),
    "reviews": ("复查件数", _reviews(Review.Level.REVIEW)),
    "re_reviews": ("复核件数", _reviews(Review.Level.RE_REVIEW)),
}


def indicator_queryset(*, actor: Any, code: str, unit: Any, period: Period) -> QuerySet[Petition]:
    """Exactly the records figure `code` counts, within the actor's scope (the drill-down list)."""
    qs = petition_list_for(actor=actor).filter(within_q(unit))
    if code not in SELECTIONS:
        return qs.none()
    return SELECTIONS[code][1](qs, period)


def _link(code: str, unit: Any, period: Period) -> str:
    query = {
        "indicator": code,
        "unit": unit.pk,
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
    }
    return "/petitions/?" + urlencode(query)


def _open_past_due(as_of: Any) -> QuerySet[Petition, int]:
    """The ids of matters with a handling clock, unconcluded, past their due date: the few that the
    partial index `petition_open_due` holds, read from it alone and handed on as values
    (core.idlist). ANDed into the year's received matters, SQLite (no statistics) walked every matter
    received in the year by date (163 ms at county scale, 0.5 ms from the index) — and with
    `concluded_on` indexed on its own, every open matter; as a subquery, PostgreSQL joined it to a scan
    of the year's claims (110 ms)."""
    return (
        Petition.objects.filter(concluded_on__isnull=True, handling_due__isnull=False, handling_due__lt=as_of)
        .order_by()
        .values_list("pk", flat=True)
    )  # unordered: the model's newest-first order walked the year


def _rate(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def petition_figures(*, actor: Any, unit: Any, period: Period) -> list[Figure]:
    """The 信访 figures for `unit` (and below) over `period`, as the actor may see them."""
    scoped = petition_list_for(actor=actor).filter(within_q(unit, by_ids=False))
    whole = has_perm(actor, VIEW) and covers_subtree(actor, unit)
    data = buckets.values(
        RECEIVED, qs=scoped, unit_id=unit.pk, start=period.start, end=period.end, whole=whole
    )
    as_of = min(timezone.localdate(), period.end)
    received = _received(scoped, period)
    # Today-dependent: only open matters (still registered / unconcluded) can be in these.
    late_to_route = received.filter(
        routed_on__isnull=True, status=Status.REGISTERED, route_due__lt=as_of
    ).count()
    # Unscoped ids, shown to no one: only those also in `received` (the actor's scope) are counted.
    past_due = in_values("pk", _open_past_due(as_of))
    late_claims = received.filter(_CLAIM_CLOCK, past_due).count() if past_due is not None else 0

    def figure(code: str, value: Any, unit_text: str, count: int, **extra: Any) -> Figure:
        def records() -> list[int]:
            return id_loader(indicator_queryset(actor=actor, code=code, unit=unit, period=period))()

        return Figure(
            code=f"petitions.{code}",
            label=SELECTIONS[code][0],
            value=value,
            unit=unit_text,
            period=period,
            unit_id=unit.pk,
            area=AREA,
            link=_link(code, unit, period),
            count=count,
            records=records,
            **extra,
        )

    n = data.get("n", 0)
    routed = data.get("routed", 0) + late_to_route
    due = data.get("claim_done", 0) + late_claims
    rated, handled = data.get("rated", 0), data.get("handled", 0)
    average = round(data.get("handled_us", 0) / handled / 86_400_000_000, 1) if handled else None
    figures = [
        figure("received", n, "件", n),
        figure("timely_acceptance", _rate(data.get("routed_timely", 0), routed), "%", routed, target=100.0),
        figure("on_time_conclusion", _rate(data.get("claim_on_time", 0), due), "%", due, target=100.0),
        figure("satisfaction", _rate(data.get("pleased", 0), rated), "%", rated, target=90.0),
        figure("handling_days", average, "天", handled, higher_is_better=False),
        figure("repeat", data.get("repeat", 0), "件", data.get("repeat", 0), higher_is_better=False),
    ]
    for code in ("reviews", "re_reviews"):
        # Matters with a 复查/复核 requested in the period (few): counted on the base tables.
        count = indicator_queryset(actor=actor, code=code, unit=unit, period=period).count()
        figures.append(figure(code, count, "件", count, higher_is_better=False))
    return figures
