"""Writes of the workbench: notifications and job progress."""

from __future__ import annotations

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
    fields: dict[str, Any] = {"done": done, "status": Job.Status.RUNNING}
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
