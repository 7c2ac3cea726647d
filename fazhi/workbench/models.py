"""In-app notifications (站内信) and long-running jobs (import, export, report) with their progress."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("类别", max_length=40)  # "due", "overdue", "supervision", "system" …
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    link = models.CharField("链接", max_length=300, blank=True)
    # A sweep that runs every few minutes must not notify twice about the same fact.
    dedupe_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "站内信"
        verbose_name_plural = "站内信"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notification_dedupe",
            ),
        ]
        # Serves the unread badge on every page.
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]


class Job(models.Model):
    """A long piece of work a user started; its page polls the progress until it finishes."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "进行中"
        SUCCEEDED = "succeeded", "已完成"
        FAILED = "failed", "失败"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField("类别", max_length=40)  # "export", "import", "report"
    title = models.CharField("名称", max_length=200)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField("说明", blank=True)
    result_file = models.CharField(max_length=300, blank=True)  # path under MEDIA_ROOT
    result_name = models.CharField(max_length=200, blank=True)  # download file name
    errors_file = models.CharField(max_length=300, blank=True)  # failing rows of an import
    # "host:pid" of the process running it, so a worker starting up can tell a job whose process died
    # (kill -9, power loss) from one still running, and fail it instead of leaving it 'running' forever.
    worker = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at"]

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0
