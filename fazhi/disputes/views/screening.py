"""Screening pages: campaigns with who has not reported, a community's report or zero report, and the
grid worker's phone form that reports an item (and registers it as a dispute in the same step)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from fazhi.core.errors import FazhiError
from fazhi.disputes import forms as F
from fazhi.disputes import perms, selectors, services
from fazhi.disputes.selectors import screening as S
from fazhi.disputes.services.common import today
from fazhi.disputes.services.intake import origin_label
from fazhi.disputes.views.common import action_page, place_errors, require_page
from fazhi.org.models import UnitKind
from fazhi.org.scope import has_perm, within_q
from fazhi.org.selectors import unit_list_for


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    require_page(request, perms.VIEW)
    year = request.GET.get("year", "")
    campaigns = S.campaign_list_for(actor=request.user, year=int(year) if year.isdigit() else None)
    on_day = today()
    active = [c for c in campaigns if c.start_on <= on_day <= c.end_on]
    return render(
        request,
        "disputes/screening.html",
        {
            "campaigns": campaigns,
            "active": active,
            "year": year,
            "can_create": has_perm(request.user, perms.CAMPAIGN),
            "can_report": has_perm(request.user, perms.SCREEN),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request: HttpRequest) -> HttpResponse:
    require_page(request, perms.CAMPAIGN)
    form = F.CampaignForm(request.POST or None, initial={"cadence": "monthly", "kind": "routine"})
    root = unit_list_for(actor=request.user).filter(kind=UnitKind.SUBDISTRICT).first()
    return action_page(
        request,
        form=form,
        call=lambda data: services.campaign_create(
            actor=request.user, unit_id=root.pk if root else 0, **data
        ),
        done=lambda c: f"/disputes/screening/{c.pk}/",
        message="已发起排查活动",
        title="发起排查活动",
        back="/disputes/screening/",
        context={
            "help": "常态化排查按月报告；春节、全国两会、国庆等敏感时期的专项排查可按周或按日报告。本期无情况的社区须作零报告。"
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = S.campaign_get_for(actor=request.user, campaign_id=campaign_id)
    on_day = today()
    status = S.campaign_status(actor=request.user, campaign=campaign, day=on_day)
    communities = [row.community for row in status.rows if has_perm(request.user, perms.SCREEN)]
    own = [c for c in communities if unit_list_for(actor=request.user).filter(pk=c.pk).exists()]
    report_form = None
    if own and status.period:
        report_form = F.ReportForm(
            request.POST or None, communities=own, initial={"period_start": status.period.start}
        )
        if request.method == "POST" and report_form.is_valid():
            try:
                services.screening_report_submit(
                    actor=request.user, campaign_id=campaign.pk, **report_form.cleaned_data
                )
            except FazhiError as exc:
                if exc.status in (403, 404):
                    raise
                place_errors(exc, report_form)
            else:
                messages.success(request, "已上报本期排查情况")
                return redirect(f"/disputes/screening/{campaign.pk}/")
    history = S.campaign_history(actor=request.user, campaign=campaign, until=on_day)
    items = S.item_list_for(actor=request.user, campaign=campaign)[:200]
    from fazhi.petitions.campaigns import campaign_petitions

    petitions = campaign_petitions(
        actor=request.user, unit=campaign.unit, start=campaign.start_on, end=min(campaign.end_on, on_day)
    )
    return render(
        request,
        "disputes/campaign.html",
        {
            "c": campaign,
            "status": status,
            "history": list(reversed(history))[:31],
            "items": items,
            "report_form": report_form,
            "can_item": has_perm(request.user, perms.SCREEN),
            "petitions": petitions,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request: HttpRequest) -> HttpResponse:
    """The grid worker's phone form: what was found, where; optionally registered as a dispute now."""
    require_page(request, perms.SCREEN)
    on_day = today()
    campaigns = list(S.campaign_list_for(actor=request.user, active_on=on_day))
    units = list(unit_list_for(actor=request.user).filter(kind__in=(UnitKind.GRID, UnitKind.COMMUNITY)))
    categories = list(selectors.category_list())
    campaign = request.GET.get("campaign", "")
    form = F.ItemForm(
        request.POST or None,
        campaigns=campaigns,
        units=units,
        categories=categories,
        initial={
            "campaign_id": int(campaign) if campaign.isdigit() else None,
            "unit_id": getattr(request.user, "unit_id", None),
            "found_on": on_day,
        },
    )
    parties = F.party_forms(request.POST or None, 2)
    for p in parties:
        for name in ("kind", "representative"):
            p.fields.pop(name, None)
    if request.method == "POST" and form.is_valid() and all(p.is_valid() for p in parties):
        data = dict(form.cleaned_data)
        data["parties"] = [x for x in (p.data_or_none() for p in parties) if x]
        try:
            item = services.screening_item_add(actor=request.user, **data)
        except FazhiError as exc:
            if exc.status in (403, 404):
                raise
            place_errors(exc, form, {"parties": parties})
        else:
            item.refresh_from_db()
            if item.converted_type == "disputes.dispute":
                messages.success(request, "已上报，并登记为矛盾纠纷")
                return redirect(f"/disputes/{item.converted_id}/")
            messages.success(request, "已上报排查发现")
            return redirect(f"/disputes/screening/{item.report.campaign_id}/")
    return render(
        request, "disputes/item_form.html", {"form": form, "parties": parties, "campaigns": campaigns}
    )


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    require_page(request, perms.VIEW)
    qs = S.item_list_for(actor=request.user)
    g = request.GET
    if g.get("unit", "").isdigit():
        from fazhi.org.selectors import unit_list_for

        unit = unit_list_for(actor=request.user).filter(pk=int(g["unit"])).first()
        qs = qs.filter(within_q(unit)) if unit else qs.none()
    for key, lookup in (("found_from", "found_on__gte"), ("found_to", "found_on__lte")):
        try:
            if g.get(key):
                qs = qs.filter(**{lookup: date.fromisoformat(g[key])})
        except ValueError:
            pass
    if g.get("category"):
        qs = qs.filter(category__code=g["category"])
    return render(request, "disputes/items.html", {"items": qs[:500], "count": qs.count()})


@login_required
@require_http_methods(["GET", "POST"])
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    item = S.item_get_for(actor=request.user, item_id=item_id)
    categories = list(selectors.category_list())
    form = F.ConvertForm(
        request.POST or None,
        categories=categories,
        initial={"category": item.category.code if item.category else ""},
    )
    target = (
        origin_label(item.converted_type, item.converted_id)
        if item.converted_type != "disputes.dispute"
        else ("", "")
    )
    context: dict[str, Any] = {
        "item": item,
        "target": target,
        "can_convert": has_perm(request.user, perms.INTAKE) and not item.converted_type,
    }
    if not context["can_convert"]:
        return render(request, "disputes/item.html", {**context, "form": None})
    return action_page(
        request,
        form=form,
        call=lambda data: services.screening_item_convert(actor=request.user, item_id=item.pk, **data),
        done=lambda d: f"/disputes/{d.pk}/",
        message="已转为矛盾纠纷，请补充当事人",
        title="排查发现事项",
        back=f"/disputes/screening/{item.report.campaign_id}/",
        context=context,
        submit="转为矛盾纠纷",
        template="disputes/item.html",
    )
