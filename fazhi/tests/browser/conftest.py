"""A live `fazhi serve` on a fresh data folder with the demo loaded, and headless Chromium to drive it.

Uses Debian's chromium (/usr/bin/chromium), never a browser download. Without it the browser tests are
skipped with a message saying so. On the PostgreSQL leg the server uses a scratch PostgreSQL database.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from fazhi.testing import scratch_postgres, scratch_postgres_drop

CHROMIUM = os.environ.get("FAZHI_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "Browser-demo-2022"
ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(reason=f"浏览器测试跳过：未找到 {CHROMIUM}（apt-get install chromium 后再运行）")
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(skip)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, home: Path, env: dict[str, str], port: int) -> None:
        self.home, self.env, self.port = home, env, port
        self.url = f"http://127.0.0.1:{port}"

    def fazhi(self, *args: str) -> str:
        run = subprocess.run(
            [sys.executable, "-m", "fazhi", *args], env=self.env, capture_output=True, text=True, timeout=300
        )
        if run.returncode != 0:
            raise AssertionError(f"fazhi {' '.join(args)}: {run.stdout}{run.stderr}")
        return run.stdout

    def totp(self, username: str) -> str:
        return self.fazhi("manage", "totp_code", username).split("（")[0].strip()


@pytest.fixture(scope="session")
def server(tmp_path_factory: Any) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("browser-home")
    env = {k: v for k, v in os.environ.items() if k not in {"FAZHI_TASKS_IMMEDIATE"}}
    env["FAZHI_HOME"] = str(home)
    if env.get("DATABASE_URL"):
        env["DATABASE_URL"] = scratch_postgres(env["DATABASE_URL"], f"fazhi_browser_{os.getpid()}")
    env["FAZHI_TASKS_IMMEDIATE"] = "1"  # exports and imports finish within the request
    port = _free_port()
    srv = Server(home, env, port)
    srv.fazhi("setup")
    srv.fazhi("demo", "--password", PASSWORD)
    proc = subprocess.Popen(
        [sys.executable, "-m", "fazhi", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{srv.url}/login/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)  # waiting for the port to open, not timing behaviour
        else:
            raise RuntimeError("服务未能启动")
        yield srv
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if env.get("DATABASE_URL"):
            scratch_postgres_drop(env["DATABASE_URL"])


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


_STATES: dict[str, Any] = {}


def login(browser: Any, server: Server, username: str, viewport: dict[str, int] = DESKTOP) -> Any:
    """A page signed in as `username`. Each persona logs in through the form once per run; later pages
    reuse its session, since a TOTP code may not be used twice (django-otp refuses a replayed code)."""
    if username in _STATES:
        context = browser.new_context(
            viewport=viewport,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            accept_downloads=True,
            storage_state=_STATES[username],
        )
        page = context.new_page()
        page.goto(f"{server.url}/")
        return page
    context = browser.new_context(
        viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai", accept_downloads=True
    )
    page = context.new_page()
    page.goto(f"{server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    if username in {"sysadmin", "secadmin", "auditor"}:
        page.click("summary")
        page.fill("input[name=otp]", server.totp(username))
    page.click("button[type=submit]")
    page.wait_for_load_state()
    if page.url.rstrip("/") == server.url:
        _STATES[username] = context.storage_state()
    return page


def today_cn() -> date:
    """The server's today (Asia/Shanghai), which is not the machine's from 16:00 UTC on."""
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
