"""Pages of the reports module: the 领导驾驶舱, the annual report (generate, read, edit, versions,
finalise, .docx), the monthly bulletin and the indicator targets. Thin: parse, call one selector or
service, render."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.documents import cn_number
from fazhi.core.errors import Conflict, FazhiError, NotAllowed, ValidationFailed
from fazhi.org.scope import has_perm
from fazhi.org.selectors import UnitChoice, UnitChoices, unit_choices_for, unit_options
from fazhi.reports import builder, charts, periods, present, rules, selectors, services, writers
from fazhi.reports import permissions as P
from fazhi.reports.api import docx_response
from fazhi.reports.forms import EditForm, GenerateForm, TargetForm
from fazhi.reports.workflow import WORKFLOW


def form_errors(form: Any, exc: FazhiError) -> None:
    """Field messages beside their fields, the rest on top — as workbench.views.form_errors does.

    Not imported from there: importing fazhi.workbench.views from this module makes mypy re-check it
    with request.user typed as User | AnonymousUser, which it is not written for (see the report).
    """
    placed = False
    for name, message in exc.fields.items():
        if name in form.fields:
            form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def _unit_choices(actor: Any, kinds: tuple[str, ...], current: Any = None) -> UnitChoices:
    return unit_choices_for(actor=actor, units=selectors.units_for(actor=actor, kinds=kinds), current=current)


def _all_units(actor: Any, kinds: tuple[str, ...]) -> list[UnitChoice]:
    """Every unit of `kinds` in scope: the subdistricts and communities a report is written for."""
    return unit_options(list(selectors.units_for(actor=actor, kinds=kinds)))


# --- 领导驾驶舱 ----------------------------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    actor, today = request.user, timezone.localdate()
    error = ""
    try:
        choice = periods.period_from(request.GET, today)
    except ValidationFailed as exc:
        error = exc.message
        choice = periods.period_from({}, today)
    dash = selectors.dashboard_for(
        actor=actor, unit_ref=request.GET.get("unit"), period=choice.period, today=today
    )
    chart_list = charts.charts_for(dash.areas)
    return render(
        request,
        "reports/dashboard.html",
        {
            "dash": dash,
            "choice": choice,
            "error": error,
            "kinds": periods.KINDS,
            "years": list(range(today.year, today.year - 6, -1)),
            "quarters": [1, 2, 3, 4],
            "months": list(range(1, 13)),
            "units": _unit_choices(actor, selectors.DASHBOARD_KINDS, dash.unit),
            "charts": chart_list,
            "chart_options": [{"id": c["id"], "option": c["option"]} for c in chart_list],
            "figure_count": sum(len(f) for f in dash.areas.values()),
            "can_view_reports": has_perm(actor, P.VIEW),
            "today": today,
        },
    )


# --- Annual reports -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest) -> HttpResponse:
    actor, today = request.user, timezone.localdate()
    if not has_perm(actor, P.VIEW):
        raise NotAllowed("无权查看法治政府建设年度报告")
    year = request.GET.get("year", "")
    reports = selectors.report_list_for(actor=actor, year=int(year) if year.isdigit() else None)
    can_draft = has_perm(actor, P.DRAFT)
    default_year = today.year - 1 if today.month <= 3 else today.year
    units = _all_units(actor, selectors.REPORT_KINDS)
    form = None
    if can_draft:
        choices = [(u.id, u.indent + u.name) for u in units]
        form = GenerateForm(request.POST or None, units=choices, year=default_year)
        if request.method == "POST" and form.is_valid():
            try:
                report = services.annual_report_create(
                    actor=actor, unit_id=form.cleaned_data["unit"], year=form.cleaned_data["year"]
                )
            except Conflict as exc:
                messages.info(request, exc.message + "，已为您打开")
                return redirect(f"/reports/annual/{exc.extra['report_id']}/")
            except FazhiError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, "已按系统数据生成草稿（第1版）")
                return redirect(f"/reports/annual/{report.pk}/")
    return render(
        request,
        "reports/annual_list.html",
        {
            "reports": [(r, rules.deadline_of(r.year)) for r in reports[:200]],
            "form": form,
            "deadline": rules.report_deadline(today),
            "year": year,
        },
    )


def _base(report_id: int, number: int | None = None) -> str:
    return f"/reports/annual/{report_id}/" + (f"versions/{number}/" if number else "")


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = request.user
    version = selectors.version_get_for(actor=actor, report_id=report_id)
    report = version.report
    actions = {t.action for t in WORKFLOW.available_actions(report, actor)}
    drift = selectors.drift_for(actor=actor, version=version)
    return render(
        request,
        "reports/annual_detail.html",
        {
            "report": report,
            "version": version,
            "blocks": present.sections(version, base=_base(report.pk, version.number)),
            "parts": _parts(version),
            "todo": builder.todo_labels(version.content, version.figures),
            "actions": actions,
            "drift": drift,
            "deadline": rules.deadline_of(report.year),
            "days_left": (rules.deadline_of(report.year) - timezone.localdate()).days,
            "basis": rules.BASIS,
            "annex": writers.annex_rows(version.content, {f["code"]: f for f in version.figures}),
            "latest": True,
        },
    )


def _parts(version: Any) -> list[dict[str, Any]]:
    """The document as read: opening, then numbered parts and sections with their HTML paragraphs."""
    blocks = {b["key"]: b for b in present.sections(version, base=_base(version.report_id, version.number))}
    return [
        {
            "number": cn_number(i),
            "heading": part["heading"],
            "sections": [
                {**s, "number": cn_number(j), "block": blocks[s["key"]]}
                for j, s in enumerate(part["sections"], 1)
            ],
        }
        for i, part in enumerate(builder.visible_parts(version.content), 1)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = request.user
    version = selectors.version_get_for(actor=actor, report_id=report_id)
    WORKFLOW.check(version.report, "edit", actor)
    form = EditForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.annual_report_edit(
                actor=actor,
                report_id=report_id,
                base_version=data["base_version"],
                texts=form.texts(),
                title=data["title"],
                addressee=data["addressee"],
                issuer=data["issuer"],
                note=data["note"],
            )
        except ValidationFailed as exc:
            for key, message in exc.fields.items():
                name = form.field_name(key) if form.field_name(key) in form.fields else key
                form.add_error(name if name in form.fields else None, message)
        except FazhiError as exc:
            form.add_error(None, exc.message)
        else:
            if saved.number == version.number:
                messages.info(request, "内容没有变化，未形成新版本")
            else:
                messages.success(request, f"已保存为第{saved.number}版")
            return redirect(f"/reports/annual/{report_id}/")
    return render(
        request,
        "reports/annual_edit.html",
        {"report": version.report, "version": version, "form": form, "figures": version.figures},
    )


@login_required
@require_POST
def report_finalise(request: HttpRequest, report_id: int) -> HttpResponse:
    base = request.POST.get("base_version", "")
    try:
        version = services.annual_report_finalise(
            actor=request.user, report_id=report_id, base_version=int(base) if base.isdigit() else None
        )
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"第{version.number}版已定稿，数据已冻结")
    return redirect(f"/reports/annual/{report_id}/")


@login_required
@require_POST
def report_regenerate(request: HttpRequest, report_id: int) -> HttpResponse:
    version = services.annual_report_regenerate(actor=request.user, report_id=report_id)
    messages.success(request, f"已按最新数据生成第{version.number}版；手工修改过的部分保留原文")
    return redirect(f"/reports/annual/{report_id}/")


@login_required
def report_versions(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = request.user
    versions = list(selectors.version_list_for(actor=actor, report_id=report_id))
    report = selectors.report_get_for(actor=actor, report_id=report_id)
    can_restore = any(t.action == "restore" for t in WORKFLOW.available_actions(report, actor))
    return render(
        request,
        "reports/annual_versions.html",
        {"report": report, "versions": versions, "can_restore": can_restore, "current": report.version_count},
    )


@login_required
def version_detail(request: HttpRequest, report_id: int, number: int) -> HttpResponse:
    actor = request.user
    version = selectors.version_get_for(actor=actor, report_id=report_id, number=number)
    previous = (
        selectors.version_get_for(actor=actor, report_id=report_id, number=number - 1) if number > 1 else None
    )
    changes = present.version_diff(previous, version) if previous else []
    return render(
        request,
        "reports/annual_version.html",
        {
            "report": version.report,
            "version": version,
            "parts": _parts(version),
            "blocks": present.sections(version, base=_base(report_id, number)),
            "changes": changes,
            "previous": previous,
        },
    )


@login_required
@require_POST
def version_restore(request: HttpRequest, report_id: int, number: int) -> HttpResponse:
    try:
        version = services.annual_report_restore(actor=request.user, report_id=report_id, number=number)
    except ValidationFailed as exc:
        messages.error(request, exc.message)
        return redirect(f"/reports/annual/{report_id}/versions/")
    messages.success(request, f"已恢复第{number}版的内容，形成第{version.number}版")
    return redirect(f"/reports/annual/{report_id}/")


@login_required
def report_docx(request: HttpRequest, report_id: int, number: int | None = None) -> HttpResponse:
    return docx_response(selectors.version_get_for(actor=request.user, report_id=report_id, number=number))


@login_required
def figure_detail(request: HttpRequest, report_id: int, number: int, code: str) -> HttpResponse:
    """One figure as the version froze it: value, wording, period, unit, definition, the records' ids."""
    found = selectors.frozen_records_for(
        actor=request.user, report_id=report_id, number=number, code=code, page_size=2000
    )
    return render(
        request,
        "reports/figure.html",
        {
            "report": found["version"].report,
            "version": found["version"],
            "figure": found["figure"],
            "ids": found["ids"],
        },
    )


# --- 每月通报 ------------------------------------------------------------------------------------------


def _bulletin(request: HttpRequest) -> tuple[Any, int, int]:
    today = timezone.localdate()
    year = request.GET.get("year", "")
    month = request.GET.get("month", "")
    y, m = periods.bulletin_month(
        int(year) if year.isdigit() else None, int(month) if month.isdigit() else None, today
    )
    return selectors.bulletin_for(actor=request.user, unit_ref=request.GET.get("unit"), year=y, month=m), y, m


@login_required
def bulletin(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    error = ""
    try:
        result, year, month = _bulletin(request)
    except ValidationFailed as exc:
        error = exc.message
        year, month = periods.bulletin_month(None, None, today)
        result = selectors.bulletin_for(
            actor=request.user, unit_ref=request.GET.get("unit"), year=year, month=month
        )
    query = urlencode({"unit": result.unit_id, "year": year, "month": month})
    return render(
        request,
        "reports/bulletin.html",
        {
            "bulletin": result,
            "year": year,
            "month": month,
            "error": error,
            "units": _all_units(request.user, selectors.REPORT_KINDS),
            "years": list(range(today.year, today.year - 6, -1)),
            "months": range(1, 13),
            "query": query,
        },
    )


@login_required
def bulletin_docx(request: HttpRequest) -> HttpResponse:
    from urllib.parse import quote

    from fazhi.reports.api import DOCX

    result, _, _ = _bulletin(request)
    unit = selectors.unit_resolve_for(actor=request.user, ref=result.unit_id, kinds=selectors.REPORT_KINDS)
    data = writers.bulletin_docx(
        result,
        issuer=builder.issuer_for(unit.name, unit.kind),
        signed_on=timezone.localdate(),
        author=unit.name,
    )
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(result.title + '.docx')}"
    return response


# --- 指标目标值 ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest) -> HttpResponse:
    actor = request.user
    items = list(selectors.target_list_for(actor=actor))
    current = next((t for t in items if t.code == request.GET.get("code")), None)
    initial: dict[str, Any] = {"code": request.GET.get("code", ""), "label": request.GET.get("label", "")}
    if current is not None:
        initial.update({"label": current.label, "target": current.target, "note": current.note})
    form = TargetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.report_target_set(
                actor=actor, code=data["code"], target=data["target"], label=data["label"], note=data["note"]
            )
        except FazhiError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request, f"已设置“{saved.code}”的目标值" if saved else f"已清除“{data['code']}”的目标值"
            )
            return redirect("/reports/targets/")
    configured = {t.code for t in items}
    catalogue = selectors.indicator_catalogue_for(actor=actor, today=timezone.localdate())
    return render(
        request,
        "reports/targets.html",
        {
            "items": items,
            "form": form,
            "catalogue": [(f, f.code in configured) for f in catalogue],
        },
    )
