"""Store and read attachments. Callers check the parent record's scope before either."""

from __future__ import annotations

import hashlib
import mimetypes
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils import timezone

from fazhi.core.audit import audit_record, object_ref
from fazhi.core.errors import NotFound, ValidationFailed
from fazhi.core.models import Attachment

MAX_BYTES = 20 * 1024 * 1024
ALLOWED = {
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".txt",
    ".mp3",
    ".m4a",
    ".amr",
    ".mp4",
}


def attachment_add(*, actor: Any, obj: Any, name: str, content: bytes, kind: str = "") -> Attachment:
    """Save one file for `obj` in the caller's transaction; refuses unknown types and oversize files."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        raise ValidationFailed.field(
            "attachment", f"不支持的文件类型“{suffix or '无扩展名'}”，允许：{'、'.join(sorted(ALLOWED))}"
        )
    if len(content) > MAX_BYTES:
        raise ValidationFailed.field("attachment", f"文件“{name}”超过 {MAX_BYTES // 1024 // 1024}MB")
    if not content:
        raise ValidationFailed.field("attachment", f"文件“{name}”是空的")
    object_type, object_id = object_ref(obj)
    today = timezone.localdate()
    rel = Path("attachments") / f"{today:%Y/%m}" / f"{uuid.uuid4().hex}{suffix}"
    path = Path(settings.MEDIA_ROOT) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    attachment = Attachment.objects.create(
        object_type=object_type,
        object_id=object_id,
        kind=kind,
        name=Path(name).name[:200],
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        path=str(rel),
        uploaded_by_id=getattr(actor, "pk", None),
    )
    audit_record(
        actor=actor,
        action="core.attachment_add",
        obj=obj,
        data={"attachment": str(attachment.pk), "sha256": attachment.sha256},
    )
    return attachment


def attachments_of(obj: Any) -> QuerySet[Attachment]:
    object_type, object_id = object_ref(obj)
    return Attachment.objects.filter(object_type=object_type, object_id=object_id).order_by("uploaded_at")


def attachment_get(*, obj: Any, attachment_id: Any) -> Attachment:
    """An attachment of `obj` (already fetched in scope); NotFound otherwise."""
    try:
        return attachments_of(obj).get(pk=attachment_id)
    except (Attachment.DoesNotExist, ValueError, DjangoValidationError):
        raise NotFound("附件不存在") from None


def attachment_path(attachment: Attachment) -> Path:
    return Path(settings.MEDIA_ROOT) / attachment.path


def attachment_verify(attachment: Attachment) -> bool:
    """True when the stored file still has the hash recorded at upload (tamper evidence)."""
    path = attachment_path(attachment)
    return path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == attachment.sha256
