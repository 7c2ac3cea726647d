"""The data step: one generated database per (database kind, factor, seed, generator version), cached
under var/bench/ and generated only when missing.

The generator is `fazhi demo --scale <factor> --seed <n> --password <p>` (county-scale data, writing
`$FAZHI_HOME/scale.json`). Where that command has no --scale (before the generator lands) the harness
loads the 少海 demo instead and describes it in the same shape, so the scenarios do not care which.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
CACHE = PROJECT / "var" / "bench"
PASSWORD = "Bench-pass-2026"
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")

# The 少海 demo's accounts standing in for the county personas.
DEMO_PERSONAS = {
    "county_leader": "leader",
    "sd_leader": "leader",
    "sd_clerk": "clerk",
    "cm_clerk": "community_a",
    "grid_worker": "grid_a1",
}


# What decides the contents of a generated database: the generators, the schema, and what is derived
# after generation (the search index, the indicator buckets).
HASHED = (
    "fazhi/**/demo*.py",
    "fazhi/**/scale*.py",
    "fazhi/**/migrations/*.py",
    "fazhi/**/search.py",
    "fazhi/core/buckets*.py",
    "fazhi/**/management/commands/*rebuild*.py",
)
# Derived data rebuilt after generation when the command exists (the generator writes in bulk).
REBUILDS = (("search", "rebuild"), ("indicators", "rebuild"))


def generator_version() -> str:
    """Hash of the code that decides what a generated database holds (HASHED: the generators, every
    migration, what is derived after generation). A change to any makes a new cache entry."""
    digest = hashlib.sha256()
    files = sorted({p for pattern in HASHED for p in PROJECT.glob(pattern)})
    for path in files:
        digest.update(str(path.relative_to(PROJECT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _python() -> str:
    return sys.executable


def has_scale_generator() -> bool:
    out = subprocess.run(
        [_python(), "-m", "fazhi", "demo", "--help"],
        cwd=PROJECT,
        env={**os.environ, "FAZHI_HOME": str(CACHE / "probe")},
        capture_output=True,
        text=True,
        check=False,
    )
    return "--scale" in out.stdout


@dataclass
class Dataset:
    db: str  # "sqlite" or "postgres"
    factor: str  # "county", "0.1", … or "demo"
    seed: int
    home: Path
    database_url: str

    @property
    def env(self) -> dict[str, str]:
        env = {**os.environ, "FAZHI_HOME": str(self.home), "PYTHONPATH": str(PROJECT)}
        env.pop("DATABASE_URL", None)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    @property
    def scale(self) -> dict[str, Any]:
        return json.loads((self.home / "scale.json").read_text())

    @property
    def ready(self) -> bool:
        return (self.home / "bench-ready.json").exists()


def tenth(factor: str) -> str:
    value = 1.0 if factor == "county" else float(factor)
    return f"{value / 10:g}"


def dataset(db: str, factor: str, seed: int, *, generator: bool) -> Dataset:
    name = f"{db}-{factor if generator else 'demo'}-s{seed}-{generator_version()}"
    home = CACHE / name
    url = ""
    if db == "postgres":
        url = f"{PG_SERVER}/fz_bench_{hashlib.sha1(name.encode()).hexdigest()[:10]}"
    return Dataset(db, factor if generator else "demo", seed, home, url)


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _pg_exists(url: str) -> bool:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def ensure(ds: Dataset, *, generator: bool, regenerate: bool = False, say: Any = print) -> Dataset:
    """Generate the dataset unless a complete one is cached; returns it."""
    if not regenerate and ds.ready and (not ds.database_url or _pg_exists(ds.database_url)):
        say(f"  数据：使用缓存 {ds.home.name}")
        return ds
    say(f"  数据：生成 {ds.home.name}（{ds.db}，规模 {ds.factor}，种子 {ds.seed}）…")
    if ds.home.exists():
        shutil.rmtree(ds.home)
    ds.home.mkdir(parents=True)
    if ds.database_url:
        name = ds.database_url.rsplit("/", 1)[1]
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}"')
        _pg_admin(f'CREATE DATABASE "{name}"')
    start = time.monotonic()
    _run([_python(), "-m", "fazhi", "setup"], ds)
    if generator:
        factor = "county" if ds.factor == "county" else ds.factor
        _run(
            [
                _python(),
                "-m",
                "fazhi",
                "demo",
                "--scale",
                factor,
                "--seed",
                str(ds.seed),
                "--password",
                PASSWORD,
            ],
            ds,
        )
    else:
        _run([_python(), "-m", "fazhi", "demo", "--password", PASSWORD], ds)
        (ds.home / "scale.json").write_text(
            json.dumps({"seed": ds.seed, "factor": "demo", "personas": DEMO_PERSONAS}, ensure_ascii=False)
        )
    from fazhi.cli import COMMANDS

    # The county generator builds the search index and the indicator buckets itself (its last stages):
    # rebuilding them again took minutes at county scale and counted as generation time.
    for words in () if generator else REBUILDS:
        if words in COMMANDS:
            say(f"  数据：fazhi {' '.join(words)} …")
            _run([_python(), "-m", "fazhi", *words], ds)
    seconds = time.monotonic() - start
    (ds.home / "bench-ready.json").write_text(json.dumps({"generated_seconds": round(seconds, 1)}))
    say(f"  数据：生成完毕，用时 {seconds:.0f} 秒")
    return ds


def _run(cmd: list[str], ds: Dataset) -> None:
    proc = subprocess.run(
        cmd, cwd=PROJECT, env=ds.env, check=False, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    if proc.returncode != 0:
        raise SystemExit(f"数据生成失败：{' '.join(cmd)}\n{proc.stdout[-4000:]}")
