"""Petitions during a sensitive-period screening campaign (春节、两会、国庆 … 大排查大调处): the campaign
page, owned by the disputes app, shows how many matters each community received in its dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count

from fazhi.org.models import Unit, UnitKind
from fazhi.org.scope import has_perm
from fazhi.petitions.selectors import PetitionFilters, petition_list_for
from fazhi.petitions.workflow import VIEW


@dataclass
class CampaignPetitions:
    total: int
    link: str
    rows: list[tuple[Any, int, str]] = field(default_factory=list)  # (community, count, link)
    group_or_skip_level: int = 0


def campaign_petitions(*, actor: Any, unit: Any, start: date, end: date) -> CampaignPetitions | None:
    """Matters received between `start` and `end` in `unit` and below, per community; None without
    the petitions view permission."""
    if not has_perm(actor, VIEW):
        return None
    qs = petition_list_for(
        actor=actor, filters=PetitionFilters(unit_id=unit.pk, received_from=start, received_to=end)
    )
    base = {"from": start.isoformat(), "to": end.isoformat()}
    communities = Unit.objects.filter(path__startswith=unit.path, kind=UnitKind.COMMUNITY).order_by("path")
    by_path: dict[str, int] = {}
    for path, n in qs.order_by().values_list("unit__path").annotate(n=Count("pk")):
        by_path[path] = n
    rows = []
    for c in communities:
        n = sum(v for p, v in by_path.items() if p.startswith(c.path))
        rows.append((c, n, "/petitions/?" + urlencode({**base, "unit": c.pk})))
    flagged = qs.filter(is_group=True).count() + qs.filter(skip_level=True).count()
    return CampaignPetitions(
        total=qs.count(),
        link="/petitions/?" + urlencode({**base, "unit": unit.pk}),
        rows=rows,
        group_or_skip_level=flagged,
    )
