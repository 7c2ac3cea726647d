"""Pages for key persons: the masked list, the purpose-gated and audited profile, the phone form to
record a visit, the care team, support measures and the export requests."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import crypto
from fazhi.core.errors import FazhiError, NotFound
from fazhi.org.scope import has_perm
from fazhi.org.selectors import area_choices_for, staff_list_for
from fazhi.people import permissions as P
from fazhi.people import selectors, services
from fazhi.people.forms import (
    AgreementForm,
    CareMemberForm,
    ControlForm,
    ExportRequestForm,
    IncidentForm,
    KeyPersonForm,
    MeasureForm,
    PurposeForm,
    VisitForm,
)
from fazhi.people.models import ControlStatus, Visit
from fazhi.people.services.keypersons import care_team_warnings
from fazhi.people.views.forms_util import fields_of, form_errors
from fazhi.people.views.residents import _int, need
from fazhi.workbench.lists import Column, ListSpec, list_context

KEYPERSONS_LIST = ListSpec(
    columns=[
        Column("姓名"),
        Column("类别", "category__name"),
        Column("网格", "unit__path"),
        Column("危险性等级", "danger_level"),
        Column("管控状态", "control_status"),
        Column("下次走访", "next_visit_due"),
    ],
    default_sort="next_visit_due",
    filters=["category", "control_status", "due", "unit"],
    page_size=30,
)
VISITS_LIST = ListSpec(
    columns=[
        Column("走访时间", "visited_at"),
        Column("对象"),
        Column("方式", "method"),
        Column("结果", "outcome"),
        Column("等级"),
        Column("按期", "on_time"),
        Column("下次"),
    ],
    default_sort="-visited_at",
    filters=["start", "end", "on_time"],
    page_size=30,
)


@login_required
def keypersons(request: HttpRequest) -> HttpResponse:
    need(request, P.KEYPERSONS)
    g = request.GET
    today = timezone.localdate()
    qs = selectors.keyperson_list_for(
        actor=request.user,
        category_id=_int(g.get("category")),
        control_status=g.get("control_status", ""),
        due=g.get("due", ""),
        unit_id=_int(g.get("unit")),
        today=today,
    )
    context = list_context(request, qs, KEYPERSONS_LIST)
    context["rows"] = [
        (p, crypto.mask_name(p.resident.name), (p.next_visit_due - today).days if p.next_visit_due else None)
        for p in context["page"].items
    ]
    context.update(
        {
            "categories": selectors.category_list(),
            "statuses": ControlStatus.choices,
            "units": area_choices_for(actor=request.user, current=request.GET.get("unit")),
            "counts": selectors.keyperson_counts(actor=request.user),
        }
    )
    return render(request, "people/keypersons.html", context)


def _summary(request: HttpRequest, key_person_id: int) -> Any:
    """The masked record for forms that do not show the profile (no purpose asked, nothing revealed)."""
    person = selectors.keyperson_list_for(actor=request.user).filter(pk=key_person_id).first()
    if person is None:
        raise NotFound("重点人员不存在或无权查看")
    return person


@login_required
@require_http_methods(["GET", "POST"])
def keyperson_detail(request: HttpRequest, key_person_id: int) -> HttpResponse:
    need(request, P.KEYPERSONS)
    purpose = request.GET.get("purpose", "").strip()
    if len(purpose) < 2:
        summary = _summary(request, key_person_id)
        form = PurposeForm(request.GET or None)
        if request.GET.get("purpose") is not None:
            form.is_valid()
            form.add_error("purpose", "请说明查询事由（至少2个字）")
        return render(
            request,
            "people/keyperson_gate.html",
            {"person": summary, "name": crypto.mask_name(summary.resident.name), "form": form},
        )
    person = selectors.keyperson_get_for(actor=request.user, key_person_id=key_person_id, purpose=purpose)
    team = getattr(person, "care_team", None)
    accounts = staff_list_for(actor=request.user)
    member_form = CareMemberForm(prefix="member")
    fields_of(member_form)["user_id"].choices = [("", "—")] + [
        (u.pk, f"{u}（{u.unit}）") for u in accounts.select_related("unit")[:300]
    ]
    return render(
        request,
        "people/keyperson_detail.html",
        {
            "person": person,
            "purpose": purpose,
            "back": "?" + urlencode({"purpose": purpose}),
            "members": list(team.members.select_related("user")) if team else [],
            "warnings": care_team_warnings(person),
            "visits": selectors.visits_of(person)[:30],
            "measures": selectors.measures_of(person),
            "incidents": person.incidents.all(),
            "reports": person.reports.all()[:10],
            "allowance": selectors.allowance_for(person, timezone.localdate().year),
            "next_visit": selectors.next_visit_text(person),
            "id_masked": crypto.mask_id_number(person.resident.id_number),
            "forms": {
                "member": member_form,
                "control": ControlForm(prefix="control", initial={"status": person.control_status}),
                "incident": IncidentForm(prefix="incident"),
                "measure": MeasureForm(prefix="measure"),
                "agreement": AgreementForm(
                    prefix="agreement", initial={"guardian_name": person.guardian_name}
                ),
            },
        },
    )


ACTIONS: dict[str, tuple[Any, Any]] = {
    "member": (CareMemberForm, services.care_member_add),
    "control": (ControlForm, services.control_status_set),
    "incident": (IncidentForm, services.incident_record),
    "measure": (MeasureForm, services.support_measure_add),
    "agreement": (AgreementForm, services.guardian_agreement_record),
}


@login_required
@require_POST
def keyperson_action(request: HttpRequest, key_person_id: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise NotFound()
    form_class, service = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if action == "member":
        fields_of(form)["user_id"].choices = [("", "—")] + [
            (str(u.pk), str(u))
            for u in staff_list_for(actor=request.user).filter(pk=request.POST.get("member-user_id") or 0)
        ]
    purpose = request.POST.get("purpose", "")
    back = f"/people/keypersons/{key_person_id}/?" + urlencode({"purpose": purpose})
    if not form.is_valid():
        messages.error(
            request,
            "；".join(f"{form.fields[k].label}：{v[0]}" for k, v in form.errors.items() if k in form.fields)
            or "输入有误",
        )
        return redirect(back)
    try:
        service(actor=request.user, key_person_id=key_person_id, **form.cleaned_data)
    except FazhiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已保存")
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest, key_person_id: int) -> HttpResponse:
    """The phone form: record a visit; the next one is scheduled by the rules and shown at once."""
    need(request, P.KEYPERSONS)
    person = _summary(request, key_person_id)
    now = timezone.localtime().replace(second=0, microsecond=0)
    user = request.user
    initial = {
        "visited_at": now,
        "outcome": Visit.Outcome.MET,
        "visitors": getattr(user, "display_name", "") or user.get_username(),
        "stable": True,
    }
    form = VisitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_record(actor=request.user, key_person_id=person.pk, **form.cleaned_data)
        except FazhiError as exc:
            form_errors(form, exc)
        else:
            if visit.outcome == Visit.Outcome.MET:
                messages.success(
                    request,
                    f"已记录走访。下次走访期限：{visit.next_due:%Y年%-m月%-d日}（{selectors.rule_basis(visit.next_rule) or '按规则'}）",
                )
            else:
                messages.warning(
                    request, "已记录失访/拒访，并按规定报告街道、精神卫生机构（或司法所）和公安机关"
                )
            return redirect(
                "/people/keypersons/?due=soon" if not request.GET.get("next") else request.GET["next"]
            )
    person.refresh_from_db()
    return render(
        request,
        "people/visit_form.html",
        {
            "person": person,
            "name": crypto.mask_name(person.resident.name),
            "form": form,
            "next_visit": selectors.next_visit_text(person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def keyperson_new(request: HttpRequest, resident_id: int) -> HttpResponse:
    need(request, P.KEYPERSONS)
    resident = selectors.resident_get_for(actor=request.user, resident_id=resident_id)
    form = KeyPersonForm(request.POST or None, initial={"registered_on": timezone.localdate()})
    fields_of(form)["category_id"].choices = [(c.pk, c.name) for c in selectors.category_list()]
    if request.method == "POST" and form.is_valid():
        try:
            person = services.keyperson_register(
                actor=request.user, resident_id=resident.pk, **form.cleaned_data
            )
        except FazhiError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"已纳入管理，首次走访期限 {person.next_visit_due:%Y-%m-%d}")
            return redirect(f"/people/keypersons/{person.pk}/?" + urlencode({"purpose": "纳入管理后建档"}))
    return render(request, "people/keyperson_form.html", {"form": form, "resident": resident})


@login_required
def visits(request: HttpRequest) -> HttpResponse:
    need(request, P.KEYPERSONS)
    from fazhi.people.models import Visit as VisitModel

    g = request.GET
    people = selectors.keyperson_list_for(actor=request.user).values("pk")
    qs = VisitModel.objects.filter(key_person_id__in=people).select_related(
        "key_person__resident", "key_person__category"
    )
    try:
        if g.get("start"):
            qs = qs.filter(visited_on__gte=dt.date.fromisoformat(g["start"]))
        if g.get("end"):
            qs = qs.filter(visited_on__lte=dt.date.fromisoformat(g["end"]))
    except ValueError:
        messages.error(request, "日期格式应为 YYYY-MM-DD")
    if g.get("on_time") == "1":
        qs = qs.filter(on_time=True)
    elif g.get("on_time") == "0":
        qs = qs.filter(on_time=False)
    context = list_context(request, qs, VISITS_LIST)
    context["rows"] = [(v, crypto.mask_name(v.key_person.resident.name)) for v in context["page"].items]
    return render(request, "people/visits.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def export_requests(request: HttpRequest) -> HttpResponse:
    need(request, P.KEYPERSONS)
    form = ExportRequestForm(request.POST or None)
    fields_of(form)["category_id"].choices = [("", "全部类别")] + [
        (c.pk, c.name) for c in selectors.category_list()
    ]
    if request.method == "POST" and form.is_valid():
        try:
            services.export_request_create(actor=request.user, **form.cleaned_data)
        except FazhiError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "已提交导出申请，待另一名有审批权限的人员审批")
            return redirect("/people/exports/")
    return render(
        request,
        "people/export_requests.html",
        {
            "form": form,
            "items": selectors.export_request_list_for(actor=request.user)[:100],
            "can_approve": has_perm(request.user, P.KEYPERSONS_EXPORT_APPROVE),
        },
    )


@login_required
@require_POST
def export_request_act(request: HttpRequest, request_id: int, action: str) -> HttpResponse:
    if action == "run":
        job = services.export_request_run(actor=request.user, request_id=request_id)
        return redirect(f"/jobs/{job.pk}/")
    if action not in ("approve", "reject"):
        raise NotFound()
    services.export_request_decide(
        actor=request.user,
        request_id=request_id,
        approve=action == "approve",
        note=request.POST.get("note", ""),
    )
    messages.success(request, "已审批")
    return redirect("/people/exports/")
