"""Benchmark floors: the rows a list API returns, read by hand-written SQL in the same server.

Mounted only when FAZHI_BENCH=1 (`bench_urlpatterns`), which the benchmark harness sets for the server
it starts; never in normal operation. Each view authenticates the bearer token with one raw query,
reads one page plus the count of the rows in the persona's data scope (given by the harness: `unit=`
for one unit, `prefix=` for a unit subtree, neither for all) or registered by the actor, and renders
JSON — no ORM, no schema validation. The
harness compares each floor's count with the API's to check both read the same rows.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, path
from django.utils import timezone

ENV_FLAG = "FAZHI_BENCH"

# name -> (table, owner column, order by, selected columns, child table, child fk, child name column)
LISTS: dict[str, tuple[str, str, str, str, str, str, str]] = {
    "petitions": (
        "petitions_petition",
        "registered_by_id",
        "t.received_on DESC, t.id DESC",
        "t.id, t.case_number, t.received_on, t.channel, t.category, t.title, t.unit_id, u.name,"
        " t.status, t.flags, t.handling_due, t.case_leader_id",
        "petitions_petitioner",
        "petition_id",
        "name",
    ),
    "disputes": (
        "disputes_dispute",
        "created_by_id",
        "t.registered_on DESC, t.id DESC",
        "t.id, t.number, t.registered_on, t.source, t.summary, t.unit_id, u.name, t.status,"
        " t.risk_level, t.due_on, t.category_id",
        "disputes_party",
        "dispute_id",
        "name",
    ),
    "events": (
        "grid_gridevent",
        "reporter_id",
        "t.reported_at DESC, t.id DESC",
        "t.id, t.number, t.category, t.description, t.location, t.status, t.reported_at, t.unit_id,"
        " u.name, t.due_on, t.reporter_id, t.assignee_id",
        "",
        "",
        "",
    ),
}


def enabled() -> bool:
    return os.environ.get(ENV_FLAG, "").strip().lower() in {"1", "true", "yes", "on"}


def _user_id(request: HttpRequest) -> int | None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    key_hash = hashlib.sha256(header[7:].strip().encode()).hexdigest()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT k.user_id FROM org_apitoken k JOIN org_user a ON a.id = k.user_id"
            " WHERE k.key_hash = %s AND k.revoked_at IS NULL AND k.expires_at > %s AND a.is_active",
            [key_hash, timezone.now()],
        )
        row = cur.fetchone()
    return row[0] if row else None


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def floor_list(request: HttpRequest, name: str) -> HttpResponse:
    """One page of `name` in `?unit=` (one unit), under `?prefix=` (a unit path) or everywhere, plus the
    rows the actor registered."""
    user_id = _user_id(request)
    if user_id is None:
        return JsonResponse({"code": "unauthenticated"}, status=401)
    if name not in LISTS:
        return JsonResponse({"code": "not_found"}, status=404)
    table, owner, order, columns, child, child_fk, child_name = LISTS[name]
    prefix = request.GET.get("prefix", "")
    unit = request.GET.get("unit", "")
    page = max(1, int(request.GET.get("page", "1")))
    size = max(1, min(200, int(request.GET.get("page_size", "20"))))
    # The scope as a hand-written query would put it: the unit itself (index on unit_id), the ids of the
    # units under a path (read first, as the API reads them, then the index on unit_id), or, for a
    # persona who sees everything, no condition at all.
    with connection.cursor() as cur:
        if unit:
            where, params = f"WHERE (t.unit_id = %s OR t.{owner} = %s)", [int(unit), user_id]
        elif prefix:
            cur.execute("SELECT id FROM org_unit WHERE path LIKE %s", [prefix + "%"])
            units = [row[0] for row in cur.fetchall()] or [0]
            marks = ",".join(["%s"] * len(units))
            where, params = f"WHERE (t.unit_id IN ({marks}) OR t.{owner} = %s)", [*units, user_id]
        else:
            where, params = "", []
        cur.execute(f"SELECT COUNT(*) FROM {table} t {where}", params)
        count = cur.fetchone()[0]
        cur.execute(
            f"SELECT {columns} FROM {table} t JOIN org_unit u ON u.id = t.unit_id {where}"
            f" ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, size, (page - 1) * size],
        )
        names = [c[0] for c in cur.description]
        rows = [dict(zip(names, map(_plain, r), strict=True)) for r in cur.fetchall()]
        if child and rows:
            ids = [r["id"] for r in rows]
            marks = ",".join(["%s"] * len(ids))
            cur.execute(
                f"SELECT {child_fk}, {child_name} FROM {child} WHERE {child_fk} IN ({marks}) ORDER BY id",
                ids,
            )
            by_parent: dict[int, list[str]] = {}
            for parent, value in cur.fetchall():
                by_parent.setdefault(parent, []).append(value)
            for r in rows:
                r["people"] = by_parent.get(r["id"], [])
    for r in rows:
        if "flags" in r:  # text on SQLite, decoded jsonb on PostgreSQL
            flags = json.loads(r["flags"] or "[]") if isinstance(r["flags"], str) else r["flags"] or []
            r["flags"] = [f.get("kind") for f in flags]
    return HttpResponse(
        json.dumps({"count": count, "page": page, "page_size": size, "items": rows}, ensure_ascii=False),
        content_type="application/json",
    )


def bench_urlpatterns() -> list[URLPattern]:
    """The floors' routes, or none at all unless FAZHI_BENCH=1."""
    if not enabled():
        return []
    return [path("bench/floor/<str:name>/", floor_list, name="bench_floor")]
