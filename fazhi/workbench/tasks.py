"""Background work: thin wrappers over services, enqueued on commit."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from fazhi.workbench.sweep import sweep_run


@task()
def sweep() -> int:
    return sweep_run(today=timezone.localdate()).notified
