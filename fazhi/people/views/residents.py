"""Pages for residents and places: search, the one-person profile, registration, buildings and
households, the ledger import (a job) and exports. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import crypto
from fazhi.core.audit import audit_record
from fazhi.core.errors import FazhiError
from fazhi.org.scope import has_perm, within_unit_q
from fazhi.org.selectors import PICKER_ALL_UP_TO, area_choices_for
from fazhi.people import permissions as P
from fazhi.people import selectors, services
from fazhi.people.forms import BuildingForm, HouseholdForm, ResidentForm, RevealForm
from fazhi.people.models import LivingStatus
from fazhi.people.profile import profile_sections
from fazhi.people.views.forms_util import fields_of, form_errors
from fazhi.workbench.lists import Column, ListSpec, list_context

RESIDENTS_LIST = ListSpec(
    columns=[
        Column("姓名", "name"),
        Column("网格", "unit__path"),
        Column("住址", "address"),
        Column("身份证号"),
        Column("手机号"),
        Column("居住状态", "living_status"),
    ],
    default_sort="unit__path",
    filters=["q", "unit", "living_status"],
    export="people.residents",
    page_size=30,
)


def need(request: HttpRequest, code: str) -> None:
    if not has_perm(request.user, code):
        raise Http404  # a page the menu does not offer answers like a missing one


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
def residents(request: HttpRequest) -> HttpResponse:
    need(request, P.VIEW)
    g = request.GET
    qs = selectors.resident_list_for(
        actor=request.user,
        q=g.get("q", ""),
        unit_id=_int(g.get("unit")),
        living_status=g.get("living_status", ""),
    )
    context = list_context(request, qs, RESIDENTS_LIST)
    context["rows"] = [
        (r, crypto.mask_id_number(r.id_number), crypto.mask_phone(r.phone)) for r in context["page"].items
    ]
    context.update(
        {
            "units": area_choices_for(actor=request.user, current=g.get("unit")),
            "statuses": LivingStatus.choices,
            "can_manage": has_perm(request.user, P.MANAGE),
        }
    )
    return render(request, "people/residents.html", context)


@login_required
def resident_detail(request: HttpRequest, resident_id: int) -> HttpResponse:
    """一人一档: each section only within the viewer's permissions and scope; the view is audited."""
    resident = selectors.resident_get_for(actor=request.user, resident_id=resident_id)
    audit_record(actor=request.user, action="people.profile_view", obj=resident)
    return render(
        request,
        "people/resident_detail.html",
        {
            "resident": resident,
            "sections": profile_sections(request.user, resident),
            "can_manage": has_perm(request.user, P.MANAGE),
            "can_keypersons": has_perm(request.user, P.KEYPERSONS),
            "reveal_form": RevealForm(),
        },
    )


@login_required
@require_POST
def resident_reveal(request: HttpRequest, resident_id: int, field: str) -> HttpResponse:
    try:
        value = services.resident_reveal(
            actor=request.user, resident_id=resident_id, field=field, purpose=request.POST.get("purpose", "")
        )
    except FazhiError as exc:
        return render(request, "workbench/_reveal.html", {"error": exc.message}, status=exc.status)
    return render(request, "workbench/_reveal.html", {"value": value})


@login_required
@require_http_methods(["GET", "POST"])
def resident_new(request: HttpRequest) -> HttpResponse:
    need(request, P.MANAGE)
    household_id = _int(request.GET.get("household"))
    household = (
        selectors.household_get_for(actor=request.user, household_id=household_id) if household_id else None
    )
    form = ResidentForm(request.POST or None, initial={"household_id": household_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resident = services.resident_create(actor=request.user, **data)
        except FazhiError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"已登记居民“{resident.name}”")
            return redirect(
                f"/people/households/{resident.household_id}/"
                if resident.household_id
                else f"/people/residents/{resident.pk}/"
            )
    return render(request, "people/resident_form.html", {"form": form, "household": household})


@login_required
@require_http_methods(["GET", "POST"])
def buildings(request: HttpRequest) -> HttpResponse:
    need(request, P.VIEW)
    unit_id = _int(request.GET.get("unit"))
    # The new building's grid: among the grids under the unit chosen above (all of a large scope's
    # grids would be thousands of options); with none chosen and too many grids, choose a unit first.
    grids = selectors.grid_list_for(actor=request.user)
    if unit_id:
        grids = grids.filter(within_unit_q(unit_id, prefix=""))
    form = None
    if has_perm(request.user, P.MANAGE) and grids.count() <= PICKER_ALL_UP_TO:
        form = BuildingForm(request.POST or None, initial={"unit_id": unit_id})
        fields_of(form)["unit_id"].choices = [(g.pk, g.name) for g in grids]
        if request.method == "POST" and form.is_valid():
            try:
                building = services.building_create(actor=request.user, **form.cleaned_data)
            except FazhiError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, f"已新增“{building.name}”")
                return redirect(f"/people/buildings/{building.pk}/")
    items = selectors.building_list_for(actor=request.user, unit_id=unit_id)[:300]
    return render(
        request,
        "people/buildings.html",
        {
            "items": items,
            "units": area_choices_for(actor=request.user, current=unit_id),
            "unit_id": unit_id,
            "form": form,
            "choose_unit_first": form is None and has_perm(request.user, P.MANAGE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def building_detail(request: HttpRequest, building_id: int) -> HttpResponse:
    building = selectors.building_get_for(actor=request.user, building_id=building_id)
    form = HouseholdForm(request.POST or None) if has_perm(request.user, P.MANAGE) else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            household = services.household_create(
                actor=request.user, building_id=building.pk, **form.cleaned_data
            )
        except FazhiError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"已新增住户“{household.address}”")
            return redirect(f"/people/buildings/{building.pk}/")
    households = selectors.household_list_for(actor=request.user, building_id=building.pk)
    return render(
        request, "people/building_detail.html", {"building": building, "households": households, "form": form}
    )


@login_required
def household_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    household = selectors.household_get_for(actor=request.user, household_id=household_id)
    members = [
        (m, crypto.mask_id_number(m.id_number), crypto.mask_phone(m.phone))
        for m in selectors.household_members(household)
    ]
    return render(
        request,
        "people/household_detail.html",
        {"household": household, "members": members, "can_manage": has_perm(request.user, P.MANAGE)},
    )
