"""The harness's own logic: targets, ratios, the result file, wrk output. No timing here."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bench import data, loadgen, readme, scoring
from bench.measure import Check, Result, run_document, save, throughput_result

WRK_OUTPUT = """Running 3s test @ http://127.0.0.1:40111
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    85.12ms   20.01ms 310.00ms   80.00%
    Req/Sec   750.00     50.00   800.00     70.00%
  Latency Distribution
     50%   80.50ms
     75%   95.00ms
     90%  110.00ms
     99%    1.20s
  2250 requests in 3.00s, 1.50MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    749.50
Transfer/sec:    512.00KB
"""


def test_a_list_below_half_its_floor_misses_the_target() -> None:
    below = throughput_result("list", "petitions p1", 40.0, 100.0, minimum=0.5, details={})
    above = throughput_result("list", "petitions p1", 60.0, 100.0, minimum=0.5, details={})
    assert (below.ratio, below.met) == (0.4, False)
    assert (above.ratio, above.met) == (0.6, True)


def test_search_counts_how_many_times_faster_than_the_scan_and_needs_both_clauses() -> None:
    raw = {
        "petitions/2": {
            "subject_ms": 2.0,
            "floor_ms": 400.0,
            "words": [{"word": "物业", "found": 3, "like": 3}],
        },
        "petitions/4": {"subject_ms": 25.0, "floor_ms": 5000.0, "words": []},
    }
    fast, slow = scoring.search(raw, {"petitions": 1000})
    assert fast.ratio == 200.0 and fast.met is True
    assert slow.ratio == 200.0 and slow.met is False  # fast enough relatively, but over 20 ms
    assert [c.name for c in slow.checks if c.met is False] == ["p50_ms"]


def test_indicator_growth_is_checked_only_when_a_tenth_was_measured() -> None:
    full = {"year": 2025, "subject_ms": 60.0, "floor_ms": 30.0}
    (alone,) = scoring.indicators(full, None)
    (grown,) = scoring.indicators(full, {"subject_ms": 30.0})
    assert [c.name for c in alone.checks] == ["p50_ms"] and alone.met is True
    assert grown.details["growth_tenth_to_full"] == 2.0 and grown.met is False


def test_an_import_over_twice_its_floor_misses_and_a_refused_file_is_not_a_figure() -> None:
    raw = {"rows": 100_000, "subject_s": 30.0, "floor_s": 10.0, "errors": 0, "first_errors": []}
    (slow,) = scoring.import_(raw)
    assert (slow.ratio, slow.met) == (3.0, False)
    (refused,) = scoring.import_({**raw, "errors": 2, "first_errors": ["第2行"]})
    assert refused.skipped and refused.met is None


def test_repeat_check_needs_speed_and_recall() -> None:
    (r,) = scoring.repeat(
        {"p50_ms": 10.0, "recall": 0.9, "pairs": 50, "found": 45, "planted_by": "harness"}, {}
    )
    assert r.met is False and [c.name for c in r.checks if not c.met] == ["recall"]


def test_an_unmeasured_check_leaves_the_target_undecided() -> None:
    r = Result("x", "y", None, "ms", checks=[Check("p50_ms", None, "<=", 1.0)])
    assert r.met is None
    assert Result("x", "y", 1.0, "ms", checks=[Check("a", 1.0, "<=", 2.0)], skipped="wrk missing").met is None


def test_a_run_is_saved_as_one_timestamped_json_file(tmp_path: Path) -> None:
    result = throughput_result("list", "petitions p1", 60.0, 100.0, minimum=0.5, details={"page": 1})
    run = {
        "db": "sqlite",
        "db_version": "SQLite 3.40.1",
        "dataset": {"counts": {"petitions": 10}},
        "results": [result.as_dict()],
        "plans": {},
    }
    document = run_document(
        started=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), options={"scale": "0.01"}, runs=[run]
    )
    path = save(document, tmp_path)
    assert path.name == "20260102T030405Z.json"
    saved = json.loads(path.read_text())
    assert {"schema", "started", "finished", "options", "versions", "runs"} <= saved.keys()
    assert {"python", "django", "sqlite", "granian"} <= saved["versions"].keys()
    row = saved["runs"][0]["results"][0]
    assert {k: row[k] for k in ("figure", "floor", "ratio", "target", "met")} == {
        "figure": 60.0,
        "floor": 100.0,
        "ratio": 0.6,
        "target": "≥ 0.5 × floor",
        "met": True,
    }


def test_the_readme_table_is_rewritten_only_between_its_markers(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(f"# Bench\nintro\n{readme.START}\nold\n{readme.END}\noutro\n")
    result = throughput_result("list", "petitions p1", 40.0, 100.0, minimum=0.5, details={})
    run = {
        "db_version": "SQLite 3.40.1",
        "dataset": {"counts": {"petitions": 10}},
        "results": [result.as_dict()],
    }
    document = run_document(
        started=datetime.now(UTC), options={"scale": "0.01", "generator": True}, runs=[run]
    )
    readme.update(document, path)
    text = path.read_text()
    assert text.startswith("# Bench\nintro\n") and f"{readme.END}\noutro\n" in text
    assert "old" not in text
    assert f"CPUs (calibration {document['versions']['cpu_ms']} ms)" in text
    assert "| list | petitions p1 | 40.0 req/s | 100 req/s | 0.4 | ≥ 0.5 × floor | ❌ not met |" in text
    # Rows replaced by a later partial run say so under the header.
    again = {"started": "2026-11-25T11:08:31+00:00", "scenarios": ["search"], "why": "after a fix"}
    readme.update({**document, "remeasured": [again]}, path)
    assert "Rows of search re-measured in run 2026-11-25T11:08:31+00:00: after a fix" in path.read_text()


def test_wrk_output_gives_throughput_latency_and_errors() -> None:
    parsed = loadgen.parse(WRK_OUTPUT)
    assert parsed["rps"] == 749.5
    assert parsed["p50_ms"] == 80.5 and parsed["p99_ms"] == 1200.0
    assert parsed["non_2xx"] == 3 and parsed["requests"] == 2250


def test_the_load_script_sends_each_path_with_its_own_token() -> None:
    script = loadgen._lua([("/api/v1/petitions/?page=1", "fz_a"), ("/healthz", "")])
    assert '{"/api/v1/petitions/?page=1","fz_a"}' in script and '{"/healthz",""}' in script
    assert 'headers["Authorization"] = "Bearer " .. r[2]' in script


def test_cached_data_is_remade_when_a_generator_module_changes(monkeypatch, tmp_path: Path) -> None:
    """The cache key covers the county generator's own modules (`<app>/scale.py`), not only the demo."""
    app = tmp_path / "fazhi" / "grid"
    app.mkdir(parents=True)
    (app / "scale.py").write_text("EVENTS = 1\n")
    monkeypatch.setattr(data, "PROJECT", tmp_path)
    before = data.generator_version()
    (app / "scale.py").write_text("EVENTS = 2\n")
    assert data.generator_version() != before


def test_a_capped_search_count_agrees_with_a_scan_that_found_at_least_the_cap() -> None:
    words = [
        {"word": "物业", "found": {"count": 1000, "capped": True}, "like": 4321},
        {"word": "漏水", "found": {"count": 12, "capped": False}, "like": 12},
    ]
    raw = {"events/2": {"subject_ms": 2.0, "floor_ms": 400.0, "words": words}}
    (result,) = scoring.search(raw, {"grid_events": 10_000})
    assert result.details["same_hits_as_like"] is True
    words[1]["like"] = 13  # the scan found a record the search missed
    (result,) = scoring.search(raw, {"grid_events": 10_000})
    assert result.details["same_hits_as_like"] is False


def test_the_subdistrict_dashboard_is_a_second_row_with_its_own_growth() -> None:
    full = {
        "year": 2025,
        "unit": "博兴县",
        "subject_ms": 60.0,
        "floor_ms": 30.0,
        "subdistrict": "城东街道",
        "subdistrict_ms": 150.0,
    }
    county, sub = scoring.indicators(full, {"subject_ms": 50.0, "subdistrict_ms": 50.0})
    assert "博兴县" in county.case and "城东街道" in sub.case
    assert county.met is True and county.details["growth_tenth_to_full"] == 1.2
    assert sub.met is False and {c.name for c in sub.checks if c.met is False} == {
        "p50_ms",
        "growth_tenth_to_full",
    }
