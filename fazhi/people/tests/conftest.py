"""Run background tasks at once in these tests.

The root conftest sets FAZHI_TASKS_IMMEDIATE after pytest-django has already imported the settings, so
the database queue is configured; this app's tests switch to the immediate backend themselves
(django-tasks resets its backends on setting_changed)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
