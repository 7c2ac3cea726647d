"""Grid selectors: how the event list reads the database."""

from __future__ import annotations

from typing import Any

from django.db import connection

from fazhi.grid.models import GridEvent
from fazhi.grid.selectors import event_list_for
from fazhi.testing import persona


def _plan(qs: Any) -> str:
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET LOCAL enable_seqscan = off")  # an empty test table would be scanned anyway
            cur.execute("EXPLAIN " + sql, params)
        else:
            cur.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row) for row in cur.fetchall())


def test_a_deep_page_of_events_is_read_in_index_order_not_sorted(personas: Any) -> None:
    """Newest first through the grid_event_recent index: page 500 must not sort the whole scope
    (0.9 s at 20,000 events on SQLite without it). PostgreSQL's choice for the scoped query depends on
    its statistics, so there the index is checked on the list's order alone."""
    if connection.vendor == "postgresql":
        qs = GridEvent.objects.order_by("-reported_at", "-pk")[9980:10000]
    else:
        qs = event_list_for(actor=persona("leader"))[9980:10000]
    plan = _plan(qs)
    assert "grid_event_recent" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan and "Sort Key" not in plan
