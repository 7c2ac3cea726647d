"""In-process scenarios, continued: the residents import, the repeat-petition check, query plans."""

from __future__ import annotations

import io
import random
import time
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction

from bench.inproc import SEARCHES, _latest_year, _pick, _scale, _user, _words
from bench.measure import p50

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


PAIR_KEYS = ("repeat_pairs", "duplicates", "planted_duplicates")


class _Rollback(Exception):
    pass


def _rows(actor: Any, n: int) -> tuple[list[list[Any]], list[str]]:
    """n new residents on the actor's grids, with valid ID numbers not yet registered anywhere."""
    from fazhi.core import crypto
    from fazhi.people.idgen import fictitious_id_number
    from fazhi.people.models import Resident
    from fazhi.people.selectors.residents import grid_list_for

    grids = list(grid_list_for(actor=actor).values_list("code", flat=True)[:200])
    rng = random.Random(2026)
    rows: list[list[Any]] = []
    day, serial = date(1931, 1, 1), 0
    while len(rows) < n:
        batch = []
        for _ in range(min(2000, n - len(rows))):
            serial += 1
            if serial >= 1000:
                serial, day = 0, day + timedelta(days=1)
            batch.append(fictitious_id_number(day, serial // 2, female=bool(serial % 2)))
        taken = set(
            Resident.objects.filter(
                id_index__in=[crypto.blind_index(x, purpose="id_number") for x in batch]
            ).values_list("id_index", flat=True)
        )
        for number in batch:
            if crypto.blind_index(number, purpose="id_number") in taken:
                continue
            i = len(rows)
            rows.append(
                [
                    grids[i % len(grids)],
                    f"{i % 40 + 1}号楼",
                    f"{i % 4 + 1}单元",
                    f"{i % 30 + 101}",
                    rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                    number,
                    f"139{i:08d}",
                ]
            )
    return rows, grids


def _xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("居民台账")
    ws.append(["网格编码", "楼栋", "单元", "房号", "姓名", "身份证号", "手机号"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _floor_import(actor: Any, data: bytes) -> int:
    """Read the file with python-calamine and bulk-insert the same rows (encrypted, blind-indexed)."""
    from python_calamine import CalamineWorkbook

    from fazhi.core import crypto
    from fazhi.org.models import Unit
    from fazhi.people.models import Resident

    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    grids = {u.code: u.pk for u in Unit.objects.filter(code__in={r[0] for r in sheet[1:]})}
    objs = [
        Resident(
            unit_id=grids[r[0]],
            name=r[4],
            id_number=str(r[5]),
            id_index=crypto.blind_index(str(r[5]), purpose="id_number"),
            phone=str(r[6]),
            phone_index=crypto.blind_index(str(r[6]), purpose="phone"),
            created_by=actor,
        )
        for r in sheet[1:]
    ]
    Resident.objects.bulk_create(objs, batch_size=2000)
    return len(objs)


def _rolled_back(fn: Any) -> tuple[float, Any]:
    """Seconds fn takes inside a transaction that is then rolled back (the database stays as it was)."""
    result: Any = None
    start = time.perf_counter()
    elapsed = 0.0
    try:
        with transaction.atomic():
            result = fn()
            elapsed = time.perf_counter() - start
            raise _Rollback
    except _Rollback:
        pass
    return elapsed, result


def _cold() -> None:
    """Forget what the import memoises per process (area codes by birth year, names' initials): every
    repetition is measured as the first import of a freshly started server."""
    from fazhi.core.idcard import _place_known
    from fazhi.people.services.residents import initials_of

    _place_known.cache_clear()
    initials_of.cache_clear()


def import_(args: dict[str, Any]) -> dict[str, Any]:
    from fazhi.people.services.jobs import residents_import

    actor = _user("sd_clerk")
    n = int(args["rows"])
    rows, grids = _rows(actor, n)
    data = _xlsx(rows)
    subject_s: list[float] = []
    floor_s: list[float] = []
    outcome: Any = None
    for _ in range(int(args.get("reps", 2))):
        seconds, floor_count = _rolled_back(lambda: _floor_import(actor, data))
        floor_s.append(seconds)
        _cold()
        seconds, outcome = _rolled_back(
            lambda: residents_import(actor=actor, file_bytes=data, filename="residents.xlsx")
        )
        subject_s.append(seconds)
    errors = getattr(outcome, "errors", None) or []
    return {
        "rows": n,
        "grids": len(grids),
        "file_bytes": len(data),
        "subject_s": p50(subject_s),
        "floor_s": p50(floor_s),
        "floor_rows": floor_count,
        "created": getattr(outcome, "created", None),
        "errors": len(errors),
        "first_errors": [str(e) for e in errors[:3]],
    }


# --- Repeat-petition check -----------------------------------------------------------------------------


def _reword(text: str, rng: random.Random) -> str:
    """The same matter told again: clauses in another order, a different opening, filler words."""
    clauses = [c for c in text.replace("。", "，").split("，") if c]
    if len(clauses) > 2:
        head, rest = clauses[0], clauses[1:]
        rng.shuffle(rest)
        clauses = [head, *rest]
    return (
        rng.choice(["再次反映：", "我还是要说，", "关于之前的问题，"])
        + "，".join(clauses)
        + "，希望尽快解决。"
    )


def _planted() -> list[tuple[int, dict[str, Any]]]:
    """Planted (earlier petition id, registration to check) pairs from scale.json, or planted here by
    rewording sampled open petitions (nothing is written)."""
    from fazhi.petitions.models import Petition, Petitioner
    from fazhi.petitions.services.registration import REPEAT_STATUSES

    def person(p: Petitioner) -> dict[str, Any]:
        return {"name": p.name, "id_number": p.id_number or "", "phone": p.phone or ""}

    pairs = _pick(_scale(), *PAIR_KEYS, default=[])
    out: list[tuple[int, dict[str, Any]]] = []
    for pair in pairs:
        if isinstance(pair, dict):
            a = _pick(pair, "first_id", "original_id", "earlier")
            b = _pick(pair, "second_id", "duplicate_id", "later")
        else:
            a, b = pair[0], pair[1]
        dup = Petition.objects.filter(pk=b).first()
        if dup is None:
            continue
        people = [person(p) for p in dup.petitioners.all()]
        out.append((int(a), {"petitioners": people, "content": dup.content}))
    if out:
        return out
    rng = random.Random(7)
    ids = list(
        Petition.objects.filter(status__in=REPEAT_STATUSES, petitioners__id_index__gt="")
        .order_by("id")
        .values_list("id", flat=True)
        .distinct()[:2000]
    )
    for pk in rng.sample(ids, min(len(ids), 50)):
        earlier = Petition.objects.get(pk=pk)
        people = [person(p) for p in earlier.petitioners.all() if p.id_number][:1]
        out.append((pk, {"petitioners": people, "content": _reword(earlier.content, rng)}))
    return out


def repeat(args: dict[str, Any]) -> dict[str, Any]:
    from fazhi.petitions.services.registration import petition_repeat_check

    actor = _user("sd_clerk")
    planted = _planted()
    times: list[float] = []
    found = 0
    for earlier, check in planted:
        for rep in range(1 + int(args.get("reps", 2))):
            start = time.perf_counter()
            flags = petition_repeat_check(
                actor=actor, petitioners=check["petitioners"], content=check["content"]
            )
            elapsed = time.perf_counter() - start
            if rep:  # the first call of each warms caches
                times.append(elapsed)
        if any(f.get("petition_id") == earlier for f in flags if f.get("kind") == "repeat"):
            found += 1
    return {
        "pairs": len(planted),
        "found": found,
        "recall": found / len(planted) if planted else None,
        "p50_ms": p50(times) * 1000 if times else None,
        "planted_by": "scale.json"
        if _pick(_scale(), "duplicates", "planted_duplicates", "duplicate_pairs", "pairs")
        else "harness",
    }


# --- Query plans ---------------------------------------------------------------------------------------


def _explain(sql: str, params: Any) -> list[str]:
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("EXPLAIN " + sql, params)
            return [r[0] for r in cur.fetchall()]
        cur.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [" " * 2 * (r[1] and 1) + str(r[-1]) for r in cur.fetchall()]


def _slowest(fn: Any, top: int) -> list[dict[str, Any]]:
    seen: list[tuple[float, str, Any]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seen.append((time.perf_counter() - start, sql, params))

    with connection.execute_wrapper(wrapper):
        fn()
    seen.sort(key=lambda x: -x[0])
    return [
        {"ms": round(t * 1000, 2), "sql": sql, "plan": _explain(sql, params)}
        for t, sql, params in seen[:top]
        if sql.lstrip().upper().startswith("SELECT")
    ]


def plans(args: dict[str, Any]) -> dict[str, Any]:
    from bench.inproc import _search_subject
    from fazhi.core.indicators import Period
    from fazhi.reports.selectors import dashboard_for

    actor = _user("county_leader")
    year = _latest_year()
    out: dict[str, Any] = {"vendor": connection.vendor}
    word2, word4 = (_words(2, 1) or ["纠纷"])[0], (_words(4, 1) or ["物业纠纷"])[0]
    for name in SEARCHES:
        for word in (word2, word4):
            _search_subject(name, actor, word)()  # warm
            out[f"search {name} q={word}"] = _slowest(_search_subject(name, actor, word), 2)
    dash = lambda: dashboard_for(actor=actor, unit_ref=None, period=Period.year(year), today=date.today())  # noqa: E731
    dash()
    out["indicators"] = _slowest(dash, 4)
    return out
