"""A long writer (a big import, held open mid-transaction) beside many readers and a few writers through
the live server: readers are never blocked, writes wait their turn and succeed, and a write that waits
longer than the busy timeout is told in Chinese to retry (503) — never a 500, never "database is locked".

PostgreSQL locks rows, not the database: there the writes do not wait at all.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from fazhi.people.tests.test_ledgers import row, sheet
from fazhi.tests.live import stop
from fazhi.tests.reliability.conftest import Fault, World

READERS = 40
WRITERS = 4
READS = [
    "/api/v1/grid/events",
    "/api/v1/people/residents",
    "/api/v1/units",
    "/api/v1/me",
    "/api/v1/units/tree",
]


def event(n: int) -> dict[str, object]:
    return {"category": "safety", "description": f"井盖松动有安全隐患（{n}）", "location": "锦秋路口"}


def long_writer(world: World, url: str, fault: Fault) -> str:
    """An import standing at its pause point: on SQLite it holds the database's write lock."""
    data = sheet([row(n, grid="SH-JQ-03") for n in range(2000)])
    status, job = world.upload(url, "/api/v1/people/imports/residents", "community_a", "居民.xlsx", data)
    assert status == 202, job
    fault.reached()
    return job["id"]


def test_readers_pass_a_long_writer_and_writers_wait_for_it_then_succeed(world, tmp_path):
    fault = Fault(tmp_path / "fault", "people.residents_import.written")
    server = world.home.serve(workers=2)
    worker = world.home.worker(env=fault.env)
    try:
        job_id = long_writer(world, server.url, fault)
        with ThreadPoolExecutor(max_workers=16) as pool:
            reads = list(
                pool.map(
                    lambda i: world.call(server.url, "GET", READS[i % len(READS)], "leader"), range(READERS)
                )
            )
            assert [s for s, _ in reads] == [200] * READERS  # WAL: readers do not wait for the writer
            writes = [
                pool.submit(world.call, server.url, "POST", "/api/v1/grid/events", "grid_a1", event(n))
                for n in range(WRITERS)
            ]
            fault.release()  # the long write commits; the queued writes go through
            answers = [w.result() for w in writes]
        assert [s for s, _ in answers] == [201] * WRITERS, answers
        assert world.job_done(server.url, "community_a", job_id)["status"] == "succeeded"
    finally:
        stop(worker)
        stop(server.proc)


def test_a_write_that_outwaits_the_busy_timeout_is_told_to_retry_in_chinese(world, tmp_path):
    fault = Fault(tmp_path / "fault", "people.residents_import.written")
    server = world.home.serve(env={"FAZHI_DB_BUSY_TIMEOUT": "1"})
    worker = world.home.worker(env=fault.env)
    try:
        job_id = long_writer(world, server.url, fault)
        status, body = world.call(server.url, "POST", "/api/v1/grid/events", "grid_a1", event(0))
        if world.home.postgres:
            assert status == 201, body  # row locks: nothing to wait for
        else:
            assert status == 503, body
            assert body["code"] == "busy" and "请稍后重试" in body["message"]
        fault.release()
        assert world.job_done(server.url, "community_a", job_id)["status"] == "succeeded"
        status, body = world.call(server.url, "POST", "/api/v1/grid/events", "grid_a1", event(1))
        assert status == 201, body  # the retry, once the long write is done
    finally:
        stop(worker)
        stop(server.proc)
