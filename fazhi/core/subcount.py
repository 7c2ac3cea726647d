"""Counting related rows beside each listed row, one index lookup per row.

`Count()` over two reverse relations joins both into one product before counting (a mediator's
trainings × its cases, then DISTINCT): the county's 900 mediators took 0.9 s on SQLite. A correlated
subquery per relation counts each through its foreign-key index instead.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def related_count(rows: Any, field: str) -> Coalesce:
    """The number of `rows` (a model, or a queryset of one to count only some) whose foreign key
    `field` points at the outer row (0 when none)."""
    qs = rows.objects.all() if hasattr(rows, "objects") else rows
    per_row = (
        qs.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")[:1]
    )
    return Coalesce(Subquery(per_row, output_field=IntegerField()), Value(0))
