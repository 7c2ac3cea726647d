"""python -m bench.load [--db sqlite|postgres] [--users 200] [--minutes 5] [--topology single|production]

Builds a scratch home (SQLite file or a scratch PostgreSQL database), loads the data (`fazhi demo` by
default; `--data "demo --scale 0.1"` or any `fazhi` command line once the generator has it), starts the
topology, runs locust headless, then checks every write the users were told succeeded is stored, and
saves bench/results/load-<db>-<topology>-<time>.json. Exit status 1 when there were errors or lost writes.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
PASSWORD = "Load-test-2026"
PG_BASE = "postgres://postgres@127.0.0.1:5432/fz_rel_load"
REDIS_BASE = "redis://127.0.0.1:6379"

# Run on the home after the data is loaded: API tokens for the personas and the ids the users need.
CONTEXT = """
import json, django
django.setup()
from fazhi.org.models import Unit, User
from fazhi.org.services import token_issue
from fazhi.disputes.models import MediationOrg, Mediator
tokens = {u: token_issue(user=User.objects.get(username=u))[0]
          for u in ["leader", "clerk", "community_a", "grid_a1", "grid_b1"]}
org = MediationOrg.objects.filter(unit__code="SH-JQ", kind="people").order_by("pk").first()
director = Mediator.objects.get(org=org, role="director")
grids = list(Unit.objects.filter(code__in=["SH-JQ-01", "SH-JQ-02"]).order_by("code").values_list("pk", flat=True))
print(json.dumps({"tokens": tokens, "org": org.pk, "mediator": director.pk, "grids": grids}))
"""

# Run after the load: what the database holds. stdin: the ids the users were told were created.
STORED = """
import json, sys, django
django.setup()
from django.db import connection
from fazhi.petitions.models import Petition
from fazhi.grid.models import GridEvent
from fazhi.disputes.models import Dispute, MediationSession
from fazhi.workbench.models import Job
told = json.load(sys.stdin)
models = {"petition": Petition, "grid_event": GridEvent, "dispute": Dispute, "job": Job}
out = {"totals": {k: m.objects.count() for k, m in models.items()}, "missing": {}}
out["totals"]["session"] = MediationSession.objects.count()
for kind, ids in (told or {}).get("created", {}).items():
    stored = {str(pk) for pk in models[kind].objects.filter(pk__in=ids).values_list("pk", flat=True)}
    out["missing"][kind] = sorted(set(map(str, ids)) - stored)
jobs = Job.objects.filter(pk__in=(told or {}).get("created", {}).get("job", []))
out["jobs"] = {s: jobs.filter(status=s).count() for s in ["queued", "running", "succeeded", "failed"]}
sessions = {int(k): v for k, v in (told or {}).get("sessions", {}).items()}
counts = {d: MediationSession.objects.filter(dispute_id=d).count() for d in sessions}
out["missing"]["session"] = {d: (sessions[d], counts[d]) for d in sessions if counts[d] != sessions[d]}
out["database"] = connection.vendor + " " + (connection.cursor().connection.execute("select sqlite_version()").fetchone()[0]
    if connection.vendor == "sqlite" else str(connection.pg_version))
print(json.dumps(out))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--topology", choices=["single", "production"], default="single")
    parser.add_argument(
        "--data", default="demo", help='the `fazhi` command that loads the data, e.g. "demo --scale 0.1"'
    )
    parser.add_argument("--workers", type=int, default=2, help="granian workers per app process")
    parser.add_argument("--spawn-rate", type=float, default=20, help="users started per second")
    parser.add_argument(
        "--pg-url", default=PG_BASE, help="PostgreSQL server (a scratch database is made beside it)"
    )
    parser.add_argument(
        "--redis-db", type=int, default=9, help="Redis database number for the production topology"
    )
    args = parser.parse_args(argv)
    if args.topology == "production" and args.db != "postgres":
        parser.error("--topology production 使用 PostgreSQL：请同时指定 --db postgres")

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from fazhi.tests.live import Home, free_port

    if args.db == "postgres":
        os.environ["DATABASE_URL"] = args.pg_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    work = Path(tempfile.mkdtemp(prefix="fazhi-load-"))
    extra = {}
    if args.topology == "production":
        extra["REDIS_URL"] = f"{REDIS_BASE}/{args.redis_db}"
    home = Home(work / "home", "fazhi_load", **extra)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        _flush_redis(home.env.get("REDIS_URL"))
        step(
            "准备数据",
            lambda: (
                home.fazhi("setup"),
                home.fazhi(*shlex.split(args.data), "--password", PASSWORD, timeout=3600),
            ),
        )
        context = json.loads(_python(home, CONTEXT).strip().splitlines()[-1])
        apps = 2 if args.topology == "production" else 1
        servers = [
            home.serve(free_port(), workers=args.workers, log=work / f"serve-{i}.log") for i in range(apps)
        ]
        home.worker(log=work / "worker.log")  # the exports the users start are its jobs
        context["hosts"] = [s.url for s in servers]
        (work / "context.json").write_text(json.dumps(context), encoding="utf-8")
        before = json.loads(_python(home, STORED, stdin="null").strip().splitlines()[-1])

        prefix = work / "locust"
        cmd = [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            "-u",
            str(args.users),
            "-r",
            str(args.spawn_rate),
            "-t",
            f"{int(args.minutes * 60)}s",
            "--host",
            servers[0].url,
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "30",
            "--loglevel",
            "WARNING",
        ]
        env = {
            **os.environ,
            "LOAD_CONTEXT": str(work / "context.json"),
            "LOAD_CREATED": str(work / "created.json"),
        }
        print(f"负载：{args.users} 个用户，{args.minutes:g} 分钟，{', '.join(context['hosts'])}", flush=True)
        started = time.monotonic()
        locust = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
        elapsed = time.monotonic() - started
        (work / "locust.log").write_text(locust.stdout + locust.stderr, encoding="utf-8")
        told = json.loads((work / "created.json").read_text(encoding="utf-8"))
        after = _settled(home, told)
        result = _result(args, prefix, told, before, after, elapsed, context)
        result["logs"] = str(work)
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"load-{args.db}-{args.topology}-{stamp}.json"
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        _print(result, out)
        return 0 if result["passed"] else 1
    finally:
        home.close()
        _flush_redis(home.env.get("REDIS_URL"))


def step(label: str, action: Any) -> None:
    print(f"{label} …", flush=True)
    started = time.monotonic()
    action()
    print(f"{label}：{time.monotonic() - started:.0f} 秒", flush=True)


def _python(home: Any, code: str, stdin: str | None = None) -> str:
    run = subprocess.run(
        [sys.executable, "-c", code], env=home.env, cwd=ROOT, input=stdin, capture_output=True, text=True
    )
    if run.returncode != 0:
        raise RuntimeError(run.stderr)
    return run.stdout


def _settled(home: Any, told: dict[str, Any]) -> dict[str, Any]:
    """What is stored, once the worker has finished the jobs the users started (bounded wait)."""
    for _ in range(120):
        after = json.loads(_python(home, STORED, stdin=json.dumps(told)).strip().splitlines()[-1])
        if not after["jobs"]["queued"] and not after["jobs"]["running"]:
            break
        time.sleep(5)  # the worker is draining its queue
    return after


def _flush_redis(url: str | None) -> None:
    if url:
        import redis

        redis.Redis.from_url(url).flushdb()


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _result(
    args: Any,
    prefix: Path,
    told: dict[str, Any],
    before: dict[str, Any],
    after: dict[str, Any],
    elapsed: float,
    context: dict[str, Any],
) -> dict[str, Any]:
    rows = _csv(Path(f"{prefix}_stats.csv"))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    failures = _csv(Path(f"{prefix}_failures.csv"))
    created = {k: len(v) for k, v in told["created"].items()}
    created["session"] = sum(told["sessions"].values())
    grown = {k: after["totals"][k] - before["totals"][k] for k in after["totals"]}
    lost = {k: v for k, v in after["missing"].items() if v}
    from importlib.metadata import version

    import django
    import granian

    result = {
        "scenario": "load",
        "database": args.db,
        "database_version": after["database"],
        "topology": args.topology,
        "app_processes": len(context["hosts"]),
        "granian_workers_per_process": args.workers,
        "users": args.users,
        "minutes": args.minutes,
        "data": args.data,
        "elapsed_s": round(elapsed, 1),
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "throughput_rps": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "max_ms": float(total["Max Response Time"]),
        "writes_sent": told["sent"],
        "writes_created": created,
        "rows_grown": grown,
        "lost_writes": lost,
        "jobs": after["jobs"],
        "hosts": context["hosts"],
        "by_endpoint": [
            {
                "name": f"{r['Type']} {r['Name']}",
                "requests": int(r["Request Count"]),
                "errors": int(r["Failure Count"]),
                "p50_ms": float(r["50%"]),
                "p95_ms": float(r["95%"]),
                "p99_ms": float(r["99%"]),
            }
            for r in rows
            if r["Name"] != "Aggregated"
        ],
        "failures": failures[:20],
        "versions": {
            "python": platform.python_version(),
            "django": django.get_version(),
            "granian": granian.__version__,
            "locust": version("locust"),
            "cpus": os.cpu_count(),
            "machine": platform.machine(),
        },
        "when": datetime.now().isoformat(timespec="seconds"),
    }
    result["passed"] = (
        result["errors"] == 0 and not lost and all(grown[k] == created.get(k, 0) for k in grown)
    )
    return result


def _print(r: dict[str, Any], out: Path) -> None:
    print(
        f"\n== 负载测试：{r['database']}（{r['database_version']}），{r['topology']}，{r['users']} 用户，{r['minutes']:g} 分钟 =="
    )
    print(f"请求 {r['requests']}，错误 {r['errors']}，吞吐 {r['throughput_rps']} 次/秒")
    print(
        f"p50 {r['p50_ms']:.0f} ms，p95 {r['p95_ms']:.0f} ms，p99 {r['p99_ms']:.0f} ms，最大 {r['max_ms']:.0f} ms"
    )
    print(f"后台任务（导出）：{r['jobs']}")
    print(
        f"写入：告知已创建 {r['writes_created']}，数据库新增 {r['rows_grown']}，丢失 {r['lost_writes'] or '无'}"
    )
    print(f"{'通过' if r['passed'] else '未通过'}；结果：{out.relative_to(ROOT)}")


if __name__ == "__main__":
    raise SystemExit(main())
