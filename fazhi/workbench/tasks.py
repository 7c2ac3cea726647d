"""Background work: thin wrappers over services, enqueued on commit."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from fazhi.workbench.sweep import sweep_run


@task()
def sweep() -> int:
    return sweep_run(today=timezone.localdate()).notified


@task()
def run_export(job_id: str) -> None:
    from fazhi.workbench.transfer_services import export_run

    export_run(job_id=job_id)


@task()
def run_import(job_id: str) -> None:
    from fazhi.workbench.transfer_services import import_run

    import_run(job_id=job_id)
