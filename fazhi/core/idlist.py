"""A condition "field in the values a subquery finds", handed to the database as the values themselves
when there are few.

PostgreSQL cannot OR an `IN (subquery)` into a bitmap of index scans: a condition `A OR id IN (SELECT
…)` reads every row of the table. It counted a grid worker's 2,000,000 events that way (0.84 s), and
a search for a petitioner's name ORed with the text index read all 100,000 petitions (0.3 s a page,
bench/). The values themselves, up to `limit`, let it combine the indexes; past `limit` the subquery
stays, exact but slower.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

LIMIT = 1000


def in_values(field: str, values: QuerySet[Any], *, limit: int | None = None) -> Q | None:
    """`Q(field__in=…)` with the values of `values` (a flat values_list) when at most `limit` (default
    LIMIT), else with the subquery itself; None when it finds none (a condition no row meets)."""
    limit = LIMIT if limit is None else limit
    found = list(values[: limit + 1])
    if len(found) > limit:
        return Q(**{f"{field}__in": values})
    return Q(**{f"{field}__in": found}) if found else None
