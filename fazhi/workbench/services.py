"""Writes of the workbench: notifications and job progress."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.errors import NotFound
from fazhi.workbench.models import Job, Notification


def notification_send(
    *, recipient: Any, kind: str, title: str, body: str = "", link: str = "", dedupe_key: str = ""
) -> Notification | None:
    """Write one in-app notification; with a dedupe_key, the same fact notifies a recipient once."""
    try:
        with transaction.atomic():
            return Notification.objects.create(
                recipient=recipient,
                kind=kind,
                title=title[:200],
                body=body,
                link=link,
                dedupe_key=dedupe_key[:200],
            )
    except IntegrityError:
        return None


def notification_mark_read(*, actor: Any, notification_id: int) -> Notification:
    with transaction.atomic():
        note = Notification.objects.filter(pk=notification_id, recipient_id=actor.pk).first()
        if note is None:
            raise NotFound("消息不存在")
        if note.read_at is None:
            note.read_at = timezone.now()
            note.save(update_fields=["read_at"])
    return note


def notification_mark_all_read(*, actor: Any) -> int:
    with transaction.atomic():
        return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def job_create(*, actor: Any, kind: str, title: str, params: dict[str, Any] | None = None) -> Job:
    with transaction.atomic():
        return Job.objects.create(owner=actor, kind=kind, title=title, params=params or {})


def job_progress(*, job_id: Any, done: int, total: int | None = None, message: str = "") -> None:
    """Record progress in its own short transaction so the polling page sees it at once."""
    fields: dict[str, Any] = {"done": done, "status": Job.Status.RUNNING, "worker": worker_label()}
    if total is not None:
        fields["total"] = total
    if message:
        fields["message"] = message
    with transaction.atomic():
        Job.objects.filter(pk=job_id).update(**fields)


def job_finish(
    *,
    job_id: Any,
    ok: bool,
    message: str = "",
    result_file: str = "",
    result_name: str = "",
    errors_file: str = "",
) -> None:
    with transaction.atomic():
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.SUCCEEDED if ok else Job.Status.FAILED,
            message=message,
            result_file=result_file,
            result_name=result_name,
            errors_file=errors_file,
            finished_at=timezone.now(),
        )


def worker_label(pid: int | None = None) -> str:
    """This process as "host:pid", as recorded on the jobs it runs."""
    return f"{socket.gethostname()[:50]}:{pid or os.getpid()}"


def _dead_here(worker: str) -> bool:
    """Whether `worker` ("host:pid") names a process of this machine that no longer exists."""
    host, _, pid = worker.rpartition(":")
    return host == socket.gethostname()[:50] and pid.isdigit() and not process_alive(int(pid))


def process_alive(pid: int) -> bool:
    """Whether a process of this machine still runs (a zombie, killed but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return True  # no /proc: trust the signal check


JOB_LOST = "后台任务进程意外中止（服务器重启或进程被终止），本次未写入任何数据，请重新发起"


def job_recover_lost() -> int:
    """Fail the jobs left 'running' by a process of this machine that no longer exists.

    A job's work is one transaction, so a killed process wrote nothing; its page says so and the user
    starts it again. An import's stored upload is removed with it (it holds personal data in clear).
    Run by `fazhi worker` at start and before each sweep. Jobs of other machines are left to theirs.
    """
    running = Job.objects.filter(status=Job.Status.RUNNING).exclude(worker="")
    lost = [pk for pk, worker in running.values_list("pk", "worker") if _dead_here(worker)]
    if not lost:
        return 0
    with transaction.atomic():
        count = Job.objects.filter(pk__in=lost, status=Job.Status.RUNNING).update(
            status=Job.Status.FAILED, message=JOB_LOST, finished_at=timezone.now()
        )
    for pk in lost:
        for upload in job_dir().glob(f"{pk}.upload.*"):
            upload.unlink(missing_ok=True)
    return count


class WorkerLost(Exception):
    """Recorded on a queued task whose worker process died while running it."""


def tasks_recover_lost() -> int:
    """The database queue's tasks left 'running' by a dead worker of this machine (worker id host:pid)."""
    from django_tasks_db.models import DBTaskResult

    count = 0
    for result in DBTaskResult.objects.running():
        if _dead_here((result.worker_ids or [""])[-1]):
            result.set_failed(WorkerLost(JOB_LOST))
            count += 1
    return count


def job_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def job_file(*, job: Job, which: str) -> tuple[Path, str]:
    rel = job.result_file if which == "result" else job.errors_file if which == "errors" else ""
    if not rel:
        raise NotFound("文件不存在")
    path = Path(settings.MEDIA_ROOT) / rel
    if not path.exists():
        raise NotFound("文件不存在")
    name = job.result_name if which == "result" else f"{Path(job.result_name or 'import').stem}-错误行.xlsx"
    return path, name or path.name
