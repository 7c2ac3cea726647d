"""Pages of one dispute: the list, intake from a phone, the case page and each step's form."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import search
from fazhi.core.attachments import attachment_get, attachment_path, attachments_of
from fazhi.core.errors import FazhiError
from fazhi.core.timeline import timeline_for
from fazhi.disputes import forms as F
from fazhi.disputes import perms, present, risk, rules, selectors, services
from fazhi.disputes.documents import parties_info_default
from fazhi.disputes.models.choices import EscalationKind, Outcome, RiskLevel, Source
from fazhi.disputes.services import documents as document_services
from fazhi.disputes.services.common import today
from fazhi.disputes.views.common import DOCX, action_page, file_response, place_errors, require_page
from fazhi.disputes.workflow import Status
from fazhi.org.models import UnitKind
from fazhi.org.scope import has_perm
from fazhi.org.selectors import area_choices_for, leader_list_for, unit_list_for
from fazhi.workbench.lists import Column, ListSpec, list_context

LIST = ListSpec(
    columns=[
        Column("编号", "number"),
        Column("登记日期", "registered_on"),
        Column("所属单位", "unit__path"),
        Column("类别", "category__order"),
        Column("当事人"),
        Column("风险", "risk_level"),
        Column("状态", "status"),
        Column("调解期限", "due_on"),
    ],
    default_sort="-registered_on",
    filters=[
        "q",
        "status",
        "category",
        "risk_level",
        "source",
        "outcome",
        "unit",
        "registered_from",
        "registered_to",
        "concluded_from",
        "concluded_to",
        "agreement_from",
        "agreement_to",
        "confirmed_from",
        "confirmed_to",
        "escalated_from",
        "escalated_to",
        "escalation",
        "open_only",
    ],
    export="",  # the ledgers page exports the filtered list (矛盾纠纷排查化解台账)
)
DATE_FILTERS = (
    "registered_from",
    "registered_to",
    "concluded_from",
    "concluded_to",
    "agreement_from",
    "agreement_to",
    "confirmed_from",
    "confirmed_to",
    "escalated_from",
    "escalated_to",
)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def filters_from(request: HttpRequest) -> selectors.DisputeFilters:
    return filters_from_params(request.GET)


def filters_from_params(g: Any) -> selectors.DisputeFilters:
    """The list's filters from query parameters (a QueryDict or a plain dict: the export job's)."""
    unit = g.get("unit", "")
    dates: dict[str, Any] = {name: _date(g.get(name, "")) for name in DATE_FILTERS}
    return selectors.DisputeFilters(
        q=g.get("q", "").strip(),
        status=g.get("status", ""),
        category=g.get("category", ""),
        risk_level=g.get("risk_level", ""),
        source=g.get("source", ""),
        outcome=g.get("outcome", ""),
        unit_id=int(unit) if unit.isdigit() else None,
        open_only=g.get("open_only") == "1",
        escalation=g.get("escalation", ""),
        **dates,
    )


def _units(actor: Any) -> list[Any]:
    """The units a dispute can be registered in (the intake form's choice)."""
    return list(
        unit_list_for(actor=actor).filter(kind__in=(UnitKind.COMMUNITY, UnitKind.GRID, UnitKind.SUBDISTRICT))
    )


@login_required
def dispute_list(request: HttpRequest) -> HttpResponse:
    require_page(request, perms.VIEW)
    qs = selectors.dispute_list_for(actor=request.user, filters=filters_from(request))
    context = list_context(request, qs, LIST, count_cap=search.count_cap_for(request.GET.get("q", "")))
    context.update(
        {
            "statuses": Status.choices,
            "risks": RiskLevel.choices,
            "sources": Source.choices,
            "outcomes": [
                *Outcome.choices[1:],
                ("resolved", "成功化解（协议或和解）"),
                ("mediated", "已调结（成功或不成）"),
            ],
            "escalations": EscalationKind.choices,
            "categories": selectors.category_list(active_only=False),
            "units": area_choices_for(actor=request.user, current=request.GET.get("unit")),
            "rows": [(d, present.dispute_row(d)) for d in context["page"].items],
            "can_intake": has_perm(request.user, perms.INTAKE),
        }
    )
    return render(request, "disputes/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def dispute_new(request: HttpRequest) -> HttpResponse:
    """Intake, phone first: the grid worker's unit comes preselected."""
    require_page(request, perms.INTAKE)
    units = _units(request.user)
    categories = list(selectors.category_list())
    initial = {
        "unit_id": getattr(request.user, "unit_id", None),
        "source": request.GET.get("source", Source.SCREENING),
    }
    form = F.IntakeForm(request.POST or None, units=units, categories=categories, initial=initial)
    parties = F.party_forms(request.POST or None, 3)
    if request.method == "POST" and form.is_valid() and all(p.is_valid() for p in parties):
        data = dict(form.cleaned_data)
        data["parties"] = [p for p in (pf.data_or_none() for pf in parties) if p]
        try:
            dispute = services.dispute_intake(actor=request.user, **data)
        except FazhiError as exc:
            if exc.status in (403, 404):
                raise
            place_errors(exc, form, {"parties": parties})
        else:
            messages.success(
                request, f"已登记 {dispute.number}，风险等级：{dispute.get_risk_level_display()}"
            )
            return redirect(f"/disputes/{dispute.pk}/")
    return render(
        request,
        "disputes/intake.html",
        {"form": form, "parties": parties, "criteria": risk.criteria_text()},
    )


@login_required
def dispute_detail(request: HttpRequest, dispute_id: int) -> HttpResponse:
    dispute = selectors.dispute_get_for(actor=request.user, dispute_id=dispute_id)
    data = present.dispute_out(dispute, request.user)
    actions = {a["action"] for a in data["allowed_actions"]}
    return render(
        request,
        "disputes/detail.html",
        {
            "d": dispute,
            "data": data,
            "actions": actions,
            "timeline": timeline_for(dispute),
            "attachments": attachments_of(dispute),
            "risk_tag": present.RISK_TAG.get(dispute.risk_level, "grey"),
            "status_tag": present.STATUS_TAG.get(dispute.status, "grey"),
            "can_reveal": has_perm(request.user, perms.REVEAL),
            "consent_form": F.ConsentForm(),
            "reveal_form": F.RevealForm(),
        },
    )


def _dispute(request: HttpRequest, dispute_id: int) -> Any:
    return selectors.dispute_get_for(actor=request.user, dispute_id=dispute_id)


def _back(dispute: Any) -> str:
    return f"/disputes/{dispute.pk}/"


@login_required
@require_http_methods(["GET", "POST"])
def dispute_edit(request: HttpRequest, dispute_id: int) -> HttpResponse:
    d = _dispute(request, dispute_id)
    initial = {
        f: getattr(d, f)
        for f in (
            "summary",
            "claims",
            "place",
            "occurred_on",
            "people_involved",
            "amount",
            "police_history",
            "criminal_risk",
            "group_behaviour",
            "extreme_behaviour",
        )
    }
    initial["category"] = d.category.code
    form = F.DisputeEditForm(
        request.POST or None, initial=initial, categories=list(selectors.category_list())
    )
    return action_page(
        request,
        form=form,
        call=lambda data: services.dispute_update(actor=request.user, dispute_id=d.pk, **data),
        done=_back(d),
        message="已保存；风险等级已按新情况重新评定",
        title=f"修改登记信息 · {d.number}",
        back=_back(d),
        context={"help": "；".join(f"{level}：{text}" for level, text in risk.criteria_text())},
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_add(request: HttpRequest, dispute_id: int) -> HttpResponse:
    d = _dispute(request, dispute_id)
    form = F.PartyForm(request.POST or None, initial={"role": "respondent"})
    form.fields["name"].required = True
    return action_page(
        request,
        form=form,
        call=lambda data: services.party_add(actor=request.user, dispute_id=d.pk, party=data),
        done=_back(d),
        message="已补充当事人",
        title=f"补充当事人 · {d.number}",
        back=_back(d),
    )


@login_required
@require_POST
def party_consent(request: HttpRequest, dispute_id: int, party_id: int) -> HttpResponse:
    form = F.ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择调解意愿")
        return redirect(f"/disputes/{dispute_id}/")
    try:
        services.party_consent(
            actor=request.user, dispute_id=dispute_id, party_id=party_id, **form.cleaned_data
        )
    except FazhiError as exc:
        if exc.status in (403, 404, 409):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, "已记录调解意愿")
    return redirect(f"/disputes/{dispute_id}/")


@login_required
@require_POST
def party_reveal(request: HttpRequest, dispute_id: int, party_id: int) -> HttpResponse:
    try:
        value = services.party_reveal(
            actor=request.user,
            dispute_id=dispute_id,
            party_id=party_id,
            field=request.POST.get("field", ""),
            purpose=request.POST.get("purpose", ""),
        )
    except FazhiError as exc:
        if exc.status == 404:
            raise
        return render(request, "workbench/_reveal.html", {"error": exc.message}, status=exc.status)
    return render(request, "workbench/_reveal.html", {"value": value})


@login_required
@require_http_methods(["GET", "POST"])
def dispute_assign(request: HttpRequest, dispute_id: int) -> HttpResponse:
    d = _dispute(request, dispute_id)
    orgs = list(selectors.org_list_for(actor=request.user, active_only=True).prefetch_related("mediators"))
    current = list(d.mediator_links.values_list("mediator_id", flat=True))
    form = F.AssignForm(
        request.POST or None, orgs=orgs, initial={"org_id": d.org_id, "mediator_ids": current}
    )
    return action_page(
        request,
        form=form,
        call=lambda data: services.dispute_assign(actor=request.user, dispute_id=d.pk, **data),
        done=_back(d),
        message="已指派调解组织和调解员",
        title=f"指派调解 · {d.number}",
        back=_back(d),
        context={
            "help": f"调解员须为所选调解组织的在任调解员；可由调解组织指定，也可由当事人选择（{rules.CHOICE_BASIS}）。"
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def dispute_leader(request: HttpRequest, dispute_id: int) -> HttpResponse:
    d = _dispute(request, dispute_id)
    form = F.LeaderForm(request.POST or None, leaders=list(leader_list_for(actor=request.user)))
    return action_page(
        request,
        form=form,
        call=lambda data: services.dispute_set_case_leader(actor=request.user, dispute_id=d.pk, **data),
        done=_back(d),
        message="已指定包案领导",
        title=f"指定包案领导 · {d.number}",
        back=_back(d),
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, dispute_id: int) -> HttpResponse:
    d = _dispute(request, dispute_id)
    mediators = list(d.mediators.all())
    form = F.SessionForm(
        request.POST or None,
        request.FILES or None,
        mediators=mediators,
        initial={
            "held_on": today(),
            "mediator_ids": [m.pk for m in mediators],
            "place": d.org.venue if d.org else "",
        },
    )

    def call(data: dict[str, Any]) -> Any:
        upload = request.FILES.get("attachment")
        files = [(upload.name or "附件", upload.read())] if upload else []
        return services.session_record(
            actor=request.user,
            dispute_id=d.pk,
            held_on=data["held_on"],
            place=data["place"],
            mediator_ids=data["mediator_ids"],
            record=data["record"],
            invitees=form.invitee_list(),
            invitees_consented=data["invitees_consented"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            files=files,
        )

    return action_page(
        request,
        form=form,
        call=call,
        done=_back(d),
        message="已记录本次调解",
        title=f"记录调解 · {d.number}",
        back=_back(d),
        submit="保存调解记录",
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_new(request: HttpRequest, dispute_id: int) -> HttpResponse:
    d = _dispute(request, dispute_id)
    parties = list(d.parties.order_by("order", "id"))
    form = F.AgreementRecordForm(
        request.POST or None,
        initial={"reached_on": today(), "parties_info": parties_info_default(d), "facts": d.summary},
    )
    terms = [F.TermForm(request.POST or None, prefix=f"t{i}", parties=parties) for i in range(4)]
    if request.method == "POST" and form.is_valid() and all(t.is_valid() for t in terms):
        try:
            agreement = services.agreement_record(
                actor=request.user,
                dispute_id=d.pk,
                terms=[t.cleaned_data for t in terms],
                **form.cleaned_data,
            )
        except FazhiError as exc:
            if exc.status in (403, 404, 409):
                raise
            place_errors(exc, form, {"terms": terms})
        else:
            messages.success(
                request,
                "已登记调解协议"
                + ("，请打印后签署" if agreement.form == "written" else "（口头协议当日生效）"),
            )
            return redirect(f"/disputes/agreements/{agreement.pk}/")
    return render(
        request,
        "disputes/agreement_form.html",
        {
            "d": d,
            "form": form,
            "terms": terms,
            "basis": rules.AGREEMENT_BASIS,
            "oral_basis": rules.ORAL_BASIS,
            "partial_basis": rules.PARTIAL_BASIS,
            "hint": d.category.status_relation_hint,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def dispute_terminate(request: HttpRequest, dispute_id: int) -> HttpResponse:
    d = _dispute(request, dispute_id)
    routes = ["labour_arbitration", "court"] if d.category.labour else ["court"]
    form = F.TerminateForm(request.POST or None, initial={"ended_on": today(), "routes": routes})
    return action_page(
        request,
        form=form,
        call=lambda data: services.dispute_terminate(actor=request.user, dispute_id=d.pk, **data),
        done=_back(d),
        message="已终止调解，可打印终止人民调解告知书",
        title=f"终止调解 · {d.number}",
        back=_back(d),
        context={
            "help": f"调解不成的，应当终止调解并告知当事人可以通过仲裁、行政、司法等途径维护权利（{rules.FAILURE_BASIS}）；经当事人同意，可书面记载无争议事实及调解起止时间、调解不成的原因（{rules.FAILURE_RECORD_BASIS}）。"
        },
        submit="终止调解",
    )


@login_required
@require_http_methods(["GET", "POST"])
def dispute_settle(request: HttpRequest, dispute_id: int) -> HttpResponse:
    d = _dispute(request, dispute_id)
    form = F.SettleForm(request.POST or None, initial={"on": today()})
    return action_page(
        request,
        form=form,
        call=lambda data: services.dispute_settle(actor=request.user, dispute_id=d.pk, **data),
        done=_back(d),
        message="已化解结案",
        title=f"自行和解或化解结案 · {d.number}",
        back=_back(d),
    )


@login_required
@require_POST
def dispute_close(request: HttpRequest, dispute_id: int) -> HttpResponse:
    try:
        services.dispute_close(actor=request.user, dispute_id=dispute_id, note=request.POST.get("note", ""))
    except FazhiError as exc:
        if exc.status in (403, 404, 409):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, "已结案")
    return redirect(f"/disputes/{dispute_id}/")


@login_required
@require_http_methods(["GET", "POST"])
def dispute_escalate(request: HttpRequest, dispute_id: int) -> HttpResponse:
    d = _dispute(request, dispute_id)
    form = F.EscalationForm(
        request.POST or None, initial={"kind": request.GET.get("kind", "police"), "on": today()}
    )
    return action_page(
        request,
        form=form,
        call=lambda data: services.escalation_record(actor=request.user, dispute_id=d.pk, **data),
        done=_back(d),
        message="已记录",
        title=f"上报或移交 · {d.number}",
        back=_back(d),
        context={
            "help": f"可能引起治安案件、刑事案件的，应当及时报告公安机关（{rules.POLICE_BASIS}），默认报告{rules.local('POLICE_STATION')}。转为信访事项的，由信访办登记受理。"
        },
    )


@login_required
@require_POST
def dispute_attach(request: HttpRequest, dispute_id: int) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择文件")
    else:
        try:
            services.dispute_attach(
                actor=request.user, dispute_id=dispute_id, name=upload.name or "附件", content=upload.read()
            )
        except FazhiError as exc:
            if exc.status in (403, 404, 409):
                raise
            messages.error(request, exc.message)
        else:
            messages.success(request, "已上传附件")
    return redirect(f"/disputes/{dispute_id}/")


@login_required
def dispute_attachment(request: HttpRequest, dispute_id: int, attachment_id: str) -> FileResponse:
    d = _dispute(request, dispute_id)
    attachment = attachment_get(obj=d, attachment_id=attachment_id)
    return FileResponse(open(attachment_path(attachment), "rb"), as_attachment=True, filename=attachment.name)


@login_required
def session_attachment(
    request: HttpRequest, dispute_id: int, session_id: int, attachment_id: str
) -> FileResponse:
    d = _dispute(request, dispute_id)
    session = d.sessions.filter(pk=session_id).first()
    if session is None:
        from django.http import Http404

        raise Http404
    attachment = attachment_get(obj=session, attachment_id=attachment_id)
    return FileResponse(open(attachment_path(attachment), "rb"), as_attachment=True, filename=attachment.name)


@login_required
def termination_notice(request: HttpRequest, dispute_id: int) -> HttpResponse:
    data, name = document_services.termination_print(actor=request.user, dispute_id=dispute_id)
    return file_response(data, name, DOCX)
