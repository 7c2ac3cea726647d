"""小板凳拉呱日 pages, phone first: schedule, record attendance, note each issue and how it was dealt with."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.errors import FazhiError
from fazhi.disputes import forms as F
from fazhi.disputes import perms, selectors, services
from fazhi.disputes.models.choices import TalkDayStatus
from fazhi.disputes.selectors import talkdays as T
from fazhi.disputes.services.common import today
from fazhi.disputes.views.common import place_errors, require_page
from fazhi.disputes.workflow import TALK_DAY
from fazhi.org.models import UnitKind
from fazhi.org.scope import has_perm
from fazhi.org.selectors import unit_list_for


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def talk_day_list(request: HttpRequest) -> HttpResponse:
    require_page(request, perms.VIEW)
    g = request.GET
    unit = g.get("unit", "")
    talk_days = T.talk_day_list_for(
        actor=request.user,
        status=g.get("status", ""),
        date_from=_date(g.get("date_from", "")),
        date_to=_date(g.get("date_to", "")),
        unit_id=int(unit) if unit.isdigit() else None,
    )
    form = None
    if has_perm(request.user, perms.SCREEN):
        units = list(unit_list_for(actor=request.user).filter(kind__in=(UnitKind.COMMUNITY, UnitKind.GRID)))
        form = F.TalkDayForm(
            request.POST or None,
            units=units,
            initial={"unit_id": getattr(request.user, "unit_id", None), "held_on": today()},
        )
        if request.method == "POST" and form.is_valid():
            try:
                talk_day = services.talk_day_schedule(actor=request.user, **form.cleaned_data)
            except FazhiError as exc:
                if exc.status in (403, 404):
                    raise
                place_errors(exc, form)
            else:
                messages.success(request, "已安排拉呱日")
                return redirect(f"/disputes/talk-days/{talk_day.pk}/")
    return render(
        request,
        "disputes/talk_days.html",
        {"talk_days": talk_days[:200], "form": form, "statuses": TalkDayStatus.choices, "filters": g},
    )


@login_required
@require_http_methods(["GET", "POST"])
def talk_day_detail(request: HttpRequest, talk_day_id: int) -> HttpResponse:
    talk_day = T.talk_day_get_for(actor=request.user, talk_day_id=talk_day_id)
    actions = {t.action for t in TALK_DAY.available_actions(talk_day, request.user)}
    categories = list(selectors.category_list())
    record_form = F.TalkRecordForm(
        request.POST if request.POST.get("form") == "record" else None,
        initial={
            "attendance": talk_day.attendance or None,
            "attendees": talk_day.attendees,
            "notes": talk_day.notes,
        },
    )
    issue_form = F.IssueForm(
        request.POST if request.POST.get("form") == "issue" else None, categories=categories
    )
    parties = F.party_forms(request.POST if request.POST.get("form") == "issue" else None, 2)
    for p in parties:
        for name in ("kind", "representative", "id_number", "address"):
            p.fields.pop(name, None)
    if request.method == "POST":
        which = request.POST.get("form")
        try:
            if which == "record" and record_form.is_valid():
                services.talk_day_record(
                    actor=request.user, talk_day_id=talk_day.pk, **record_form.cleaned_data
                )
                messages.success(request, "已记录活动情况，可继续记录群众反映的问题")
                return redirect(f"/disputes/talk-days/{talk_day.pk}/#issues")
            if which == "issue" and issue_form.is_valid() and all(p.is_valid() for p in parties):
                services.talk_issue_add(
                    actor=request.user,
                    talk_day_id=talk_day.pk,
                    parties=[x for x in (p.data_or_none() for p in parties) if x],
                    **issue_form.cleaned_data,
                )
                messages.success(request, "已记录反映问题")
                return redirect(f"/disputes/talk-days/{talk_day.pk}/#issues")
            if which == "cancel":
                services.talk_day_cancel(
                    actor=request.user, talk_day_id=talk_day.pk, reason=request.POST.get("reason", "")
                )
                messages.success(request, "已取消")
                return redirect(f"/disputes/talk-days/{talk_day.pk}/")
        except FazhiError as exc:
            if exc.status in (403, 404, 409):
                raise
            target = record_form if which == "record" else issue_form
            place_errors(exc, target, {"parties": parties})
            if which == "cancel":
                messages.error(request, exc.message)
    return render(
        request,
        "disputes/talk_day.html",
        {
            "t": talk_day,
            "issues": T.issues_of(talk_day),
            "actions": actions,
            "record_form": record_form,
            "issue_form": issue_form,
            "parties": parties,
            "resolve_form": F.IssueResolveForm(),
            "can_intake": has_perm(request.user, perms.INTAKE),
            "categories": categories,
        },
    )


@login_required
def issue_detail(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = T.issue_get_for(actor=request.user, issue_id=issue_id)
    return redirect(f"/disputes/talk-days/{issue.talk_day_id}/#issue-{issue.pk}")


@login_required
@require_POST
def issue_resolve(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = T.issue_get_for(actor=request.user, issue_id=issue_id)
    form = F.IssueResolveForm(request.POST)
    if form.is_valid():
        try:
            services.talk_issue_resolve(actor=request.user, issue_id=issue.pk, **form.cleaned_data)
        except FazhiError as exc:
            if exc.status in (403, 404, 409):
                raise
            messages.error(request, exc.message)
        else:
            messages.success(request, "已处理")
    else:
        messages.error(request, "请填写处理情况")
    return redirect(f"/disputes/talk-days/{issue.talk_day_id}/#issues")


@login_required
@require_POST
def issue_convert(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = T.issue_get_for(actor=request.user, issue_id=issue_id)
    try:
        dispute = services.talk_issue_convert(
            actor=request.user, issue_id=issue.pk, category=request.POST.get("category", "")
        )
    except FazhiError as exc:
        if exc.status in (403, 404, 409):
            raise
        messages.error(request, exc.message)
        return redirect(f"/disputes/talk-days/{issue.talk_day_id}/#issues")
    messages.success(request, f"已转为矛盾纠纷 {dispute.number}，请补充当事人")
    return redirect(f"/disputes/{dispute.pk}/")
