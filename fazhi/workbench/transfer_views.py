"""Pages that start exports and imports and hand out templates. Progress is the job page's."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.errors import FazhiError
from fazhi.core.ledgers import template_xlsx
from fazhi.workbench.transfer_services import export_spec_for, export_start, import_spec_for, import_start


@login_required
@require_POST
def export(request: HttpRequest, name: str) -> HttpResponse:
    filters = {k: v for k, v in request.GET.items() if v and k not in {"page", "sort"}}
    referer = request.headers.get("Referer", "")
    back = "/" + referer.split("//", 1)[-1].split("/", 1)[-1] if referer else ""
    job = export_start(
        actor=request.user, name=name, filters=filters, back=back if back.startswith("/") else ""
    )
    return redirect(f"/jobs/{job.pk}/")


@login_required
def template(request: HttpRequest, name: str) -> HttpResponse:
    spec = import_spec_for(actor=request.user, name=name)
    buffer = io.BytesIO()
    template_xlsx(spec.ledger, buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(spec.title + '-导入模板.xlsx')}"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest, name: str) -> HttpResponse:
    spec = import_spec_for(actor=request.user, name=name)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        extra = {field: request.POST.get(field, "") for field, _label, _type in spec.extra_fields}
        try:
            job = import_start(
                actor=request.user,
                name=name,
                filename=upload.name if upload else "",
                content=upload.read() if upload else b"",
                extra=extra,
            )
        except FazhiError as exc:
            error = "；".join(exc.fields.values()) or exc.message
        else:
            return redirect(f"/jobs/{job.pk}/")
    return render(
        request,
        "workbench/import.html",
        {"spec": spec, "error": error, "name": name},
        status=400 if error else 200,
    )


__all__ = ["export", "export_spec_for", "import_page", "template"]
