"""Start and run exports and imports as jobs. Pages call the *_start services; the worker runs *_run."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.core import crypto
from fazhi.core.audit import audit_record
from fazhi.core.errors import FazhiError, NotFound, ValidationFailed
from fazhi.core.ledgers import export_xlsx
from fazhi.org.models import User
from fazhi.org.scope import has_perm
from fazhi.workbench.models import Job
from fazhi.workbench.services import job_create, job_dir, job_finish, job_progress
from fazhi.workbench.transfer import EXPORTS, IMPORTS, ExportSpec, ImportSpec

log = logging.getLogger("fazhi.jobs")
MAX_UPLOAD = 50 * 1024 * 1024
ALLOWED_SUFFIXES = {".xlsx", ".xls", ".ods", ".csv"}


def export_spec_for(*, actor: Any, name: str) -> ExportSpec:
    spec = EXPORTS.get(name)
    if spec is None or (spec.permission and not has_perm(actor, spec.permission)):
        raise NotFound("没有这个台账")
    return spec


def import_spec_for(*, actor: Any, name: str) -> ImportSpec:
    spec = IMPORTS.get(name)
    if spec is None or (spec.permission and not has_perm(actor, spec.permission)):
        raise NotFound("没有这个台账")
    return spec


def export_start(*, actor: Any, name: str, filters: dict[str, str], back: str = "") -> Job:
    """Queue an export of the filtered rows the actor can see; returns the job to follow."""
    from fazhi.workbench.tasks import run_export

    spec = export_spec_for(actor=actor, name=name)
    with transaction.atomic():
        job = job_create(
            actor=actor, kind="export", title=f"导出{spec.title}", params={"name": name, "filters": filters}
        )
        audit_record(
            actor=actor, action="workbench.export_start", obj=job, data={"ledger": name, "filters": filters}
        )
        transaction.on_commit(lambda: run_export.enqueue(str(job.pk)))
    return job


def import_start(*, actor: Any, name: str, filename: str, content: bytes, extra: dict[str, str]) -> Job:
    """Store the uploaded file and queue its import; nothing is written until every row passes."""
    from fazhi.workbench.tasks import run_import

    spec = import_spec_for(actor=actor, name=name)
    suffix = Path(filename).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ValidationFailed.field("file", f"只能导入 {'、'.join(sorted(ALLOWED_SUFFIXES))} 文件")
    if not content:
        raise ValidationFailed.field("file", "请选择要导入的文件")
    if len(content) > MAX_UPLOAD:
        raise ValidationFailed.field("file", f"文件超过 {MAX_UPLOAD // 1024 // 1024}MB")
    with transaction.atomic():
        # Extra fields may hold an initial password: sealed like personal data, never in a queue in clear.
        params = {
            "name": name,
            "filename": Path(filename).name,
            "extra": crypto.encrypt(json.dumps(extra, ensure_ascii=False)) if extra else "",
        }
        job = job_create(actor=actor, kind="import", title=f"导入{spec.title}", params=params)
        upload = job_dir() / f"{job.pk}.upload{suffix}"
        upload.write_bytes(content)
        audit_record(actor=actor, action="workbench.import_start", obj=job, data={"ledger": name})
        transaction.on_commit(lambda: run_import.enqueue(str(job.pk)))
    return job


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M")


def export_run(*, job_id: str) -> None:
    job = Job.objects.select_related("owner").get(pk=job_id)
    actor: User = job.owner
    try:
        spec = export_spec_for(actor=actor, name=job.params["name"])
        filters = job.params.get("filters", {})
        total = spec.count(actor, filters) if spec.count else None
        job_progress(job_id=job.pk, done=0, total=total or 0, message="正在导出…")
        path = job_dir() / f"{job.pk}.xlsx"

        def progress(done: int, total_rows: int | None) -> None:
            job_progress(job_id=job.pk, done=done, total=total_rows or total or 0)

        written = export_xlsx(spec.ledger, spec.rows(actor, filters), path, total=total, progress=progress)
        job_finish(
            job_id=job.pk,
            ok=True,
            message=f"共导出 {written} 条",
            result_file=str(path.relative_to(settings.MEDIA_ROOT)),
            result_name=f"{spec.title}-{_stamp()}.xlsx",
        )
    except FazhiError as exc:
        job_finish(job_id=job.pk, ok=False, message=exc.message)
    except Exception:
        log.exception("export %s failed", job_id)
        job_finish(job_id=job.pk, ok=False, message="导出失败，请联系系统管理员（详情见服务器日志）")


def import_run(*, job_id: str) -> None:
    job = Job.objects.select_related("owner").get(pk=job_id)
    extra = json.loads(crypto.decrypt(job.params["extra"])) if job.params.get("extra") else {}
    actor: User = job.owner
    upload = next(job_dir().glob(f"{job.pk}.upload.*"), None)
    try:
        spec = import_spec_for(actor=actor, name=job.params["name"])
        if upload is None:
            raise ValidationFailed.field("file", "上传的文件已不存在，请重新导入")
        job_progress(job_id=job.pk, done=0, message="正在逐行检查…")

        def progress(done: int, total: int | None) -> None:
            job_progress(job_id=job.pk, done=done, total=total or 0)

        result = spec.run(actor, upload.read_bytes(), job.params["filename"], extra, progress)
        if result.ok:
            job_finish(job_id=job.pk, ok=True, message=result.message)
        else:
            errors = job_dir() / f"{job.pk}.errors.xlsx"
            errors.write_bytes(result.errors_file or b"")
            job_finish(
                job_id=job.pk,
                ok=False,
                errors_file=str(errors.relative_to(settings.MEDIA_ROOT)),
                result_name=job.params["filename"],
                message=result.message,
            )
    except FazhiError as exc:
        detail = "；".join(exc.fields.values()) if exc.fields else ""
        job_finish(
            job_id=job.pk,
            ok=False,
            message=f"{exc.message}{'：' + detail if detail and detail != exc.message else ''}",
        )
    except Exception:
        log.exception("import %s failed", job_id)
        job_finish(job_id=job.pk, ok=False, message="导入失败，未写入任何数据（详情见服务器日志）")
    finally:
        if upload is not None:
            upload.unlink(missing_ok=True)
