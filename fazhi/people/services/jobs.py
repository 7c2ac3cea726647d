"""Long ledger work as workbench jobs: the resident import and every registered export.

`*_start` saves what the job needs, creates the Job and enqueues the task on commit; the task calls
`*_run`, which reports progress into the Job and finishes it with the result or errors file. Exports
register an ExportSpec (grid registers its own); a spec with `watermark` stamps the exporter's name
into the sheet's header and footer and a 导出说明 sheet (key persons).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.audit import audit_record
from fazhi.core.errors import Conflict, FazhiError, NotAllowed, ValidationFailed
from fazhi.core.ledgers import ImportResult, Ledger, Progress, export_xlsx, import_file
from fazhi.org.models import User
from fazhi.org.services import require
from fazhi.people import permissions as P
from fazhi.workbench.models import Job
from fazhi.workbench.selectors import job_get_for
from fazhi.workbench.services import job_create, job_dir, job_finish, job_progress

IMPORT_SUFFIXES = (".xlsx", ".xls", ".csv")


def residents_import(
    *, actor: Any, file_bytes: bytes, filename: str, progress: Progress | None = None
) -> ImportResult:
    """Import the 居民台账: every row checked first, then all written in one transaction or none."""
    from fazhi.people.ledgers import RESIDENTS, ResidentImport

    require(actor, P.MANAGE)
    job = ResidentImport(actor=actor)

    def write(rows: list[dict[str, Any]]) -> tuple[int, int]:
        with transaction.atomic():
            created, updated = job.upsert(rows)
            audit_record(
                actor=actor,
                action="people.residents_import",
                data={"created": created, "updated": updated, "total": len(rows)},
            )
        return created, updated

    try:
        return import_file(RESIDENTS, file_bytes, filename, upsert=write, check=job.check, progress=progress)
    except IntegrityError:
        raise Conflict("导入期间数据已被他人修改，未写入任何数据，请重新导入") from None


def keypersons_import(*, actor: Any, file_bytes: bytes, filename: str) -> ImportResult:
    """Import the 重点人员登记表 (small: run in the request): all rows checked, then all registered in
    one transaction or none."""
    from fazhi.people.ledgers import KEYPERSONS_IMPORT, KeyPersonImport

    require(actor, P.KEYPERSONS)
    job = KeyPersonImport(actor=actor)

    def write(rows: list[dict[str, Any]]) -> tuple[int, int]:
        with transaction.atomic():
            created, updated = job.upsert(rows)
            audit_record(actor=actor, action="people.keypersons_import", data={"created": created})
        return created, updated

    return import_file(KEYPERSONS_IMPORT, file_bytes, filename, upsert=write, check=job.check)


def residents_import_start(*, actor: Any, file_bytes: bytes, filename: str) -> Job:
    """Queue an import of the 居民台账 as a job; the page at /jobs/<id>/ shows its progress."""
    require(actor, P.MANAGE)
    suffix = Path(filename).suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise ValidationFailed.field("file", f"请上传 {'、'.join(IMPORT_SUFFIXES)} 文件")
    if not file_bytes:
        raise ValidationFailed.field("file", "文件是空的")
    path = job_dir() / f"{uuid.uuid4().hex}{suffix}"
    path.write_bytes(file_bytes)
    from fazhi.people.tasks import residents_import_task

    with transaction.atomic():
        job = job_create(
            actor=actor,
            kind="import",
            title="导入居民台账",
            params={"path": str(path), "filename": Path(filename).name},
        )
        user_id, job_id = actor.pk, str(job.pk)
        transaction.on_commit(lambda: residents_import_task.enqueue(job_id, user_id))
    return job


def residents_import_run(*, job_id: str, user_id: int) -> None:
    actor = User.objects.select_related("unit").get(pk=user_id)
    job = job_get_for(actor=actor, job_id=job_id)
    path = Path(job.params["path"])
    job_progress(job_id=job.pk, done=0, message="正在检查……")
    try:
        result = residents_import(
            actor=actor,
            file_bytes=path.read_bytes(),
            filename=job.params["filename"],
            progress=lambda done, total: job_progress(job_id=job.pk, done=done, total=total),
        )
    except FazhiError as exc:
        job_finish(job_id=job.pk, ok=False, message=exc.message)
        return
    finally:
        path.unlink(missing_ok=True)
    if result.ok:
        job_finish(job_id=job.pk, ok=True, message=result.message)
        return
    errors = job_dir() / f"{uuid.uuid4().hex}-errors.xlsx"
    errors.write_bytes(result.errors_file or b"")
    job_finish(
        job_id=job.pk,
        ok=False,
        message=result.message,
        errors_file=str(errors.relative_to(errors.parent.parent)),
        result_name=job.params["filename"],
    )


# --- Exports ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportSpec:
    code: str
    title: str
    ledger: Ledger
    rows: Callable[..., Iterator[dict[str, Any]]]  # rows(*, actor, **params)
    permission: str
    watermark: bool = False


EXPORTS: dict[str, ExportSpec] = {}


def export_register(spec: ExportSpec) -> None:
    EXPORTS[spec.code] = spec


def export_start(
    *, actor: Any, code: str, params: dict[str, Any] | None = None, note: str = "", approved: bool = False
) -> Job:
    """Queue an export of a registered ledger for the actor's scope (personal data masked). A
    watermarked ledger (key persons) runs only from an approved export request."""
    spec = EXPORTS.get(code)
    if spec is None:
        raise ValidationFailed.field("code", "未知的台账")
    require(actor, spec.permission)
    if spec.watermark and not approved:
        raise NotAllowed("该台账含敏感个人信息，须先提交导出申请并经另一人审批")
    with transaction.atomic():
        job = job_create(
            actor=actor, kind="export", title=f"导出{spec.title}", params={"code": code, **(params or {})}
        )
        audit_record(actor=actor, action="people.export_start", data={"code": code, "note": note[:100]})
        from fazhi.people.tasks import export_task

        user_id, job_id = actor.pk, str(job.pk)
        transaction.on_commit(lambda: export_task.enqueue(job_id, user_id))
    return job


def export_run(*, job_id: str, user_id: int) -> None:
    actor = User.objects.select_related("unit").get(pk=user_id)
    job = job_get_for(actor=actor, job_id=job_id)
    params = dict(job.params)
    spec = EXPORTS[params.pop("code")]
    stamp = timezone.localtime()
    name = f"{spec.ledger.name}-{stamp:%Y%m%d%H%M}.xlsx"
    path = job_dir() / f"{uuid.uuid4().hex}.xlsx"
    try:
        count = export_xlsx(
            spec.ledger,
            spec.rows(actor=actor, **params),
            path,
            progress=lambda done, total: job_progress(job_id=job.pk, done=done, total=total),
        )
        if spec.watermark:
            watermark(path, actor=actor, at=stamp, title=spec.title)
    except FazhiError as exc:
        job_finish(job_id=job.pk, ok=False, message=exc.message)
        return
    job_finish(
        job_id=job.pk,
        ok=True,
        message=f"共导出 {count} 条",
        result_file=str(path.relative_to(path.parent.parent)),
        result_name=name,
    )


def watermark(path: Path, *, actor: Any, at: Any, title: str) -> None:
    """Stamp the exporter into the file: every page's header and footer, the document properties,
    and a 导出说明 sheet. The data sheet keeps its header row first, so the file stays readable."""
    from openpyxl import load_workbook

    who = getattr(actor, "display_name", "") or actor.username
    text = f"导出人：{who}（{actor.username}） {at:%Y-%m-%d %H:%M} 仅限工作使用，不得扩散"
    wb = load_workbook(path)
    for ws in wb.worksheets:
        ws.oddHeader.center.text = f"{title}（敏感个人信息）"
        ws.oddFooter.center.text = text
        ws.evenFooter.center.text = text
    info = wb.create_sheet("导出说明")
    info.append(["导出人", who])
    info.append(["账号", actor.username])
    info.append(["导出时间", f"{at:%Y-%m-%d %H:%M:%S}"])
    info.append(["说明", "含敏感个人信息（《个人信息保护法》第二十八条），仅限工作使用，不得扩散"])
    wb.properties.creator = who
    wb.properties.title = text
    wb.save(path)
