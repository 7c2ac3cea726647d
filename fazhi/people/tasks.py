"""Background work of the people app: a thin wrapper over the key-person export, enqueued on commit."""

from __future__ import annotations

from django_tasks import task

from fazhi.people.services import jobs


@task()
def keypersons_export_task(job_id: str, user_id: int) -> None:
    jobs.keypersons_export_run(job_id=job_id, user_id=user_id)
