"""Files attached to any record (photos of a grid event, a petition letter, evidence): content-hashed."""

from __future__ import annotations

import uuid

from django.db import models


class Attachment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    object_type = models.CharField(max_length=80)  # "petitions.petition"
    object_id = models.CharField(max_length=64)
    kind = models.CharField("类别", max_length=40, blank=True)  # "photo", "letter", "evidence" …
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)  # 全过程记录: the content can be shown unaltered
    path = models.CharField(max_length=300)  # relative to MEDIA_ROOT
    uploaded_by_id = models.BigIntegerField(null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        indexes = [models.Index(fields=["object_type", "object_id"], name="attachment_object")]
