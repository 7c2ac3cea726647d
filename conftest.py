"""Test set-up shared by every app: the 少海街道 personas loaded once per run (environment: fazhi/pytest_env.py)."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("FAZHI_HOME", tempfile.mkdtemp(prefix="fazhi-test-"))
os.environ.setdefault("FAZHI_TASKS_IMMEDIATE", "1")

import pytest

pytest_plugins = ["fazhi.testing"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Load the org tree and the persona accounts once; each test runs in a rolled-back transaction."""
    from fazhi.testing import load_world

    with django_db_blocker.unblock():
        load_world()
