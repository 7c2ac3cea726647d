"""Ledger imports of the people app, and the approved, watermarked key-person export.

The resident and key-person imports run as workbench jobs through `fazhi.workbench.transfer` (see
people/transfers.py); these functions are what those jobs call. The key-person export is its own
job: it runs only from an approved export request and stamps the exporter's name into the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.audit import audit_record
from fazhi.core.errors import Conflict, FazhiError
from fazhi.core.faults import fault_point
from fazhi.core.ledgers import ImportResult, Progress, export_xlsx, import_file
from fazhi.org.models import User
from fazhi.org.services import require
from fazhi.people import permissions as P
from fazhi.workbench.models import Job
from fazhi.workbench.selectors import job_get_for
from fazhi.workbench.services import job_create, job_dir, job_finish, job_progress


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
            fault_point("people.residents_import.written")  # the fault tests kill -9 here
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


def keypersons_import(
    *, actor: Any, file_bytes: bytes, filename: str, progress: Progress | None = None
) -> ImportResult:
    """Import the 重点人员登记表: every row checked, then all registered in one transaction or none."""
    from fazhi.people.ledgers import KEYPERSONS_IMPORT, KeyPersonImport

    require(actor, P.KEYPERSONS)
    job = KeyPersonImport(actor=actor)

    def write(rows: list[dict[str, Any]]) -> tuple[int, int]:
        with transaction.atomic():
            created, updated = job.upsert(rows)
            audit_record(actor=actor, action="people.keypersons_import", data={"created": created})
        return created, updated

    return import_file(
        KEYPERSONS_IMPORT, file_bytes, filename, upsert=write, check=job.check, progress=progress
    )


# --- The key-person export (approved request, watermark) -------------------------------------------


def keypersons_export_start(*, actor: Any, request: Any) -> Job:
    """Queue the export of an approved request (called by export_request_run inside its transaction)."""
    from fazhi.people.tasks import keypersons_export_task

    job = job_create(
        actor=actor,
        kind="export",
        title="导出重点人员台账",
        params={"request_id": request.pk, "category_id": request.category_id},
    )
    audit_record(actor=actor, action="people.keypersons_export", obj=request, data={"job": str(job.pk)})
    user_id, job_id = actor.pk, str(job.pk)
    transaction.on_commit(lambda: keypersons_export_task.enqueue(job_id, user_id))
    return job


def keypersons_export_run(*, job_id: str, user_id: int) -> None:
    from fazhi.people.exports import KEYPERSONS
    from fazhi.people.selectors.keypersons import keypersons_export_rows

    actor = User.objects.select_related("unit").get(pk=user_id)
    job = job_get_for(actor=actor, job_id=job_id)
    stamp = timezone.localtime()
    path = job_dir() / f"{job.pk}.xlsx"
    try:
        count = export_xlsx(
            KEYPERSONS,
            keypersons_export_rows(actor=actor, category_id=job.params.get("category_id")),
            path,
            progress=lambda done, total: job_progress(job_id=job.pk, done=done, total=total),
        )
        watermark(path, actor=actor, at=stamp, title="重点人员台账")
    except FazhiError as exc:
        job_finish(job_id=job.pk, ok=False, message=exc.message)
        return
    job_finish(
        job_id=job.pk,
        ok=True,
        message=f"共导出 {count} 条（带导出人水印）",
        result_file=str(path.relative_to(path.parent.parent)),
        result_name=f"重点人员台账-{stamp:%Y%m%d%H%M}.xlsx",
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
