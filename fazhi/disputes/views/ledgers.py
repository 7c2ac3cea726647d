"""The ledgers page: export the filtered list (personal data masked), download the template, import a
file (all rows or none) with the failing rows returned as a file to correct."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from fazhi.core.errors import FazhiError
from fazhi.disputes import forms as F
from fazhi.disputes import perms
from fazhi.disputes.ledgers import LEDGERS
from fazhi.disputes.selectors.ledgers import export_file, ledger_get, template_file
from fazhi.disputes.services.ledgers import IMPORTS
from fazhi.disputes.views.common import XLSX, file_response, require_page
from fazhi.disputes.views.disputes import filters_from
from fazhi.org.scope import has_perm


@login_required
def ledgers(request: HttpRequest) -> HttpResponse:
    require_page(request, perms.VIEW)
    return render(request, "disputes/ledgers.html", _context(request))


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    query = request.GET.urlencode()
    items = [
        {
            "code": code,
            "name": ledger.name,
            "query": query,
            "can_import": has_perm(request.user, IMPORTS[code][1]),
            "form": F.ImportForm(prefix=code),
        }
        for code, ledger in LEDGERS.items()
    ]
    return {"ledgers": items, **extra}


@login_required
def ledger_export(request: HttpRequest, name: str) -> HttpResponse:
    require_page(request, perms.VIEW)
    data, filename = export_file(actor=request.user, name=name, filters=filters_from(request))
    return file_response(data, filename, XLSX)


@login_required
def ledger_template(request: HttpRequest, name: str) -> HttpResponse:
    require_page(request, perms.VIEW)
    data, filename = template_file(name)
    return file_response(data, filename, XLSX)


@login_required
@require_http_methods(["POST"])
def ledger_import(request: HttpRequest, name: str) -> HttpResponse:
    ledger_get(name)
    run, code = IMPORTS[name]
    require_page(request, code)
    upload = request.FILES.get(f"{name}-file")
    result_context: dict[str, Any] = {"imported": name}
    if upload is None:
        result_context["import_error"] = "请选择要导入的文件"
        return render(request, "disputes/ledgers.html", _context(request, **result_context))
    try:
        result = run(actor=request.user, file_bytes=upload.read(), filename=upload.name or "台账.xlsx")
    except FazhiError as exc:
        if exc.status in (403, 404):
            raise
        result_context["import_error"] = exc.message
    else:
        result_context["result"] = result
        if result.errors_file:
            result_context["errors_job"] = _errors_job(request.user, name, upload.name or "台账.xlsx", result)
    return render(request, "disputes/ledgers.html", _context(request, **result_context))


def _errors_job(actor: Any, name: str, filename: str, result: Any) -> Any:
    """Keep the failing rows as a job file the user downloads from the workbench (/jobs/…)."""
    from fazhi.workbench.services import job_create, job_dir, job_finish

    job = job_create(actor=actor, kind=f"disputes.import.{name}", title=f"导入{LEDGERS[name].name}")
    path = job_dir() / f"{job.pk}-errors.xlsx"
    path.write_bytes(result.errors_file)
    job_finish(
        job_id=job.pk,
        ok=False,
        message=result.message,
        errors_file=str(path.relative_to(path.parents[1])),
        result_name=filename,
    )
    return job
