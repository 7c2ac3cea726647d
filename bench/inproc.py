"""Scenarios measured inside Django (`python -m bench.inproc <step> '<json>'`), one process per dataset
so each gets its own settings (FAZHI_HOME, DATABASE_URL). The last stdout line is `BENCH-RESULT <json>`.

Steps: prepare (personas, tokens, sizes, sample words, planted duplicates), indicators, search, report,
import, repeat, plans."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import django

from bench.measure import interleaved, p50

# Words residents write in petitions, disputes and grid events — used when scale.json names none.
COMMON_WORDS = {
    2: ["物业", "噪音", "拆迁", "工资", "邻里", "停车", "漏水", "低保"],
    4: ["物业纠纷", "拖欠工资", "邻里纠纷", "噪音扰民", "违章搭建", "土地承包", "停车收费", "房屋漏水"],
}


def _scale() -> dict[str, Any]:
    from django.conf import settings

    path = settings.FAZHI_HOME / "scale.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _pick(mapping: dict[str, Any], *names: str, default: Any = None) -> Any:
    for name in names:
        if name in mapping and mapping[name] is not None:
            return mapping[name]
    return default


def _username(role: str, entry: Any) -> str:
    """scale.json's personas: role -> username (the demo stand-ins) or username -> {id, role, …}."""
    return entry if isinstance(entry, str) else _pick(entry, "username", default=role)


def _user(role: str) -> Any:
    from fazhi.org.models import User

    personas = _scale().get("personas", {})
    return User.objects.select_related("unit").get(username=_username(role, personas[role]))


def _scope(user: Any) -> dict[str, Any]:
    """The persona's data scope as the floors take it: {} for everything, {"prefix": path} for a unit
    subtree, {"unit": id} for the unit alone (the widest of the persona's roles)."""
    from fazhi.org.models import DataScope
    from fazhi.org.scope import roles_of, subdistrict_of

    scopes = []
    for role in roles_of(user):
        if role.data_scope == DataScope.ALL:
            return {}
        if role.data_scope == DataScope.SUBDISTRICT:
            scopes.append({"prefix": subdistrict_of(user.unit).path})
        elif role.data_scope == DataScope.UNIT:
            scopes.append({"unit": user.unit_id, "prefix": user.unit.path})
        else:
            scopes.append({"prefix": user.unit.path})
    if not scopes:
        return {"unit": user.unit_id}
    return min(scopes, key=lambda s: (len(s["prefix"]), "unit" in s))


def _latest_year() -> int:
    from django.db.models import Max

    from fazhi.petitions.models import Petition

    last = Petition.objects.aggregate(m=Max("received_on"))["m"]
    return (last or date.today()).year


def _words(length: int, count: int) -> list[str]:
    scale = _scale()
    given = _pick(scale, "search_words", "words", "sample_words", default={})
    if isinstance(given, dict):
        given = _pick(given, str(length), f"w{length}", f"words_{length}", default=[])
    else:
        given = [w for w in given if len(w) == length]
    given = list(given or _pick(scale, f"words_{length}", f"words{length}", default=[]))
    if given:
        return given[:count]
    return list(COMMON_WORDS[length][:count])


def prepare(args: dict[str, Any]) -> dict[str, Any]:
    from django.db import connection

    from fazhi.disputes.models import Dispute
    from fazhi.grid.models import GridEvent
    from fazhi.org.models import Unit
    from fazhi.org.services import token_issue
    from fazhi.people.models import Resident
    from fazhi.petitions.models import Petition

    personas = {}
    for role in _scale().get("personas", {}):
        user = _user(role)
        raw, _ = token_issue(user=user)
        personas[role] = {
            "username": user.username,
            "user_id": user.pk,
            "unit_id": user.unit_id,
            "scope": _scope(user),
            "token": raw,
        }
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SHOW server_version")
            db_version = "PostgreSQL " + cur.fetchone()[0]
        else:
            cur.execute("SELECT sqlite_version()")
            db_version = "SQLite " + cur.fetchone()[0]
    return {
        "personas": personas,
        "db_version": db_version,
        "year": _latest_year(),
        "counts": {
            "units": Unit.objects.count(),
            "residents": Resident.objects.count(),
            "petitions": Petition.objects.count(),
            "disputes": Dispute.objects.count(),
            "grid_events": GridEvent.objects.count(),
        },
        "factor": _scale().get("factor"),
    }


# --- Dashboard indicators ------------------------------------------------------------------------------


def _raw_group_by(year: int) -> Callable[[], Any]:
    """The floor: the base counts of the dashboard by one GROUP BY per case table over the year."""
    from django.db import connection

    start, end = date(year, 1, 1), date(year, 12, 31)
    queries = [
        (
            "SELECT status, COUNT(*) FROM petitions_petition WHERE received_on BETWEEN %s AND %s GROUP BY status",
            [start, end],
        ),
        (
            "SELECT status, COUNT(*) FROM disputes_dispute WHERE registered_on BETWEEN %s AND %s GROUP BY status",
            [start, end],
        ),
        (
            "SELECT status, COUNT(*) FROM grid_gridevent WHERE reported_on BETWEEN %s AND %s GROUP BY status",
            [start, end],
        ),
    ]

    def run() -> Any:
        with connection.cursor() as cur:
            for sql, params in queries:
                cur.execute(sql, params)
                cur.fetchall()

    return run


def indicators(args: dict[str, Any]) -> dict[str, Any]:
    """The county leader's dashboard as it opens (the county), and the same leader's view of the first
    subdistrict (a unit filter inside the scope: the base tables, not only the buckets)."""
    from fazhi.core.indicators import Period
    from fazhi.org.models import Unit, UnitKind
    from fazhi.reports.selectors import dashboard_for

    actor = _user("county_leader")
    year = _latest_year()
    today = date.today()
    subdistrict = Unit.objects.filter(kind=UnitKind.SUBDISTRICT).order_by("path").first()

    def dashboard(unit_ref: Any) -> Callable[[], Any]:
        return lambda: dashboard_for(actor=actor, unit_ref=unit_ref, period=Period.year(year), today=today)

    subjects = {"subject": dashboard(None), "floor": _raw_group_by(year)}
    if subdistrict is not None and subdistrict.pk != actor.unit_id:
        subjects["subdistrict"] = dashboard(subdistrict.pk)
    times = interleaved(subjects, reps=args.get("reps", 7), warmup=1)
    return {
        "year": year,
        "unit": dashboard_for(actor=actor, unit_ref=None, period=Period.year(year), today=today).unit.name,
        "subject_ms": p50(times["subject"]) * 1000,
        "floor_ms": p50(times["floor"]) * 1000,
        **(
            {"subdistrict": subdistrict.name, "subdistrict_ms": p50(times["subdistrict"]) * 1000}
            if "subdistrict" in times
            else {}
        ),
        "samples_ms": {k: [round(v * 1000, 2) for v in vs] for k, vs in times.items()},
    }


# --- Full-text search ----------------------------------------------------------------------------------

SEARCHES = {
    # list -> (table, text columns, order)
    "petitions": ("petitions_petition", ("title", "content"), "received_on DESC, id DESC"),
    "disputes": ("disputes_dispute", ("summary", "claims"), "registered_on DESC, id DESC"),
    "events": ("grid_gridevent", ("description", "location"), "reported_at DESC, id DESC"),
}


def _search_subject(name: str, actor: Any, word: str) -> Callable[[], Any]:
    """What the list API does for `?q=word`: the count, capped as the API caps it (`count_cap_for`:
    "1,000+ 条"), and the first page of rows — the search, without the rows' prefetched details."""
    from fazhi.core.pagination import paginate
    from fazhi.core.search import count_cap_for

    def run() -> Any:
        if name == "petitions":
            from fazhi.petitions.selectors import PetitionFilters, petition_list_for

            qs = petition_list_for(actor=actor, filters=PetitionFilters(q=word))
        elif name == "disputes":
            from fazhi.disputes.selectors import DisputeFilters, dispute_list_for

            qs = dispute_list_for(actor=actor, filters=DisputeFilters(q=word))
        else:
            from fazhi.grid.selectors.events import event_list_for

            qs = event_list_for(actor=actor, q=word)
        page = paginate(qs.prefetch_related(None), page=1, page_size=20, count_cap=count_cap_for(word))
        return {"count": page.count, "capped": page.count_capped}

    return run


def _search_floor(name: str, word: str) -> Callable[[], Any]:
    from django.db import connection

    table, columns, order = SEARCHES[name]
    where = " OR ".join(f"{c} LIKE %s" for c in columns)
    params = [f"%{word}%"] * len(columns)

    def run() -> Any:
        with connection.cursor() as cur:
            cur.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", params)
            count = cur.fetchone()[0]
            cur.execute(f"SELECT id FROM {table} WHERE {where} ORDER BY {order} LIMIT 20", params)
            cur.fetchall()
        return count

    return run


def search(args: dict[str, Any]) -> dict[str, Any]:
    actor = _user("county_leader")
    out: dict[str, Any] = {}
    for name in args.get("lists", list(SEARCHES)):
        for length in (2, 4):
            words = _words(length, args.get("words", 4))
            samples: dict[str, list[float]] = {"subject": [], "floor": []}
            hits = []
            for word in words:
                subject, floor = _search_subject(name, actor, word), _search_floor(name, word)
                hits.append({"word": word, "found": subject(), "like": floor()})
                times = interleaved({"subject": subject, "floor": floor}, reps=args.get("reps", 2), warmup=0)
                for k in samples:
                    samples[k] += times[k]
            out[f"{name}/{length}"] = {
                "subject_ms": p50(samples["subject"]) * 1000 if words else None,
                "floor_ms": p50(samples["floor"]) * 1000 if words else None,
                "words": hits,
            }
    return out


# --- Annual report -------------------------------------------------------------------------------------


def report(args: dict[str, Any]) -> dict[str, Any]:
    from fazhi.core.indicators import Period
    from fazhi.org.models import Unit, UnitKind
    from fazhi.reports.selectors import figures_for, report_draft_for

    actor = _user("county_leader")
    year = _latest_year() - 1 if args.get("previous_year", True) else _latest_year()
    root = Unit.objects.filter(depth=1).order_by("path").first()
    sub = Unit.objects.filter(kind=UnitKind.SUBDISTRICT).order_by("path").first()
    today = date.today()
    out = {"year": year}
    for label, unit in (("subdistrict", sub), ("county", root)):
        if unit is None:
            continue
        times = interleaved(
            {
                "subject": lambda u=unit: report_draft_for(actor=actor, unit=u, year=year, today=today),
                "floor": lambda u=unit: figures_for(actor=actor, unit=u, period=Period.year(year)),
            },
            reps=args.get("reps", 3),
            warmup=1,
        )
        out[label] = {
            "unit": unit.name,
            "subject_ms": p50(times["subject"]) * 1000,
            "floor_ms": p50(times["floor"]) * 1000,
        }
    return out


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    django.setup()
    from bench import inproc_more

    steps: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
        "prepare": prepare,
        "indicators": indicators,
        "search": search,
        "report": report,
        "import": inproc_more.import_,
        "repeat": inproc_more.repeat,
        "plans": inproc_more.plans,
    }
    step, args = sys.argv[1], json.loads(sys.argv[2] if len(sys.argv) > 2 else "{}")
    start = time.monotonic()
    result = steps[step](args)
    result["step_seconds"] = round(time.monotonic() - start, 2)
    print("BENCH-RESULT " + json.dumps(result, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
