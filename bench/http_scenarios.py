"""Scenarios over HTTP against `fazhi serve`: the scoped list API (§2 row 1) and mixed-read throughput
at 64 connections (row 2), each interleaved with its floor on the same server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench import loadgen
from bench.measure import Result, p50, throughput_result

LISTS = {
    # name -> (API path, floor name)
    "petitions": ("/api/v1/petitions/", "petitions"),
    "disputes": ("/api/v1/disputes/cases", "disputes"),
    "grid events": ("/api/v1/grid/events", "events"),
}
PERSONAS = {"grid worker": "grid_worker", "community clerk": "cm_clerk", "leader": "county_leader"}
PAGE_SIZE = 20


def _interleave(
    base: str, pairs: dict[str, list[tuple[str, str]]], *, reps: int, connections: int, seconds: float
) -> dict[str, list[dict[str, Any]]]:
    runs: dict[str, list[dict[str, Any]]] = {k: [] for k in pairs}
    for _ in range(reps):
        for name, requests in pairs.items():
            runs[name].append(loadgen.run(base, requests, connections=connections, seconds=seconds))
    return runs


def list_api(
    base: str, prep: dict[str, Any], opts: dict[str, Any], say: Callable[[Result], None]
) -> list[Result]:
    results = []
    for list_name, (api_path, floor_name) in LISTS.items():
        for label, role in PERSONAS.items():
            persona = prep["personas"].get(role)
            if persona is None:
                continue
            token = persona["token"]
            status, first = loadgen.get_json(f"{base}{api_path}?page=1&page_size={PAGE_SIZE}", token)
            if status != 200:
                r = Result(
                    "list", f"{list_name} p1 as {label}", None, "req/s", skipped=f"API answered {status}"
                )
                say(r)
                results.append(r)
                continue
            last = max(1, -(-first["count"] // PAGE_SIZE))
            for wanted in (1, 500):
                page = min(wanted, last)
                subject_path = f"{api_path}?page={page}&page_size={PAGE_SIZE}"
                scope = persona["scope"]
                where = f"&unit={scope['unit']}" if "unit" in scope else f"&prefix={scope.get('prefix', '')}"
                floor_path = f"/bench/floor/{floor_name}/?page={page}&page_size={PAGE_SIZE}{where}"
                _, subject_body = loadgen.get_json(base + subject_path, token)
                _, floor_body = loadgen.get_json(base + floor_path, token)
                runs = _interleave(
                    base,
                    {"subject": [(subject_path, token)], "floor": [(floor_path, token)]},
                    reps=opts["reps"],
                    connections=opts["list_connections"],
                    seconds=opts["list_seconds"],
                )
                details = {
                    "page": page,
                    "page_wanted": wanted,
                    "rows_in_scope": subject_body["count"],
                    "floor_rows_in_scope": floor_body["count"] if floor_body else None,
                    "same_rows": bool(floor_body)
                    and floor_body["count"] == subject_body["count"]
                    and [i["id"] for i in floor_body["items"]] == [i["id"] for i in subject_body["items"]],
                    "rows_on_page": len(subject_body["items"]),
                    "subject_p99_ms": p50([r["p99_ms"] for r in runs["subject"]]),
                    "errors": sum(r["non_2xx"] + r["socket_errors"] for rs in runs.values() for r in rs),
                    "runs": runs,
                }
                r = throughput_result(
                    "list",
                    f"{list_name} p{wanted} as {label}",
                    p50([x["rps"] for x in runs["subject"]]),
                    p50([x["rps"] for x in runs["floor"]]),
                    minimum=0.5,
                    details=details,
                )
                say(r)
                results.append(r)
    return results


def throughput(
    base: str, prep: dict[str, Any], opts: dict[str, Any], say: Callable[[Result], None]
) -> list[Result]:
    mixed: list[tuple[str, str]] = []
    for role in PERSONAS.values():
        persona = prep["personas"].get(role)
        if persona is None:
            continue
        for api_path, _ in LISTS.values():
            mixed.append((f"{api_path}?page=1&page_size={PAGE_SIZE}", persona["token"]))
            mixed.append((f"{api_path}?page=2&page_size={PAGE_SIZE}", persona["token"]))
        mixed.append(("/api/v1/me", persona["token"]))
    # Only the reads each persona may make: a refused one would be a cheap 404 flattering the figure.
    mixed = [(p, t) for p, t in mixed if loadgen.get_json(base + p, t)[0] == 200]
    runs = _interleave(
        base,
        {"subject": mixed, "floor": [("/healthz", "")]},
        reps=opts["reps"],
        connections=64,
        seconds=opts["throughput_seconds"],
    )
    p99 = p50([x["p99_ms"] for x in runs["subject"]])
    r = throughput_result(
        "throughput",
        "mixed reads, 64 connections",
        p50([x["rps"] for x in runs["subject"]]),
        p50([x["rps"] for x in runs["floor"]]),
        minimum=0.3,
        details={
            "p99_ms": p99,
            "p50_ms": p50([x["p50_ms"] for x in runs["subject"]]),
            "floor_p99_ms": p50([x["p99_ms"] for x in runs["floor"]]),
            "paths": sorted({p for p, _ in mixed}),
            "errors": sum(x["non_2xx"] + x["socket_errors"] for rs in runs.values() for x in rs),
            "runs": runs,
        },
    )
    r.target += f"; p99 {p99:.0f} ms" if p99 is not None else ""
    say(r)
    return [r]
