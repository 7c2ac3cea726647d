"""Expected status of the workbench API routes for every persona (read by fazhi/tests/test_api_matrix.py).

A job is its owner's alone: the clerk's import is 404 to everyone else, administrators included.
"""

from __future__ import annotations

from typing import Any

from fazhi.testing import persona
from fazhi.tests.matrix import Case, only


def clerks_job() -> dict[str, Any]:
    from fazhi.workbench.services import job_create

    job = job_create(actor=persona("clerk"), kind="import", title="导入信访台账")
    return {"job_id": job.pk}


ROUTES: dict[str, Case] = {
    "GET /api/v1/jobs/{job_id}": Case(path=clerks_job, expect=only(200, "clerk", default=404)),
}
