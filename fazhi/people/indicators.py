"""The 重点人员 indicator source: key persons in management, visits on time, 脱管失控 — each figure
with its drill-down link, its count and a loader of the ids it counts. Counts only, no personal data;
leaders see them with `people.view` across their units; the lists behind the links need
`people.keypersons`, so a figure links to them only for an actor who may open them (a leader's dashboard
shows the count without a link that would answer 404). Visits are counted by their stored local date (visited_on), from the
pre-aggregated buckets when the actor sees the unit's whole subtree."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from fazhi.core import buckets
from fazhi.core.indicators import Figure, Period, id_loader
from fazhi.org.scope import NOTHING, covers_subtree, has_perm, unit_scope_q, within_q
from fazhi.people import permissions as P
from fazhi.people.models import ControlStatus, Incident, KeyPerson, Visit

AREA = "重点人员"
VISITS = "people.visits"


def register_measures() -> None:
    buckets.register(
        buckets.Measure(
            VISITS, Visit, "visited_on", {"n": Count("pk"), "on_time": Count("pk", filter=Q(on_time=True))}
        )
    )


def _units(actor: Any, unit: Any, prefix: str) -> Q:
    if not has_perm(actor, P.VIEW):
        return NOTHING
    scope = unit_scope_q(actor, prefix=prefix)
    q = within_q(unit, prefix, by_ids=False)
    return q if scope is None else q & scope


def source(*, actor: Any, unit: Any, period: Period) -> list[Figure]:
    persons = KeyPerson.objects.filter(_units(actor, unit, "unit__"), registered_on__lte=period.end)
    active = persons.filter(Q(is_active=True) | Q(ends_on__gte=period.start))
    managed = active.filter(control_status=ControlStatus.MANAGED)
    lost = active.exclude(control_status=ControlStatus.MANAGED)
    visits_qs = Visit.objects.filter(_units(actor, unit, "unit__"))
    whole = has_perm(actor, P.VIEW) and covers_subtree(actor, unit)
    visits = buckets.values(
        VISITS, qs=visits_qs, unit_id=unit.pk, start=period.start, end=period.end, whole=whole
    )
    in_period = visits_qs.filter(visited_on__range=(period.start, period.end))
    incidents = Incident.objects.filter(
        _units(actor, unit, "key_person__unit__"),
        occurred_on__gte=period.start,
        occurred_on__lte=period.end,
        severity=Incident.Severity.CRIME,
    )
    n_managed, n_lost, n_incidents = managed.count(), lost.count(), incidents.count()
    n_visits, n_on_time = visits.get("n", 0), visits.get("on_time", 0)
    rate = round(100 * n_on_time / n_visits, 1) if n_visits else None
    common = {"period": period, "unit_id": unit.pk, "area": AREA}
    start, end = f"{period.start:%Y-%m-%d}", f"{period.end:%Y-%m-%d}"
    opens = has_perm(actor, P.KEYPERSONS)

    def link(url: str) -> str:
        return url if opens else ""

    return [
        Figure(
            "people.keypersons_managed",
            "在管重点人员",
            n_managed,
            "人",
            link=link("/people/keypersons/?control_status=managed"),
            count=n_managed,
            records=id_loader(managed),
            **common,
        ),
        Figure(
            "people.visits",
            "重点人员走访",
            n_visits,
            "次",
            link=link(f"/people/visits/?start={start}&end={end}"),
            count=n_visits,
            records=id_loader(in_period),
            **common,
        ),
        Figure(
            "people.visits_on_time_rate",
            "按期走访率",
            rate,
            "%",
            link=link(f"/people/visits/?start={start}&end={end}&on_time=1"),
            count=n_on_time,
            records=id_loader(in_period.filter(on_time=True)),
            target=100.0,
            **common,
        ),
        Figure(
            "people.out_of_control",
            "脱管失控",
            n_lost,
            "人",
            link=link("/people/keypersons/?control_status=out_of_contact"),
            count=n_lost,
            records=id_loader(lost),
            target=0.0,
            higher_is_better=False,
            **common,
        ),
        Figure(
            "people.reoffending",
            "重新违法犯罪",
            n_incidents,
            "件",
            link=link("/people/keypersons/"),
            count=n_incidents,
            records=id_loader(incidents),
            target=0.0,
            higher_is_better=False,
            **common,
        ),
    ]
