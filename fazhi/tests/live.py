"""Real processes for end-to-end tests: `fazhi` commands, `fazhi serve` and `fazhi worker` on a scratch
data folder (and a scratch PostgreSQL database on the PostgreSQL leg), on free loopback ports.

Used by the browser tests, the reliability tests and the load test (bench/load). Every process started
here runs in its own process group, so stopping it (or kill -9 in the fault tests) takes its children
(granian's workers) with it, and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from fazhi.testing import scratch_postgres, scratch_postgres_drop


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Home:
    """A scratch FAZHI_HOME (and database) and the environment every process started on it gets."""

    def __init__(self, path: Path, name: str, *, immediate_tasks: bool = False, **extra: str) -> None:
        self.path = path
        env = {k: v for k, v in os.environ.items() if k not in {"FAZHI_TASKS_IMMEDIATE", "FAZHI_FAULT_POINT"}}
        env["FAZHI_HOME"] = str(path)
        if env.get("DATABASE_URL"):
            env["DATABASE_URL"] = scratch_postgres(env["DATABASE_URL"], f"{name}_{os.getpid()}")
        if immediate_tasks:
            env["FAZHI_TASKS_IMMEDIATE"] = "1"  # exports and imports finish within the request
        env.update(extra)
        self.env = env
        self.processes: list[subprocess.Popen[bytes]] = []

    @property
    def postgres(self) -> bool:
        return bool(self.env.get("DATABASE_URL"))

    def fazhi(self, *args: str, timeout: float = 300) -> str:
        run = subprocess.run(
            [sys.executable, "-m", "fazhi", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if run.returncode != 0:
            raise AssertionError(f"fazhi {' '.join(args)}: {run.stdout}{run.stderr}")
        return run.stdout

    def start(
        self, *args: str, env: dict[str, str] | None = None, log: Path | None = None
    ) -> subprocess.Popen[bytes]:
        """`fazhi <args>` in the background, in its own process group."""
        out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115  # closed with the process
        proc = subprocess.Popen(
            [sys.executable, "-m", "fazhi", *args],
            env={**self.env, **(env or {})},
            stdout=out,
            stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
            start_new_session=True,
        )
        self.processes.append(proc)
        return proc

    def serve(
        self,
        port: int | None = None,
        *,
        workers: int = 1,
        env: dict[str, str] | None = None,
        log: Path | None = None,
    ) -> Server:
        port = port or free_port()
        proc = self.start("serve", "--port", str(port), "--workers", str(workers), env=env, log=log)
        server = Server(proc, port)
        server.wait_ready()
        return server

    def worker(
        self, *, env: dict[str, str] | None = None, log: Path | None = None
    ) -> subprocess.Popen[bytes]:
        return self.start("worker", "--sweep-minutes", "0", env=env, log=log)

    def close(self) -> None:
        for proc in self.processes:
            stop(proc)
        if self.postgres:
            scratch_postgres_drop(self.env["DATABASE_URL"])


class Server:
    def __init__(self, proc: subprocess.Popen[bytes], port: int) -> None:
        self.proc, self.port = proc, port
        self.url = f"http://127.0.0.1:{port}"

    def wait_ready(self) -> None:
        for _ in range(300):
            if self.proc.poll() is not None:
                raise RuntimeError(f"服务进程已退出（{self.proc.returncode}）")
            try:
                urllib.request.urlopen(f"{self.url}/login/", timeout=1)
                return
            except OSError:
                time.sleep(0.1)  # waiting for the port to open, not timing behaviour
        raise RuntimeError("服务未能启动")


def stop(proc: subprocess.Popen[bytes], *, kill: bool = False) -> None:
    """End a process started by Home.start and its children (its process group), and reap it."""
    with contextlib.suppress(ProcessLookupError):  # the group outlives its leader while granian's workers run
        os.killpg(proc.pid, signal.SIGKILL if kill else signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)
