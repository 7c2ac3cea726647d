"""Workbench endpoints: the state of a background job an API client started (imports, exports)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema

from fazhi.workbench import selectors

router = Router(tags=["后台任务"])


class JobStateOut(Schema):
    id: str
    kind: str
    title: str
    status: str  # queued, running, succeeded, failed
    status_label: str
    done: int
    total: int
    percent: int
    message: str
    finished_at: datetime | None


@router.get("/jobs/{job_id}", response=JobStateOut, summary="后台任务状态（本人发起的导入、导出）")
def job_state(request: HttpRequest, job_id: UUID) -> dict[str, Any]:
    job = selectors.job_get_for(actor=request.user, job_id=job_id)
    return {
        "id": str(job.pk),
        "kind": job.kind,
        "title": job.title,
        "status": job.status,
        "status_label": job.get_status_display(),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "finished_at": job.finished_at,
    }
