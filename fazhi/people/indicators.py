"""The 重点人员 indicator source: key persons in management, visits on time, 脱管失控 — each figure
with its drill-down link and the ids it counts. Counts only, no personal data; leaders see them
with `people.view` across their units (the lists behind the links need `people.keypersons`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from fazhi.core.indicators import Figure, Period
from fazhi.org.scope import NOTHING, has_perm, unit_scope_q
from fazhi.people import permissions as P
from fazhi.people.models import ControlStatus, Incident, KeyPerson, Visit

AREA = "重点人员"


def _units(actor: Any, unit: Any, prefix: str) -> Q:
    if not has_perm(actor, P.VIEW):
        return NOTHING
    scope = unit_scope_q(actor, prefix=prefix)
    q = Q(**{f"{prefix}path__startswith": unit.path})
    return q if scope is None else q & scope


def source(*, actor: Any, unit: Any, period: Period) -> list[Figure]:
    persons = KeyPerson.objects.filter(_units(actor, unit, "unit__"), registered_on__lte=period.end)
    active = persons.filter(Q(is_active=True) | Q(ends_on__gte=period.start))
    managed = list(active.filter(control_status=ControlStatus.MANAGED).values_list("pk", flat=True))
    lost = list(active.exclude(control_status=ControlStatus.MANAGED).values_list("pk", flat=True))
    visits = Visit.objects.filter(
        _units(actor, unit, "unit__"), visited_at__date__gte=period.start, visited_at__date__lte=period.end
    )
    visit_rows = list(visits.values_list("pk", "on_time"))
    on_time = [pk for pk, ok in visit_rows if ok]
    incidents = list(
        Incident.objects.filter(
            _units(actor, unit, "key_person__unit__"),
            occurred_on__gte=period.start,
            occurred_on__lte=period.end,
            severity=Incident.Severity.CRIME,
        ).values_list("pk", flat=True)
    )
    rate = round(100 * len(on_time) / len(visit_rows), 1) if visit_rows else None
    common = {"period": period, "unit_id": unit.pk, "area": AREA}
    start, end = f"{period.start:%Y-%m-%d}", f"{period.end:%Y-%m-%d}"
    return [
        Figure(
            "people.keypersons_managed",
            "在管重点人员",
            len(managed),
            "人",
            link="/people/keypersons/?control_status=managed",
            record_ids=managed,
            **common,
        ),
        Figure(
            "people.visits",
            "重点人员走访",
            len(visit_rows),
            "次",
            link=f"/people/visits/?start={start}&end={end}",
            record_ids=[pk for pk, _ in visit_rows],
            **common,
        ),
        Figure(
            "people.visits_on_time_rate",
            "按期走访率",
            rate,
            "%",
            link=f"/people/visits/?start={start}&end={end}&on_time=1",
            record_ids=on_time,
            target=100.0,
            **common,
        ),
        Figure(
            "people.out_of_control",
            "脱管失控",
            len(lost),
            "人",
            link="/people/keypersons/?control_status=out_of_contact",
            record_ids=lost,
            target=0.0,
            higher_is_better=False,
            **common,
        ),
        Figure(
            "people.reoffending",
            "重新违法犯罪",
            len(incidents),
            "件",
            link="/people/keypersons/",
            record_ids=incidents,
            target=0.0,
            higher_is_better=False,
            **common,
        ),
    ]
