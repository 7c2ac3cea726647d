"""A per-record timeline (流转记录): who did what, when, from which status to which."""

from __future__ import annotations

from django.db import models


class TimelineEvent(models.Model):
    object_type = models.CharField(max_length=80)  # "petitions.petition"
    object_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=80)  # namespaced action: "petitions.accept"
    label = models.CharField(max_length=80, blank=True)  # Chinese name of the action
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField()
    from_status = models.CharField(max_length=40, blank=True)
    to_status = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "流转记录"
        verbose_name_plural = "流转记录"
        ordering = ["at", "id"]
        # Serves "the timeline of one record", the only way it is read.
        indexes = [models.Index(fields=["object_type", "object_id", "at"], name="timeline_object")]
