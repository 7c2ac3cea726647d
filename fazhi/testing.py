"""Fixed personas and helpers shared by every app's tests (core imports no app, so they live here).

The world is the 少海街道 demo tree: community A = 锦秋社区 (grid A1 = 锦秋社区第一网格), community B =
湖滨社区 (grid B1). Personas: leader, clerk, community_a, grid_a1, grid_b1 (the outsider for community
A's records), adviser, sysadmin, secadmin, auditor.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

PASSWORD = "Test-pass-2022"
PERSONAS = [
    "leader",
    "clerk",
    "community_a",
    "grid_a1",
    "grid_b1",
    "adviser",
    "sysadmin",
    "secadmin",
    "auditor",
]
COMMUNITY_A, COMMUNITY_B = "SH-JQ", "SH-HB"
GRID_A1, GRID_B1 = "SH-JQ-01", "SH-HB-01"


def load_world() -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed: tests only
    from fazhi.org.demo import DemoContext, load

    load(DemoContext(password=PASSWORD))


def persona(name: str) -> Any:
    from fazhi.org.models import User

    user = User.objects.select_related("unit").get(username=name)
    return user


def unit(code: str) -> Any:
    from fazhi.org.models import Unit

    return Unit.objects.get(code=code)


def totp_now(username: str) -> str:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def api_client(name: str) -> Client:
    """A test client authenticated with a bearer token for `name`, as an API client would be."""
    from fazhi.org.services import token_issue

    raw, _ = token_issue(user=persona(name))
    return Client(headers={"Authorization": f"Bearer {raw}"})


def page_client(name: str) -> Client:
    """A test client logged in through the session, as the pages are used."""
    client = Client()
    client.force_login(persona(name))
    if name in ("sysadmin", "secadmin", "auditor"):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.get(user__username=name, confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def scratch_postgres(url: str, name: str) -> str:
    """A fresh, empty PostgreSQL database beside the test one (for tests that run real processes).

    Callers put the process id in `name` so parallel test runs on one server keep apart."""
    import psycopg

    base = url.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"


def scratch_postgres_drop(url: str) -> None:
    """Drop a database made by scratch_postgres once its test is done."""
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Any:
    """Administrator calendar rows are cached per process; a rolled-back test must not leave them behind."""
    from fazhi.core.calendar import calendar_cache_clear

    calendar_cache_clear()
    yield
    calendar_cache_clear()


@pytest.fixture
def requests_run_on_commit(django_capture_on_commit_callbacks: Any, monkeypatch: Any) -> None:
    """Test-client requests run their on-commit callbacks (queued jobs, notifications) before returning,
    as they would after a real commit; the test's own transaction still rolls back at the end."""
    original = Client.post

    def post(self: Client, *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, *args, **kwargs)

    monkeypatch.setattr(Client, "post", post)


@pytest.fixture
def personas(db: Any) -> dict[str, Any]:
    return {name: persona(name) for name in PERSONAS}
