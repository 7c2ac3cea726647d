"""信访 indicators by unit and period (as the national petition system reports them): received,
timely acceptance rate, on-time conclusion rate, satisfaction rate, average handling days, repeat
petitions, 复查 and 复核 counts. Each figure links to the scoped list filtered to exactly the records
it counts (`?indicator=<code>&unit=&from=&to=`, answered by `indicator_queryset`) and names their ids.

Periods are over stored local dates: `received_on` for matters, `requested_on` for 复查/复核.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.core.indicators import Figure, Period
from fazhi.petitions.models import Category, Petition, Review, Satisfaction, Status
from fazhi.petitions.selectors import petition_list_for

AREA = "信访"


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
    qs = petition_list_for(actor=actor).filter(unit__path__startswith=unit.path)
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


def _rate(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def petition_figures(*, actor: Any, unit: Any, period: Period) -> list[Figure]:
    """The 信访 figures for `unit` (and below) over `period`, as the actor may see them."""

    def select(code: str) -> list[tuple[int, Any, Any, Any, Any, str]]:
        return list(
            indicator_queryset(actor=actor, code=code, unit=unit, period=period)
            .order_by("pk")
            .values_list("pk", "routed_on", "route_due", "concluded_on", "handling_due", "satisfaction")
        )

    def figure(code: str, value: Any, unit_text: str, ids: list[int], **extra: Any) -> Figure:
        return Figure(
            code=f"petitions.{code}",
            label=SELECTIONS[code][0],
            value=value,
            unit=unit_text,
            period=period,
            unit_id=unit.pk,
            area=AREA,
            link=_link(code, unit, period),
            record_ids=ids,
            **extra,
        )

    figures = []
    rows = select("received")
    figures.append(figure("received", len(rows), "件", [r[0] for r in rows]))
    rows = select("timely_acceptance")
    timely = sum(1 for r in rows if r[1] is not None and r[2] is not None and r[1] <= r[2])
    figures.append(
        figure("timely_acceptance", _rate(timely, len(rows)), "%", [r[0] for r in rows], target=100.0)
    )
    rows = select("on_time_conclusion")
    on_time = sum(1 for r in rows if r[3] is not None and r[3] <= r[4])
    figures.append(
        figure("on_time_conclusion", _rate(on_time, len(rows)), "%", [r[0] for r in rows], target=100.0)
    )
    rows = select("satisfaction")
    pleased = sum(1 for r in rows if r[5] in (Satisfaction.SATISFIED, Satisfaction.BASIC))
    figures.append(figure("satisfaction", _rate(pleased, len(rows)), "%", [r[0] for r in rows], target=90.0))
    handled = list(
        indicator_queryset(actor=actor, code="handling_days", unit=unit, period=period)
        .order_by("pk")
        .values_list("pk", "received_on", "concluded_on")
    )
    days = [(c - r).days for _, r, c in handled if c is not None]
    average = round(sum(days) / len(days), 1) if days else None
    figures.append(figure("handling_days", average, "天", [h[0] for h in handled], higher_is_better=False))
    for code in ("repeat", "reviews", "re_reviews"):
        ids = list(
            indicator_queryset(actor=actor, code=code, unit=unit, period=period)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        figures.append(figure(code, len(ids), "件", ids, higher_is_better=False))
    return figures
