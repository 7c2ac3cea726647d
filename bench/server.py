"""The server under test: `fazhi serve` (granian) on a free loopback port with the dataset's database
and FAZHI_BENCH=1 (the raw-SQL floors), stopped by its process id afterwards."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import TracebackType

from bench.data import PROJECT, Dataset


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, ds: Dataset, *, workers: int = 2) -> None:
        self.ds = ds
        self.port = free_port()
        self.workers = workers
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = Path(ds.home) / "bench-server.log"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        env = {**self.ds.env, "FAZHI_BENCH": "1"}
        # `fazhi serve` execs granian, so this pid is granian's; its own session holds its workers.
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "fazhi",
                "serve",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
            ],
            cwd=PROJECT,
            env=env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"服务未能启动，见 {self.log}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__(None, None, None)
        raise SystemExit(f"服务 90 秒内未就绪，见 {self.log}")

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        pid = self.proc.pid
        os.killpg(pid, signal.SIGTERM)  # the group led by our pid: granian and its workers
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(pid, signal.SIGKILL)
            self.proc.wait(timeout=5)
