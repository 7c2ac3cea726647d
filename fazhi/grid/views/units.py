"""Pages for grids: my grids, a grid's page (size warnings, public information, roster, links,
activities), the printable notice board with its QR code, the public page, activities, links, roster."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from fazhi.core.attachments import attachment_get, attachment_path
from fazhi.core.errors import FazhiError
from fazhi.grid import permissions as P
from fazhi.grid import selectors, services
from fazhi.grid.forms import (
    ActivityForm,
    CadreLinkForm,
    CadreVisitForm,
    PartyContactForm,
    PartyLinkForm,
    ProfileForm,
    RosterForm,
)
from fazhi.grid.models import ActivityKind, EventStatus, GridProfile, RosterRole
from fazhi.org.scope import has_perm
from fazhi.org.selectors import area_choices_for
from fazhi.people.selectors import (
    building_list_for,
    grid_get_for,
    grid_list_for,
    grid_size_for,
    grid_sizes_for,
    household_list_for,
    resident_list_for,
    size_warnings,
)
from fazhi.people.views.forms_util import fields_of, form_errors
from fazhi.people.views.residents import _int, need
from fazhi.workbench.lists import Column, ListSpec, list_context

GRIDS = ListSpec(
    columns=[
        Column("网格", "path"),
        Column("户数", "household_count"),
        Column("居民", "resident_count"),
        Column("提示"),
    ],
    default_sort="path",
    filters=["q", "unit", "attention"],
    page_size=50,
)


@login_required
def units(request: HttpRequest) -> HttpResponse:
    """The grids in scope with their size, in pages (a county holds 6,000): by unit, name, or only those
    whose size calls for a new division. A grid worker with one grid goes straight to it."""
    need(request, P.VIEW)
    g = request.GET
    grids = grid_sizes_for(
        actor=request.user, q=g.get("q", ""), unit_id=_int(g.get("unit")), attention=g.get("attention") == "1"
    )
    context = list_context(request, grids, GRIDS)
    page = context["page"]
    if page.count == 1 and not any(g.get(k) for k in GRIDS.filters):
        return redirect(f"/grid/units/{page.items[0].pk}/")
    context["rows"] = [
        (grid, size_warnings(grid.household_count, grid.resident_count)) for grid in page.items
    ]
    context["units"] = area_choices_for(actor=request.user, current=g.get("unit"))
    return render(request, "grid/units.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    need(request, P.VIEW)
    grid = grid_get_for(actor=request.user, unit_id=unit_id)
    profile_form = None
    if has_perm(request.user, P.MANAGE):
        profile = GridProfile.objects.filter(unit=grid).first()
        profile_form = ProfileForm(
            request.POST or None,
            initial={
                "area": profile.area if profile else "",
                "complaint_phone": profile.complaint_phone if profile else "",
            },
        )
        if request.method == "POST" and profile_form.is_valid():
            try:
                services.grid_profile_save(actor=request.user, unit_id=grid.pk, **profile_form.cleaned_data)
            except FazhiError as exc:
                form_errors(profile_form, exc)
            else:
                messages.success(request, "公示信息已更新")
                return redirect(f"/grid/units/{grid.pk}/")
    events = selectors.event_list_for(actor=request.user, unit_id=grid.pk)
    return render(
        request,
        "grid/unit_detail.html",
        {
            "grid": grid,
            "size": grid_size_for(actor=request.user, unit=grid),
            "card": selectors.grid_card(grid),
            "profile_form": profile_form,
            "roster": selectors.roster_list_for(actor=request.user, unit_id=grid.pk),
            "roster_phone": selectors.roster_phone,
            "cadres": selectors.cadre_link_list_for(actor=request.user, unit_id=grid.pk),
            "open_events": events.filter(status__in=selectors.OPEN).count(),
            "recent_events": events[:5],
            "activities": selectors.activity_list_for(actor=request.user, unit_id=grid.pk)[:5],
        },
    )


def _qr(request: HttpRequest, code: str) -> str:
    """A QR code to the public page: under FAZHI_BASE_URL when set (the address residents can reach),
    else the address this page was opened at."""
    from django.conf import settings

    path = f"/grid/public/{code}/"
    base = getattr(settings, "FAZHI_BASE_URL", "")
    url = f"{base}{path}" if base else request.build_absolute_uri(path)
    return segno.make(url, error="m").svg_inline(scale=4)


@login_required
def unit_card(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The printable notice board (公示牌) of 滨州条例 Art. 6, with a QR code to the public page."""
    need(request, P.VIEW)
    grid = grid_get_for(actor=request.user, unit_id=unit_id)
    return render(
        request, "grid/card.html", {"card": selectors.grid_card(grid), "qr": _qr(request, grid.code)}
    )


def public(request: HttpRequest, code: str) -> HttpResponse:
    """The grid's public page, reached from the QR code: public facts only, no login."""
    grid = selectors.public_grid_get(code=code)
    return render(request, "grid/public.html", {"card": selectors.grid_card(grid)})


@login_required
@require_http_methods(["GET", "POST"])
def activities(request: HttpRequest) -> HttpResponse:
    need(request, P.VIEW)
    form = None
    if has_perm(request.user, P.REPORT):
        form = ActivityForm(
            request.POST or None,
            request.FILES or None,
            initial={"unit_id": getattr(request.user, "unit_id", None)},
        )  # type: ignore[union-attr]
        fields_of(form)["unit_id"].choices = [(g.pk, g.name) for g in grid_list_for(actor=request.user)]
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            photos = [(f.name, f.read()) for f in data.pop("photos") or []]
            try:
                services.activity_record(actor=request.user, photos=photos, **data)
            except FazhiError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, "活动已记录")
                return redirect("/grid/activities/")
    items = selectors.activity_list_for(
        actor=request.user, kind=request.GET.get("kind", ""), year=_int(request.GET.get("year"))
    )
    return render(
        request,
        "grid/activities.html",
        {
            "items": items[:200],
            "form": form,
            "kinds": ActivityKind.choices,
            "kind": request.GET.get("kind", ""),
        },
    )


@login_required
def activity_photo(request: HttpRequest, activity_id: int, attachment_id: str) -> FileResponse:
    activity = selectors.activity_get_for(actor=request.user, activity_id=activity_id)
    attachment = attachment_get(obj=activity, attachment_id=attachment_id)
    return FileResponse(open(attachment_path(attachment), "rb"), content_type=attachment.content_type)


def _staff(request: HttpRequest) -> list[tuple[int, str]]:
    from fazhi.org.selectors import staff_list_for

    qs = (
        staff_list_for(actor=request.user)
        .exclude(roles__admin_kind__gt="")
        .distinct()
        .order_by("unit__path", "username")
    )
    return [(u.pk, f"{u}（{u.unit}）") for u in qs[:300]]


@login_required
@require_http_methods(["GET", "POST"])
def cadre_links(request: HttpRequest) -> HttpResponse:
    need(request, P.VIEW)
    form = None
    if has_perm(request.user, P.MANAGE):
        form = CadreLinkForm(request.POST or None)
        fields_of(form)["cadre_id"].choices = _staff(request)
        fields_of(form)["unit_id"].choices = [(g.pk, g.name) for g in grid_list_for(actor=request.user)]
        if request.method == "POST" and form.is_valid():
            try:
                services.cadre_link_create(actor=request.user, **form.cleaned_data)
            except FazhiError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, "已建立包联关系")
                return redirect("/grid/links/cadres/")
    return render(
        request,
        "grid/cadre_links.html",
        {"items": selectors.cadre_link_list_for(actor=request.user), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def cadre_link(request: HttpRequest, link_id: int) -> HttpResponse:
    link = selectors.cadre_link_get_for(actor=request.user, link_id=link_id)
    form = CadreVisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cadre_visit_record(actor=request.user, link_id=link.pk, **form.cleaned_data)
        except FazhiError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "已记录")
            return redirect(f"/grid/links/cadres/{link.pk}/")
    return render(
        request,
        "grid/cadre_link.html",
        {"link": link, "visits": selectors.cadre_visits_of(link), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_links(request: HttpRequest) -> HttpResponse:
    need(request, P.VIEW)
    form = None
    if has_perm(request.user, P.MANAGE):
        form = PartyLinkForm(request.POST or None)
        fields_of(form)["member_id"].choices = [
            (r.pk, f"{r.name}（{r.unit.name}）")
            for r in resident_list_for(actor=request.user).filter(political_status="party")[:500]
        ]
        fields_of(form)["household_id"].choices = [
            (h.pk, h.address) for h in household_list_for(actor=request.user)[:1000]
        ]
        if request.method == "POST" and form.is_valid():
            try:
                services.party_link_create(actor=request.user, **form.cleaned_data)
            except FazhiError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, "已建立联系")
                return redirect("/grid/links/party/")
    items = selectors.party_link_list_for(actor=request.user, unit_id=_int(request.GET.get("unit")))[:300]
    return render(request, "grid/party_links.html", {"items": items, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def party_link(request: HttpRequest, link_id: int) -> HttpResponse:
    link = selectors.party_link_get_for(actor=request.user, link_id=link_id)
    form = PartyContactForm(request.POST or None) if has_perm(request.user, P.REPORT) else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.party_contact_record(actor=request.user, link_id=link.pk, **form.cleaned_data)
        except FazhiError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "已记录")
            return redirect(f"/grid/links/party/{link.pk}/")
    return render(
        request,
        "grid/party_link.html",
        {"link": link, "contacts": selectors.party_contacts_of(link), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def roster(request: HttpRequest) -> HttpResponse:
    need(request, P.VIEW)
    unit_id = _int(request.GET.get("unit"))
    form = None
    if has_perm(request.user, P.MANAGE):
        form = RosterForm(request.POST or None, initial={"unit_id": unit_id})
        fields_of(form)["unit_id"].choices = [(g.pk, g.name) for g in grid_list_for(actor=request.user)]
        fields_of(form)["building_id"].choices = [("", "—")] + [
            (b.pk, f"{b.unit.name} {b.name}") for b in building_list_for(actor=request.user)[:500]
        ]
        if request.method == "POST" and form.is_valid():
            try:
                services.roster_add(actor=request.user, **form.cleaned_data)
            except FazhiError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, "已加入名册")
                return redirect("/grid/roster/")
    items = selectors.roster_list_for(actor=request.user, unit_id=unit_id, role=request.GET.get("role", ""))[
        :500
    ]
    rows = [(m, selectors.roster_phone(m)) for m in items]
    return render(
        request,
        "grid/roster.html",
        {
            "rows": rows,
            "form": form,
            "roles": RosterRole.choices,
            "role": request.GET.get("role", ""),
            "closed": EventStatus.CLOSED,
        },
    )
