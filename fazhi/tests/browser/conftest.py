"""A live `fazhi serve` on a fresh data folder with the demo loaded, and headless Chromium to drive it.

Uses Debian's chromium (/usr/bin/chromium), never a browser download. Without it the browser tests are
skipped with a message saying so. On the PostgreSQL leg the server uses a scratch PostgreSQL database.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from fazhi.tests.live import Home

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


class Server:
    """The browser tests' view of a live server: its address and the `fazhi` command on its home."""

    def __init__(self, home: Home, url: str) -> None:
        self.home, self.url = home.path, url
        self._home = home

    def fazhi(self, *args: str) -> str:
        return self._home.fazhi(*args)

    def totp(self, username: str) -> str:
        return self.fazhi("manage", "totp_code", username).split("（")[0].strip()


@pytest.fixture(scope="session")
def server(tmp_path_factory: Any) -> Iterator[Server]:
    home = Home(tmp_path_factory.mktemp("browser-home"), "fazhi_browser", immediate_tasks=True)
    try:
        home.fazhi("setup")
        home.fazhi("demo", "--password", PASSWORD)
        yield Server(home, home.serve(workers=1).url)
    finally:
        home.close()


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
