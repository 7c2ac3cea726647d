"""Petition pages: leader reception days, the ledger export (导出) and the historic ledger import."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core.errors import FazhiError
from fazhi.core.ledgers import export_xlsx, template_xlsx
from fazhi.org.scope import has_perm
from fazhi.org.selectors import leader_list_for
from fazhi.petitions import selectors, services
from fazhi.petitions.ledgers import PETITIONS, export_rows
from fazhi.petitions.views import _int, _require, filtered, parse_date
from fazhi.petitions.workflow import REGISTER, ROUTE, VIEW

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_http_methods(["GET", "POST"])
def receptions(request: HttpRequest) -> HttpResponse:
    _require(request, VIEW)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            reception = services.reception_create(
                actor=request.user,
                leader_id=_int(request.POST.get("leader_id"), "leader_id") or 0,
                on=parse_date(request.POST.get("on"), "on"),  # type: ignore[arg-type]
                place=request.POST.get("place", ""),
                topic=request.POST.get("topic", ""),
            )
        except FazhiError as exc:
            errors = exc.fields or {"__all__": exc.message}
        else:
            messages.success(request, f"已安排 {reception.leader} {reception.on:%Y-%m-%d} 接访")
            return redirect("/petitions/receptions/")
    year = _int(request.GET.get("year"), "year")
    items = list(selectors.reception_list_for(actor=request.user, year=year)[:200])
    counts = selectors.reception_petition_counts(actor=request.user, reception_ids=[r.pk for r in items])
    return render(
        request,
        "petitions/receptions.html",
        {
            "items": items,
            "counts": counts,
            "errors": errors,
            "values": request.POST,
            "leaders": leader_list_for(actor=request.user),
            "can_schedule": has_perm(request.user, ROUTE),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reception_detail(request: HttpRequest, reception_id: int) -> HttpResponse:
    reception = selectors.reception_get_for(actor=request.user, reception_id=reception_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            services.reception_record(
                actor=request.user, reception_id=reception.pk, notes=request.POST.get("notes", "")
            )
        except FazhiError as exc:
            errors = exc.fields or {"__all__": exc.message}
        else:
            messages.success(request, "已记录接访情况")
            return redirect(f"/petitions/receptions/{reception.pk}/")
    petitions = selectors.petition_list_for(
        actor=request.user, filters=selectors.PetitionFilters(reception_id=reception.pk)
    )
    return render(
        request,
        "petitions/reception.html",
        {
            "r": reception,
            "petitions": petitions,
            "errors": errors,
            "can_record": has_perm(request.user, ROUTE),
            "can_register": has_perm(request.user, REGISTER),
        },
    )


@login_required
def export(request: HttpRequest) -> FileResponse:
    """The 信访台账 of exactly the rows the list shows for these filters, personal data masked."""
    _require(request, VIEW)
    qs, _ = filtered(request)
    # Large ledgers spill to disk; FileResponse closes the file when the response is done.
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    export_xlsx(PETITIONS, export_rows(qs.order_by("received_on", "pk").iterator(chunk_size=500)), spool)
    spool.seek(0)
    name = f"信访台账-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(spool, as_attachment=True, filename=name, content_type=XLSX)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    _require(request, REGISTER)
    buffer = io.BytesIO()
    template_xlsx(PETITIONS, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('信访台账导入模板')}.xlsx"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_ledger(request: HttpRequest) -> HttpResponse:
    _require(request, REGISTER)
    context: dict[str, Any] = {}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = "请选择要导入的文件"
        else:
            try:
                result = services.petitions_import(
                    actor=request.user, file_bytes=upload.read(), filename=upload.name or ""
                )
            except FazhiError as exc:
                context["error"] = exc.message
            else:
                context["result"] = result
                if result.errors_file:
                    folder = Path(tempfile.gettempdir()) / "fazhi-petition-imports"
                    folder.mkdir(exist_ok=True)
                    path = folder / f"{request.user.pk}-errors.xlsx"
                    path.write_bytes(result.errors_file)
                    context["errors_link"] = "/petitions/import/errors/"
    return render(request, "petitions/import.html", context)


@login_required
def import_errors(request: HttpRequest) -> FileResponse:
    _require(request, REGISTER)
    path = Path(tempfile.gettempdir()) / "fazhi-petition-imports" / f"{request.user.pk}-errors.xlsx"
    if not path.exists():
        from django.http import Http404

        raise Http404
    return FileResponse(
        open(path, "rb"), as_attachment=True, filename="信访台账-错误行.xlsx", content_type=XLSX
    )
