"""Dashboard alerts of the petitions app: matters past a statutory deadline, in the unit chosen."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.indicators import OVERDUE, Alert
from fazhi.petitions.deadlines import next_deadline
from fazhi.petitions.selectors import PetitionFilters, overdue_parts, petition_list_for, with_list_parts

LIMIT = 30


def oldest_overdue(*, actor: Any, unit: Any, today: date, limit: int = LIMIT) -> list[Any]:
    """The `limit` overdue matters received first, in the unit and the actor's scope. One small query
    per way of being overdue (`overdue_parts`), each walking its own index in received order and
    stopping at `limit` — one query ORing them all walked every matter of the county (250 ms of a
    333 ms dashboard, bench/). The parts give only (received, id); the merged first `limit` are then
    read whole in one query, instead of up to `limit` whole rows per part."""
    scoped = petition_list_for(actor=actor, filters=PetitionFilters(unit_id=unit.pk), parts=False)
    keys: set[tuple[date, int]] = set()
    for part in overdue_parts(today):
        keys.update(
            scoped.filter(part).order_by("received_on", "id").values_list("received_on", "id")[:limit]
        )
    first = [pk for _, pk in sorted(keys)[:limit]]
    return list(scoped.filter(pk__in=first).order_by("received_on", "id")) if first else []


def petition_alerts(*, actor: Any, unit: Any, today: date) -> list[Alert]:
    late = oldest_overdue(actor=actor, unit=unit, today=today)
    with_list_parts(late, petitioners=False)  # reviews and follow-ups, for the next deadline
    alerts = []
    for p in late:
        d = next_deadline(p, today)
        if d is not None and d.due < today:
            alerts.append(
                Alert(
                    title=f"{p.case_number} {d.label}已过：{p.title}",
                    link=f"/petitions/{p.pk}/",
                    severity=OVERDUE,
                    due=d.due,
                    area="信访",
                    basis=d.basis,
                )
            )
    return alerts
