"""kill -9 in the middle of the work, then restart: nothing half-written, the audit chain intact, the
work can be done again — for an import (run by the worker) and a report (generated in the request)."""

from __future__ import annotations

import os
import signal
import threading
from typing import Any

from fazhi.people.tests.test_ledgers import row, sheet
from fazhi.tests.live import stop
from fazhi.tests.reliability.conftest import Fault, World
from fazhi.workbench.services import JOB_LOST

ROWS = 3000
GRID = "SH-JQ-02"


def residents_in_grid(world: World, url: str) -> int:
    status, units = world.call(url, "GET", f"/api/v1/units?q={GRID}", "leader")
    assert status == 200, units
    grid_id = next(u["id"] for u in units["items"] if u["code"] == GRID)
    status, page = world.call(url, "GET", f"/api/v1/people/residents?unit_id={grid_id}", "leader")
    assert status == 200, page
    return page["count"]


def test_a_worker_killed_mid_import_leaves_no_row_the_job_says_so_and_the_import_runs_again(world, tmp_path):
    data = sheet([row(n, grid=GRID) for n in range(ROWS)])
    fault = Fault(tmp_path / "fault", "people.residents_import.written")
    server = world.home.serve()
    worker = world.home.worker(env=fault.env)
    try:
        before = residents_in_grid(world, server.url)
        status, job = world.upload(
            server.url, "/api/v1/people/imports/residents", "community_a", "居民.xlsx", data
        )
        assert status == 202, job
        pid = fault.reached()  # every row inserted, the transaction not yet committed
        assert pid == worker.pid  # the database queue runs tasks in the worker process itself
        os.kill(pid, signal.SIGKILL)
        stop(worker, kill=True)

        worker = world.home.worker()  # restart: it finds the job its dead predecessor left running
        killed = world.job_done(server.url, "community_a", job["id"])
        assert (killed["status"], killed["message"]) == ("failed", JOB_LOST)
        assert residents_in_grid(world, server.url) == before
        assert "审计链完整" in world.home.fazhi("audit", "verify")

        status, again = world.upload(
            server.url, "/api/v1/people/imports/residents", "community_a", "居民.xlsx", data
        )
        assert status == 202, again
        done = world.job_done(server.url, "community_a", again["id"])
        assert done["status"] == "succeeded", done
        assert residents_in_grid(world, server.url) == before + ROWS
        world.home.fazhi("audit", "verify")
    finally:
        stop(worker)
        stop(server.proc)


def test_a_server_killed_mid_report_leaves_no_report_and_the_report_is_generated_again(world, tmp_path):
    fault = Fault(tmp_path / "fault", "reports.annual_create.written")
    server = world.home.serve(env=fault.env)
    answer: dict[str, Any] = {}

    def draft() -> None:
        try:
            answer["response"] = world.call(server.url, "POST", "/api/v1/reports/annual", "clerk", body)
        except OSError as exc:  # the server died under the request: the browser shows a network error
            answer["error"] = exc

    body = {"unit": "SH", "year": 2025}
    request = threading.Thread(target=draft)
    try:
        request.start()
        pid = fault.reached()  # the report and its first version inserted, not committed
        os.kill(pid, signal.SIGKILL)  # the granian worker running the request
        stop(server.proc, kill=True)
        request.join(timeout=60)
        assert "error" in answer or answer["response"][0] >= 500

        server = world.home.serve()  # restart, no fault armed
        status, reports = world.call(server.url, "GET", "/api/v1/reports/annual", "clerk")
        assert status == 200 and reports["count"] == 0, reports  # no report, so no half version either
        world.home.fazhi("audit", "verify")

        status, report = world.call(server.url, "POST", "/api/v1/reports/annual", "clerk", body)
        assert status == 201, report
        status, versions = world.call(
            server.url, "GET", f"/api/v1/reports/annual/{report['id']}/versions", "clerk"
        )
        assert [v["number"] for v in versions] == [1]
        assert "审计链完整" in world.home.fazhi("audit", "verify")
    finally:
        stop(server.proc)
