"""The 网格 indicator source: grid events by category and time to close, points awarded / deducted /
redeemed, four-into-grid activities — each figure with its drill-down link and the ids it counts.
Dates are the stored local dates (reported_on, closed_on, occurred_on, held_on)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from fazhi.core.indicators import Figure, Period
from fazhi.grid import permissions as P
from fazhi.grid.models import EntryKind, EventCategory, EventStatus, GridActivity, GridEvent, PointsEntry
from fazhi.org.scope import NOTHING, has_perm, unit_scope_q

AREA = "网格"


def _units(actor: Any, unit: Any) -> Q:
    if not has_perm(actor, P.VIEW):
        return NOTHING
    scope = unit_scope_q(actor, prefix="unit__")
    q = Q(unit__path__startswith=unit.path)
    return q if scope is None else q & scope


def source(*, actor: Any, unit: Any, period: Period) -> list[Figure]:
    where = _units(actor, unit)
    start, end = f"{period.start:%Y-%m-%d}", f"{period.end:%Y-%m-%d}"
    common = {"period": period, "unit_id": unit.pk, "area": AREA}
    events = list(
        GridEvent.objects.filter(
            where, reported_on__gte=period.start, reported_on__lte=period.end
        ).values_list("pk", "category")
    )
    figures = [
        Figure(
            "grid.events",
            "网格事件",
            len(events),
            "件",
            link=f"/grid/events/?start={start}&end={end}",
            record_ids=[pk for pk, _ in events],
            **common,
        )
    ]
    for value, label in EventCategory.choices:
        ids = [pk for pk, category in events if category == value]
        if ids:
            figures.append(
                Figure(
                    f"grid.events_{value}",
                    f"网格事件：{label}",
                    len(ids),
                    "件",
                    link=f"/grid/events/?category={value}&start={start}&end={end}",
                    record_ids=ids,
                    **common,
                )
            )
    closed = list(
        GridEvent.objects.filter(
            where, closed_on__gte=period.start, closed_on__lte=period.end, dispatched_at__isnull=False
        ).values_list("pk", "dispatched_at", "closed_at", "due_on", "closed_on")
    )
    days = [(c - d).total_seconds() / 86400 for _, d, c, _, _ in closed if c and d]
    on_time = [pk for pk, _, _, due, closed_on in closed if due and closed_on and closed_on <= due]
    figures += [
        Figure(
            "grid.events_closed",
            "网格事件结案",
            len(closed),
            "件",
            link=f"/grid/events/?status={EventStatus.CLOSED}&start={start}&end={end}",
            record_ids=[c[0] for c in closed],
            **common,
        ),
        Figure(
            "grid.days_to_close",
            "派遣至结案平均用时",
            round(sum(days) / len(days), 1) if days else None,
            "天",
            link=f"/grid/events/?status={EventStatus.CLOSED}",
            record_ids=[c[0] for c in closed],
            higher_is_better=False,
            **common,
        ),
        Figure(
            "grid.closed_on_time_rate",
            "按期结案率",
            round(100 * len(on_time) / len(closed), 1) if closed else None,
            "%",
            link=f"/grid/events/?status={EventStatus.CLOSED}",
            record_ids=on_time,
            target=100.0,
            **common,
        ),
    ]
    entries = list(
        PointsEntry.objects.filter(
            where, occurred_on__gte=period.start, occurred_on__lte=period.end
        ).values_list("pk", "kind", "points")
    )
    for kind, label in (
        (EntryKind.AWARD, "积分奖励"),
        (EntryKind.DEDUCTION, "积分扣减"),
        (EntryKind.REDEMPTION, "积分兑换"),
    ):
        rows = [(pk, pts) for pk, k, pts in entries if k == kind]
        figures.append(
            Figure(
                f"grid.points_{kind}",
                label,
                sum(abs(p) for _, p in rows),
                "分",
                link=f"/grid/points/?kind={kind}&start={start}&end={end}",
                record_ids=[pk for pk, _ in rows],
                **common,
            )
        )
    activities = list(
        GridActivity.objects.filter(where, held_on__gte=period.start, held_on__lte=period.end).values_list(
            "pk", flat=True
        )
    )
    figures.append(
        Figure(
            "grid.activities",
            "四进网格活动",
            len(activities),
            "次",
            link=f"/grid/activities/?year={period.start.year}",
            record_ids=activities,
            **common,
        )
    )
    return figures
