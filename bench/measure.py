"""Figures, floors, ratios and targets; timing helpers; the result file.

A `Result` is one line of the table: a figure, its floor measured in the same run, the ratio between
them, and the checks its target makes (each `value op limit`); `met` is all checks passing."""

from __future__ import annotations

import json
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"
SCHEMA_VERSION = 1


@dataclass
class Check:
    """One clause of a target: `value op limit`, e.g. ratio >= 0.5, p50_ms <= 100."""

    name: str
    value: float | None
    op: str  # "<=" or ">="
    limit: float

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        return self.value <= self.limit if self.op == "<=" else self.value >= self.limit

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "met": self.met}


@dataclass
class Result:
    scenario: str
    case: str
    figure: float | None
    unit: str
    floor: float | None = None
    floor_unit: str = ""
    ratio: float | None = None
    target: str = ""
    checks: list[Check] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    skipped: str = ""  # why the case could not be measured

    @property
    def met(self) -> bool | None:
        if self.skipped or not self.checks:
            return None
        states = [c.met for c in self.checks]
        if any(s is False for s in states):
            return False
        return None if any(s is None for s in states) else True

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "case": self.case,
            "figure": self.figure,
            "unit": self.unit,
            "floor": self.floor,
            "floor_unit": self.floor_unit,
            "ratio": self.ratio,
            "target": self.target,
            "checks": [c.as_dict() for c in self.checks],
            "met": self.met,
            "skipped": self.skipped,
            "details": self.details,
        }


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def throughput_result(
    scenario: str, case: str, subject: float, floor: float, *, minimum: float, details: dict[str, Any]
) -> Result:
    """Requests per second against the floor's; the target is a minimum share of the floor."""
    r = ratio(subject, floor)
    return Result(
        scenario,
        case,
        round(subject, 1),
        "req/s",
        round(floor, 1),
        "req/s",
        None if r is None else round(r, 3),
        f"≥ {minimum} × floor",
        [Check("ratio", r, ">=", minimum)],
        details,
    )


def percentile(samples: Iterable[float], q: float) -> float:
    values = sorted(samples)
    if not values:
        raise ValueError("no samples")
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def p50(samples: Iterable[float]) -> float:
    return statistics.median(list(samples))


def interleaved(
    subjects: dict[str, Callable[[], Any]], *, reps: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Seconds per call of each callable, run in turn (a, b, a, b, …) so that drift on a shared machine
    hits all alike; `warmup` rounds first, not recorded."""
    times: dict[str, list[float]] = {name: [] for name in subjects}
    for i in range(warmup + reps):
        for name, fn in subjects.items():
            start = time.perf_counter()
            fn()
            elapsed = time.perf_counter() - start
            if i >= warmup:
                times[name].append(elapsed)
    return times


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr) else ""


def versions() -> dict[str, str]:
    """Python, Django, SQLite, granian, wrk of this machine (PostgreSQL's comes from the server)."""
    import sqlite3
    from importlib.metadata import PackageNotFoundError, version

    def pkg(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return ""

    return {
        "python": platform.python_version(),
        "django": pkg("django"),
        "sqlite": sqlite3.sqlite_version,
        "granian": pkg("granian"),
        "wrk": _version(["wrk", "--version"]).split(" [")[0],
        "machine": f"{platform.machine()} {platform.system()} {platform.release()}",
        "cpus": str(_cpus()),
        "cpu_ms": f"{calibration_ms():.0f}",
        "executable": sys.executable,
    }


def calibration_ms(reps: int = 5) -> float:
    """How fast this machine runs Python: the median time of a fixed pure-Python workload (hashing and
    sorting a fixed list). Saved with each run, so that runs on different machines can be compared — the
    ratios against floors compare anyway, the absolute targets (ms, s) only through this."""
    import hashlib

    def work() -> None:
        words = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(60_000)]
        words.sort()

    times = []
    for _ in range(reps):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _cpus() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 0


def run_document(*, started: datetime, options: dict[str, Any], runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON saved for one `python -m bench` run: options, versions, and per database the data size
    and every result."""
    return {
        "schema": SCHEMA_VERSION,
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "options": options,
        "versions": versions(),
        "runs": runs,
    }


def save(document: dict[str, Any], directory: Path = RESULTS_DIR) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = document["started"].replace(":", "").replace("-", "").replace("+0000", "Z")
    path = directory / f"{stamp}.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    return path


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}" if abs(value) >= 1 or value == 0 else f"{value:.3g}"


def line(result: Result) -> str:
    met = {True: "met", False: "NOT met", None: "—"}[result.met]
    if result.skipped:
        return f"  {result.scenario:<11} {result.case:<38} skipped: {result.skipped}"
    return (
        f"  {result.scenario:<11} {result.case:<38} {fmt(result.figure):>9} {result.unit:<6}"
        f" floor {fmt(result.floor):>9} {result.floor_unit:<6} ratio {fmt(result.ratio, 2):>6}"
        f"  target {result.target:<26} {met}"
    )
