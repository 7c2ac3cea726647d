"""`python -m bench` (`make bench`): every §2 scenario on SQLite and on PostgreSQL.

  python -m bench [--db sqlite|postgres|both] [--scale county|<factor>] [--seed N]
                  [--only list,throughput,indicators,search,report,import,repeat] [--quick] [--readme]

Each figure is printed beside its floor measured in the same run, the ratio and the target; the run
is saved as bench/results/<timestamp>.json, and --readme rewrites the results table of bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import data, http_scenarios, loadgen, readme, scoring
from bench.measure import Result, line, run_document, save
from bench.server import Server

SCENARIOS = ["list", "throughput", "indicators", "search", "report", "import", "repeat"]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description="县级规模基准测试（issue #8 §2）")
    p.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--scale", default="county", help="county（默认，全县规模）或比例，如 0.1、0.01")
    p.add_argument("--seed", type=int, default=20260101, help="生成器的随机种子（默认与 fazhi demo 相同）")
    p.add_argument("--only", default="", help="逗号分隔的场景：" + ",".join(SCENARIOS))
    p.add_argument("--quick", action="store_true", help="更短的测量（开发时用），数字更不稳定")
    p.add_argument("--reps", type=int, default=None, help="每个场景的重复次数（默认 3，--quick 为 1）")
    p.add_argument("--import-rows", type=int, default=None, help="导入的居民行数（默认 100,000 × 规模）")
    p.add_argument("--regenerate", action="store_true", help="重新生成数据，不用 var/bench/ 中的缓存")
    p.add_argument("--readme", action="store_true", help="把本次结果写入 bench/README.md 的结果表")
    p.add_argument("--readme-from", metavar="JSON", help="只用已保存的结果文件重写 bench/README.md，不测量")
    p.add_argument("--no-save", action="store_true", help="不写 bench/results/")
    args = p.parse_args(argv)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(only) - set(SCENARIOS)
    if unknown:
        p.error(f"未知场景：{','.join(sorted(unknown))}（可选：{','.join(SCENARIOS)}）")
    args.scenarios = only or SCENARIOS
    if args.scale != "county":
        try:
            float(args.scale)
        except ValueError:
            p.error("--scale 须为 county 或一个比例，如 0.1")
    return args


def options(args: argparse.Namespace) -> dict[str, Any]:
    quick = args.quick
    factor = 1.0 if args.scale == "county" else float(args.scale)
    return {
        "reps": args.reps or (1 if quick else 3),
        "list_seconds": 2 if quick else 3,
        "list_connections": 4,
        "throughput_seconds": 3 if quick else 10,
        "import_rows": args.import_rows or max(2000, int(100_000 * factor)),
    }


def inproc(ds: data.Dataset, step: str, args: dict[str, Any] | None = None) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.inproc", step, json.dumps(args or {})],
        cwd=data.PROJECT,
        env=ds.env,
        capture_output=True,
        text=True,
        check=False,
    )
    for out_line in reversed(proc.stdout.splitlines()):
        if out_line.startswith("BENCH-RESULT "):
            return json.loads(out_line[len("BENCH-RESULT ") :])
    raise RuntimeError(f"{step} 失败：\n{proc.stderr[-3000:]}")


def pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{data.PG_SERVER}/postgres", connect_timeout=3):
            return True
    except Exception:
        return False


def say(result: Result) -> None:
    print(line(result), flush=True)


def run_db(db: str, args: argparse.Namespace, opts: dict[str, Any], generator: bool) -> dict[str, Any]:
    started = time.monotonic()
    print(
        f"\n== {db}：规模 {args.scale if generator else 'demo（少海街道演示数据；生成器尚未可用）'}，种子 {args.seed} ==",
        flush=True,
    )
    ds = data.ensure(
        data.dataset(db, args.scale, args.seed, generator=generator),
        generator=generator,
        regenerate=args.regenerate,
    )
    prep = inproc(ds, "prepare")
    print(f"  数据量：{prep['counts']}；{prep['db_version']}", flush=True)
    results: list[Result] = []
    want = set(args.scenarios)
    if want & {"list", "throughput"}:
        if not loadgen.available():
            print("  " + loadgen.INSTALL_HINT, flush=True)
            for s in sorted(want & {"list", "throughput"}):
                results.append(Result(s, "all", None, "", skipped="wrk missing: " + loadgen.INSTALL_HINT))
        else:
            with Server(ds) as server:
                print(
                    f"  服务：fazhi serve（granian，2 个 worker）pid {server.proc.pid if server.proc else '?'} 端口 {server.port}",
                    flush=True,
                )
                if "list" in want:
                    results += http_scenarios.list_api(server.base, prep, opts, say)
                if "throughput" in want:
                    results += http_scenarios.throughput(server.base, prep, opts, say)
    raw: dict[str, Any] = {}
    reps = opts["reps"]
    if "indicators" in want:
        raw["indicators"] = inproc(ds, "indicators", {"reps": max(5, 2 * reps + 1)})
        tenth = None
        if generator:
            tds = data.ensure(
                data.dataset(db, data.tenth(args.scale), args.seed, generator=True), generator=True
            )
            tenth = inproc(tds, "indicators", {"reps": max(5, 2 * reps + 1)})
        raw["indicators_tenth"] = tenth
        for r in scoring.indicators(raw["indicators"], tenth):
            say(r)
            results.append(r)
    if "search" in want:
        raw["search"] = inproc(ds, "search", {"reps": max(2, reps), "words": 4})
        for r in scoring.search(raw["search"], prep["counts"]):
            say(r)
            results.append(r)
    if "report" in want:
        raw["report"] = inproc(ds, "report", {"reps": reps})
        for r in scoring.report(raw["report"]):
            say(r)
            results.append(r)
    if "import" in want:
        raw["import"] = inproc(ds, "import", {"rows": opts["import_rows"], "reps": max(1, min(reps, 2))})
        for r in scoring.import_(raw["import"]):
            say(r)
            results.append(r)
    if "repeat" in want:
        raw["repeat"] = inproc(ds, "repeat", {"reps": reps})
        for r in scoring.repeat(raw["repeat"], prep["counts"]):
            say(r)
            results.append(r)
    plans = inproc(ds, "plans") if want & {"search", "indicators"} else {}
    for persona in prep["personas"].values():
        persona.pop("token", None)  # never saved
    return {
        "db": db,
        "db_version": prep["db_version"],
        "dataset": {"factor": ds.factor, "seed": ds.seed, "name": ds.home.name, "counts": prep["counts"]},
        "personas": prep["personas"],
        "results": [r.as_dict() for r in results],
        "raw": raw,
        "plans": plans,
        "seconds": round(time.monotonic() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.readme_from:
        readme.update(json.loads(Path(args.readme_from).read_text(encoding="utf-8")))
        print(f"bench/README.md 已按 {args.readme_from} 更新")
        return 0
    opts = options(args)
    os.environ.setdefault("PYTHONPATH", str(data.PROJECT))
    started = datetime.now(UTC)
    generator = data.has_scale_generator()
    if not generator:
        print("注意：fazhi demo 尚无 --scale（县级数据生成器未合入），改用少海街道演示数据；比例只说明方法。")
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    runs = []
    for db in dbs:
        if db == "postgres" and not pg_available():
            print(
                f"\n== postgres：{data.PG_SERVER} 无 PostgreSQL 服务，跳过（设置 BENCH_PG_URL 指向服务器）=="
            )
            continue
        runs.append(run_db(db, args, opts, generator))
    document = run_document(
        started=started,
        options={
            "scale": args.scale,
            "seed": args.seed,
            "scenarios": args.scenarios,
            "quick": args.quick,
            **opts,
            "generator": generator,
        },
        runs=runs,
    )
    print()
    print(readme.summary_text(document))
    if not args.no_save:
        print(f"结果已保存：{save(document).relative_to(data.PROJECT)}")
    if args.readme:
        readme.update(document)
        print("bench/README.md 结果表已更新")
    return 0
