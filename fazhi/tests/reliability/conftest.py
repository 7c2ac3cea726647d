"""Real `fazhi serve` and `fazhi worker` processes on a scratch home with the 少海街道 org tree and its
personas, for the fault tests: kill -9 mid-transaction, restart, check nothing was half-written.

Processes are paused at a named point (fazhi/core/faults.py) through two FIFOs, so the kill lands
mid-way by construction, not by timing. Waits are bounded: a process that never reaches its point fails
the test instead of hanging it.
"""

from __future__ import annotations

import json
import os
import select
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fazhi.core.faults import ENV
from fazhi.tests.live import Home

PASSWORD = "Reliability-2026"
WAIT = 120  # seconds: an upper bound on waiting for a process to reach a point, never a timing claim

# Runs in a `python -c` on the scratch home: the org tree, the personas and an API token for each.
WORLD = f"""
import json, django
django.setup()
from fazhi.org.demo import DemoContext, load
from fazhi.org.services import token_issue
from fazhi.testing import PERSONAS, persona
load(DemoContext(password={PASSWORD!r}))
print(json.dumps({{name: token_issue(user=persona(name))[0] for name in PERSONAS}}))
"""


class World:
    """A scratch home with the personas, their API tokens and a JSON client for the live server."""

    def __init__(self, home: Home) -> None:
        self.home = home
        import subprocess
        import sys

        run = subprocess.run(
            [sys.executable, "-c", WORLD], env=home.env, capture_output=True, text=True, timeout=300
        )
        assert run.returncode == 0, run.stderr
        self.tokens: dict[str, str] = json.loads(run.stdout.strip().splitlines()[-1])

    def call(
        self,
        url: str,
        method: str,
        path: str,
        who: str,
        body: Any = None,
        *,
        raw: bytes | None = None,
        content_type: str = "application/json",
        timeout: float = 60,
    ) -> tuple[int, Any]:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(f"{url}{path}", data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.tokens[who]}")
        if data is not None:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, payload = exc.code, exc.read()
        try:
            return status, json.loads(payload or b"null")
        except ValueError:
            return status, payload.decode(errors="replace")

    def upload(self, url: str, path: str, who: str, filename: str, content: bytes) -> tuple[int, Any]:
        boundary = "----fazhi-reliability"
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.call(
            url, "POST", path, who, raw=body, content_type=f"multipart/form-data; boundary={boundary}"
        )

    def job_done(self, url: str, who: str, job_id: str) -> dict[str, Any]:
        """Follow a job as its owner would until it has finished, one way or the other."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            status, job = self.call(url, "GET", f"/api/v1/jobs/{job_id}", who)
            assert status == 200, job
            if job["status"] in {"succeeded", "failed"}:
                return job
            time.sleep(0.2)  # polling a job page, as the browser does; not timing behaviour
        raise AssertionError(f"任务 {job_id} 在 {WAIT} 秒内未结束：{job}")


class Fault:
    """A pause point armed through FAZHI_FAULT_POINT: the process reaching it reports its pid and waits."""

    def __init__(self, folder: Path, point: str) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        os.mkfifo(folder / "reached")
        os.mkfifo(folder / "release")
        self.env = {ENV: f"{point}={folder}"}

    def reached(self) -> int:
        """Block (bounded) until a process stands at the point; its pid."""
        fd = os.open(self.folder / "reached", os.O_RDONLY | os.O_NONBLOCK)
        try:
            ready, _, _ = select.select([fd], [], [], WAIT)
            assert ready, f"进程未在 {WAIT} 秒内到达暂停点"
            data = b""
            while chunk := _read(fd):
                data += chunk
            return int(data)
        finally:
            os.close(fd)

    def release(self) -> None:
        """Let the paused process go on."""
        deadline = time.monotonic() + WAIT
        while True:
            try:
                fd = os.open(self.folder / "release", os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError:  # ENXIO: it has reported but not yet opened `release`
                assert time.monotonic() < deadline, "暂停的进程未等待放行"
                time.sleep(0.05)  # waiting for the other end of a FIFO, not timing behaviour
        os.close(fd)


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 64)
    except BlockingIOError:
        select.select([fd], [], [], WAIT)
        return os.read(fd, 64)


@pytest.fixture(scope="session")
def world(tmp_path_factory: Any) -> Iterator[World]:
    home = Home(tmp_path_factory.mktemp("reliability-home"), "fazhi_reliability")
    try:
        home.fazhi("setup")
        yield World(home)
    finally:
        home.close()
