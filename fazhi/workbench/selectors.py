"""Reads of the workbench: notifications and jobs, always the actor's own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from fazhi.core.errors import NotFound
from fazhi.workbench.models import Job, Notification


def unread_count_for(*, actor: Any) -> int:
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).count()


def notification_list_for(*, actor: Any, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient_id=actor.pk)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def job_get_for(*, actor: Any, job_id: Any) -> Job:
    job = Job.objects.filter(pk=job_id, owner_id=actor.pk).first()
    if job is None:
        raise NotFound("任务不存在")
    return job


def job_list_for(*, actor: Any) -> QuerySet[Job]:
    return Job.objects.filter(owner_id=actor.pk).order_by("-created_at")
