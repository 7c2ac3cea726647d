"""Background work of the people app: thin wrappers over the job services, enqueued on commit."""

from __future__ import annotations

from django_tasks import task

from fazhi.people.services import jobs


@task()
def residents_import_task(job_id: str, user_id: int) -> None:
    jobs.residents_import_run(job_id=job_id, user_id=user_id)


@task()
def export_task(job_id: str, user_id: int) -> None:
    jobs.export_run(job_id=job_id, user_id=user_id)
