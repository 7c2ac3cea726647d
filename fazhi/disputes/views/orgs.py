"""Pages of the mediation organisations and the mediators' roster."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.attachments import attachment_get, attachment_path, attachments_of
from fazhi.core.errors import FazhiError
from fazhi.core.timeline import timeline_for
from fazhi.disputes import forms as F
from fazhi.disputes import perms, present, rules, selectors, services
from fazhi.disputes.models.choices import OrgKind
from fazhi.disputes.selectors.orgs import org_manageable
from fazhi.disputes.views.common import action_page, require_page
from fazhi.org.models import UnitKind
from fazhi.org.scope import has_perm
from fazhi.org.selectors import staff_list_for, unit_list_for
from fazhi.workbench.lists import ListSpec, list_context


@login_required
def org_list(request: HttpRequest) -> HttpResponse:
    require_page(request, perms.VIEW)
    orgs = list(
        selectors.org_list_for(actor=request.user, kind=request.GET.get("kind", "")).prefetch_related(
            "mediators"
        )
    )
    rows = [
        (
            o,
            selectors.org_checklist(
                o, mediators=list(o.mediators.all()), has_rules_file=False if o.rules_text else None
            ),
        )
        for o in orgs
    ]
    return render(
        request,
        "disputes/orgs.html",
        {
            "rows": rows,
            "kinds": OrgKind.choices,
            "kind": request.GET.get("kind", ""),
            "can_manage": has_perm(request.user, perms.MANAGE_ORGS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def org_new(request: HttpRequest) -> HttpResponse:
    require_page(request, perms.MANAGE_ORGS)
    units = list(
        unit_list_for(actor=request.user).filter(
            kind__in=(UnitKind.SUBDISTRICT, UnitKind.COMMUNITY, UnitKind.DEPARTMENT, UnitKind.GRID)
        )
    )
    form = F.OrgForm(
        request.POST or None, units=units, initial={"unit_id": getattr(request.user, "unit_id", None)}
    )
    return action_page(
        request,
        form=form,
        call=lambda data: services.org_create(actor=request.user, **data),
        done=lambda org: f"/disputes/orgs/{org.pk}/",
        message="已设立调解组织，请添加委员或调解员",
        title="设立调解组织",
        back="/disputes/orgs/",
        context={
            "help": f"人民调解委员会由委员三至九人组成，设主任一人，应当有妇女成员（{rules.COMMITTEE_BASIS}）；每届任期三年（{rules.TERM_BASIS}）。特色调解工作室可以起字号（{rules.FEATURED_BASIS}）。"
        },
    )


def _users(request: HttpRequest, org: Any) -> list[Any]:
    return list(staff_list_for(actor=request.user, unit=org.unit))


@login_required
def org_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    org = selectors.org_get_for(actor=request.user, org_id=org_id)
    mediators = list(org.mediators.all())
    checklist = selectors.org_checklist(org, mediators=mediators)
    manage = org_manageable(actor=request.user, org=org)
    return render(
        request,
        "disputes/org_detail.html",
        {
            "org": org,
            "data": present.org_out(org, checklist),
            "checklist": checklist,
            "mediators": [(m, present.mediator_out(m)) for m in mediators],
            "manage": manage,
            "mediator_form": F.MediatorForm(users=_users(request, org)) if manage else None,
            "rules_files": attachments_of(org).filter(kind="rules"),
            "timeline": timeline_for(org),
            "term_basis": rules.TERM_BASIS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def org_edit(request: HttpRequest, org_id: int) -> HttpResponse:
    org = selectors.org_get_for(actor=request.user, org_id=org_id)
    fields = ("name", "doc_prefix", "description", "venue", "venue_note", "phone", "rules_text", "term_start")
    form = F.OrgForm(request.POST or None, initial={f: getattr(org, f) for f in fields})
    return action_page(
        request,
        form=form,
        call=lambda data: services.org_update(actor=request.user, org_id=org.pk, **data),
        done=f"/disputes/orgs/{org.pk}/",
        message="已保存",
        title=f"修改 · {org.name}",
        back=f"/disputes/orgs/{org.pk}/",
    )


@login_required
@require_POST
def org_compliant(request: HttpRequest, org_id: int) -> HttpResponse:
    try:
        services.org_mark_compliant(actor=request.user, org_id=org_id)
    except FazhiError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, "已确认：有人员、有场所、有制度")
    return redirect(f"/disputes/orgs/{org_id}/")


@login_required
@require_POST
def org_rules_upload(request: HttpRequest, org_id: int) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择制度文件")
        return redirect(f"/disputes/orgs/{org_id}/")
    try:
        services.org_rules_attach(
            actor=request.user, org_id=org_id, name=upload.name or "制度.docx", content=upload.read()
        )
    except FazhiError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, "已上传工作制度")
    return redirect(f"/disputes/orgs/{org_id}/")


@login_required
def org_rules_file(request: HttpRequest, org_id: int, attachment_id: str) -> FileResponse:
    org = selectors.org_get_for(actor=request.user, org_id=org_id)
    attachment = attachment_get(obj=org, attachment_id=attachment_id)
    return FileResponse(open(attachment_path(attachment), "rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def mediator_add(request: HttpRequest, org_id: int) -> HttpResponse:
    org = selectors.org_get_for(actor=request.user, org_id=org_id)
    form = F.MediatorForm(request.POST, users=_users(request, org))
    if form.is_valid():
        try:
            mediator = services.mediator_add(actor=request.user, org_id=org.pk, **form.cleaned_data)
        except FazhiError as exc:
            if exc.status in (403, 404):
                raise
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已增加{mediator.name}")
    else:
        messages.error(
            request,
            "；".join(f"{form.fields[k].label}：{v[0]}" for k, v in form.errors.items() if k in form.fields)
            or "输入有误",
        )
    return redirect(f"/disputes/orgs/{org.pk}/")


@login_required
def mediator_list(request: HttpRequest) -> HttpResponse:
    require_page(request, perms.VIEW)
    q = request.GET.get("q", "").strip()
    mediators = selectors.mediator_list_for(
        actor=request.user, q=q, active_only=request.GET.get("all") != "1"
    )
    context = list_context(request, mediators, MEDIATORS)
    context.update({"mediators": [(m, present.mediator_out(m)) for m in context["page"].items], "q": q})
    return render(request, "disputes/mediators.html", context)


# The roster in pages (a county has ~900 mediators), by unit and organisation as the selector orders it.
MEDIATORS = ListSpec(columns=[], default_sort="org__unit__path", filters=["q", "all"], page_size=50)


@login_required
@require_http_methods(["GET", "POST"])
def mediator_detail(request: HttpRequest, mediator_id: int) -> HttpResponse:
    mediator = selectors.mediator_get_for(actor=request.user, mediator_id=mediator_id)
    manage = org_manageable(actor=request.user, org=mediator.org)
    training_form = F.TrainingForm(request.POST or None) if manage else None
    if request.method == "POST" and training_form is not None and training_form.is_valid():
        try:
            services.training_add(actor=request.user, mediator_id=mediator.pk, **training_form.cleaned_data)
        except FazhiError as exc:
            if exc.status in (403, 404):
                raise
            training_form.add_error(None, exc.message)
        else:
            messages.success(request, "已记录培训")
            return redirect(f"/disputes/mediators/{mediator.pk}/")
    visible = selectors.dispute_list_for(actor=request.user).values("pk")
    cases = (
        mediator.dispute_links.filter(dispute__in=visible)
        .select_related("dispute", "dispute__category")
        .order_by("-assigned_on")[:50]
    )
    return render(
        request,
        "disputes/mediator_detail.html",
        {
            "m": mediator,
            "data": present.mediator_out(mediator),
            "training_form": training_form,
            "manage": manage,
            "cases": cases,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mediator_edit(request: HttpRequest, mediator_id: int) -> HttpResponse:
    mediator = selectors.mediator_get_for(actor=request.user, mediator_id=mediator_id)
    fields = ("name", "sex", "role", "ethnicity", "birth_year", "occupation", "qualifications", "joined_on")
    form = F.MediatorForm(
        request.POST or None,
        users=_users(request, mediator.org),
        initial={**{f: getattr(mediator, f) for f in fields}, "user_id": mediator.user_id},
    )
    # The phone is personal data: never put back into the page; left empty, it stays as it is.
    form.fields["phone"].help_text = "已登记的号码不显示；留空表示不变"
    form.fields["is_active"] = django_forms.BooleanField(
        label="在任", required=False, initial=mediator.is_active
    )

    def call(data: dict[str, Any]) -> Any:
        values = {**data, "user_id": data["user_id"] or 0}
        if not values.get("phone"):
            values.pop("phone", None)
        return services.mediator_update(actor=request.user, mediator_id=mediator.pk, **values)

    return action_page(
        request,
        form=form,
        call=call,
        done=f"/disputes/mediators/{mediator.pk}/",
        message="已保存",
        title=f"修改调解员 · {mediator.name}",
        back=f"/disputes/mediators/{mediator.pk}/",
        context={"help": "离任的调解员取消“在任”，委员人数、妇女成员等将重新检查。"},
    )
