"""Petition pages: leader reception days. (The 信访台账 export and import run as workbench jobs.)"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core.errors import FazhiError
from fazhi.org.scope import has_perm
from fazhi.org.selectors import leader_list_for
from fazhi.petitions import selectors, services
from fazhi.petitions.views import _int, _require, parse_date
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
