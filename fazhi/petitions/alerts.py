"""Dashboard alerts of the petitions app: matters past a statutory deadline, in the unit chosen."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.indicators import OVERDUE, Alert
from fazhi.petitions.deadlines import next_deadline
from fazhi.petitions.selectors import PetitionFilters, petition_list_for

LIMIT = 30


def petition_alerts(*, actor: Any, unit: Any, today: date) -> list[Alert]:
    late = petition_list_for(actor=actor, filters=PetitionFilters(overdue_on=today, unit_id=unit.pk))
    alerts = []
    for p in late.order_by("received_on")[:LIMIT]:
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
