"""The 网格 indicator source: grid events by category and time to close, points awarded / deducted /
redeemed, four-into-grid activities — each figure with its drill-down link, its record count and a
loader of the ids it counts. Dates are the stored local dates (reported_on, closed_on, occurred_on,
held_on). Events, closures and points are read from the pre-aggregated buckets when the actor sees
the unit's whole subtree (fazhi.core.buckets), from the base tables through the scope otherwise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import BooleanField, Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import Abs

from fazhi.core import buckets
from fazhi.core.indicators import Figure, Period, all_ids, id_groups, id_loader
from fazhi.grid import permissions as P
from fazhi.grid.models import EntryKind, EventCategory, EventStatus, GridActivity, GridEvent, PointsEntry
from fazhi.org.scope import NOTHING, covers_subtree, has_perm, unit_scope_q, within_q

AREA = "网格"
EVENTS, CLOSED, POINTS = "grid.events", "grid.closed", "grid.points"


def register_measures() -> None:
    buckets.register(buckets.Measure(EVENTS, GridEvent, "reported_on", {"n": Count("pk")}, split="category"))
    buckets.register(
        buckets.Measure(
            CLOSED,
            GridEvent,
            "closed_on",
            {
                "n": Count("pk"),
                "timed": Count("pk", filter=Q(closed_at__isnull=False)),
                "us": Sum(
                    ExpressionWrapper(F("closed_at") - F("dispatched_at"), output_field=DurationField())
                ),
                "on_time": Count("pk", filter=Q(due_on__isnull=False, closed_on__lte=F("due_on"))),
            },
            where=Q(dispatched_at__isnull=False),
        )
    )
    buckets.register(
        buckets.Measure(
            POINTS, PointsEntry, "occurred_on", {"n": Count("pk"), "abs": Sum(Abs("points"))}, split="kind"
        )
    )


def _units(actor: Any, unit: Any) -> Q:
    if not has_perm(actor, P.VIEW):
        return NOTHING
    scope = unit_scope_q(actor, prefix="unit__")
    q = within_q(unit, by_ids=False)
    return q if scope is None else q & scope


def _picker(groups: Callable[[], dict[Any, list[int]]], value: Any) -> Callable[[], list[int]]:
    """The ids of one cut of an `id_groups` loader."""
    return lambda: list(groups().get(value, []))


def source(*, actor: Any, unit: Any, period: Period) -> list[Figure]:
    where = _units(actor, unit)
    whole = has_perm(actor, P.VIEW) and covers_subtree(actor, unit)
    start, end = period.start, period.end
    ready = buckets.built([EVENTS, CLOSED, POINTS]) if whole else set()

    def measure(name: str, qs: QuerySet[Any]) -> buckets.Data:
        return buckets.values(name, qs=qs, unit_id=unit.pk, start=start, end=end, whole=whole, ready=ready)

    events_qs = GridEvent.objects.filter(where)
    events = measure(EVENTS, events_qs)
    closed = measure(CLOSED, events_qs)
    points = measure(POINTS, PointsEntry.objects.filter(where))
    s, e = f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"
    common = {"period": period, "unit_id": unit.pk, "area": AREA}
    reported = events_qs.filter(reported_on__range=(start, end))
    # One query per record set when a report version loads the ids, shared by the figures cut from it.
    reported_ids = id_groups(reported.values_list("pk", "category"))
    n_events = buckets.total(events, "n")
    figures = [
        Figure(
            EVENTS,
            "网格事件",
            n_events,
            "件",
            link=f"/grid/events/?start={s}&end={e}",
            count=n_events,
            records=lambda: all_ids(reported_ids),
            **common,
        )
    ]
    by_category = buckets.parts(events, "n")
    for value, label in EventCategory.choices:
        if by_category.get(value):
            figures.append(
                Figure(
                    f"grid.events_{value}",
                    f"网格事件：{label}",
                    by_category[value],
                    "件",
                    link=f"/grid/events/?category={value}&start={s}&end={e}",
                    count=by_category[value],
                    records=_picker(reported_ids, value),
                    **common,
                )
            )
    closures = events_qs.filter(closed_on__range=(start, end), dispatched_at__isnull=False)
    in_time = ExpressionWrapper(Q(due_on__isnull=False, closed_on__lte=F("due_on")), BooleanField())
    closure_ids = id_groups(closures.values_list("pk", in_time))

    def closed_ids() -> list[int]:
        return all_ids(closure_ids)

    def on_time_ids() -> list[int]:
        return list(closure_ids().get(True, []))  # SQLite gives 1, PostgreSQL True: equal keys

    n_closed, timed = closed.get("n", 0), closed.get("timed", 0)
    on_time = closed.get("on_time", 0)
    figures += [
        Figure(
            "grid.events_closed",
            "网格事件结案",
            n_closed,
            "件",
            link=f"/grid/events/?status={EventStatus.CLOSED}&start={s}&end={e}",
            count=n_closed,
            records=closed_ids,
            **common,
        ),
        Figure(
            "grid.days_to_close",
            "派遣至结案平均用时",
            round(closed.get("us", 0) / timed / 86_400_000_000, 1) if timed else None,
            "天",
            link=f"/grid/events/?status={EventStatus.CLOSED}",
            count=n_closed,
            records=closed_ids,
            higher_is_better=False,
            **common,
        ),
        Figure(
            "grid.closed_on_time_rate",
            "按期结案率",
            round(100 * on_time / n_closed, 1) if n_closed else None,
            "%",
            link=f"/grid/events/?status={EventStatus.CLOSED}",
            count=on_time,
            records=on_time_ids,
            target=100.0,
            **common,
        ),
    ]
    entries = PointsEntry.objects.filter(where, occurred_on__range=(start, end))
    entry_ids = id_groups(entries.values_list("pk", "kind"))
    sums, counts = buckets.parts(points, "abs"), buckets.parts(points, "n")
    for kind, label in (
        (EntryKind.AWARD, "积分奖励"),
        (EntryKind.DEDUCTION, "积分扣减"),
        (EntryKind.REDEMPTION, "积分兑换"),
    ):
        figures.append(
            Figure(
                f"grid.points_{kind}",
                label,
                sums.get(str(kind), 0),
                "分",
                link=f"/grid/points/?kind={kind}&start={s}&end={e}",
                count=counts.get(str(kind), 0),
                records=_picker(entry_ids, kind),
                **common,
            )
        )
    activities = GridActivity.objects.filter(where, held_on__gte=start, held_on__lte=end)
    n_activities = activities.count()
    figures.append(
        Figure(
            "grid.activities",
            "四进网格活动",
            n_activities,
            "次",
            link=f"/grid/activities/?year={start.year}",
            count=n_activities,
            records=id_loader(activities),
            **common,
        )
    )
    return figures
