"""The results table of bench/README.md (between its markers) and the summary printed after a run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.measure import fmt

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- bench:results -->", "<!-- /bench:results -->"
PLANS_START, PLANS_END = "<!-- bench:plans -->", "<!-- /bench:plans -->"
MET = {True: "✅ met", False: "❌ not met", None: "—"}


def table(document: dict[str, Any]) -> str:
    v = document["versions"]
    # A fixed pure-Python workload's time (bench.measure.calibration_ms): compares machines across runs.
    calibration = f" (calibration {v['cpu_ms']} ms)" if v.get("cpu_ms") else ""
    lines = [
        f"Run {document['started']} · Python {v['python']} · Django {v['django']} · granian {v['granian']}"
        f" · {v.get('wrk') or 'wrk missing'} · {v['cpus']} CPUs{calibration}"
        f" · scale {document['options']['scale']}"
        f"{'' if document['options'].get('generator') else ' (generator missing: 少海 demo data)'}",
        "",
    ]
    for again in document.get("remeasured", []):
        lines += [
            f"Rows of {', '.join(again['scenarios'])} re-measured in run {again['started']}: {again['why']}",
            "",
        ]
    for run in document["runs"]:
        counts = ", ".join(f"{k} {n:,}" for k, n in run["dataset"]["counts"].items())
        lines += [
            f"**{run['db_version']}** — {counts}",
            "",
            "| scenario | case | figure | floor | ratio | target | met? |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in run["results"]:
            if r["skipped"]:
                lines.append(f"| {r['scenario']} | {r['case']} | skipped: {r['skipped']} | | | | — |")
                continue
            extra = ""
            d = r["details"]
            if r["scenario"] == "indicators" and d.get("growth_tenth_to_full") is not None:
                extra = f" (growth {d['growth_tenth_to_full']} ×)"
            if r["scenario"] == "repeat" and d.get("recall") is not None:
                extra = f" (recall {d['recall']:.0%} of {d['pairs']})"
            if r["scenario"] == "list" and not d.get("same_rows", True):
                extra = " (floor rows differ)"
            lines.append(
                f"| {r['scenario']} | {r['case']} | {fmt(r['figure'])} {r['unit']}{extra} |"
                f" {fmt(r['floor'])} {r['floor_unit']} | {fmt(r['ratio'], 2)} | {r['target']} | {MET[r['met']]} |"
            )
        lines.append("")
    return "\n".join(lines)


def plans(document: dict[str, Any]) -> str:
    out = []
    for run in document["runs"]:
        if not run.get("plans"):
            continue
        out.append(f"#### {run['db_version']}\n")
        for name, queries in run["plans"].items():
            if not isinstance(queries, list):  # "vendor", "step_seconds"
                continue
            for q in queries:
                sql = q["sql"] if len(q["sql"]) < 400 else q["sql"][:200] + " … " + q["sql"][-180:]
                out.append(
                    f"**{name}** ({q['ms']} ms)\n\n```sql\n{sql}\n```\n```\n"
                    + "\n".join(q["plan"])
                    + "\n```\n"
                )
    return "\n".join(out)


def _replace(text: str, start: str, end: str, body: str) -> str:
    if start not in text or end not in text:
        return text + f"\n{start}\n{body}\n{end}\n"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def update(document: dict[str, Any], path: Path = README) -> None:
    text = path.read_text() if path.exists() else ""
    text = _replace(text, START, END, table(document))
    text = _replace(text, PLANS_START, PLANS_END, plans(document))
    path.write_text(text)


def summary_text(document: dict[str, Any]) -> str:
    return "== 汇总 ==\n" + table(document)
