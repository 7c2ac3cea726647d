"""Pages of an agreement: signing, the 司法确认 window and checklist, performance follow-up, printing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.errors import FazhiError
from fazhi.core.timeline import timeline_for
from fazhi.disputes import forms as F
from fazhi.disputes import present, rules, services
from fazhi.disputes.services import documents as document_services
from fazhi.disputes.services.agreements import agreement_get_for
from fazhi.disputes.services.common import today
from fazhi.disputes.views.common import DOCX, file_response


def _page(request: HttpRequest, agreement: Any, **forms: Any) -> HttpResponse:
    dispute = agreement.dispute
    parties = list(dispute.parties.order_by("order", "id"))
    mediators = list(dispute.mediators.all())
    data = present.agreement_out(agreement, request.user)
    context = {
        "a": agreement,
        "d": dispute,
        "data": data,
        "actions": {x["action"] for x in data["allowed_actions"]},
        "sign_form": forms.get("sign_form")
        or F.SignForm(parties=parties, mediators=mediators, initial={"signed_on": today()}),
        "materials_form": forms.get("materials_form")
        or F.MaterialsForm(initial={"materials": agreement.jc_materials}),
        "confirmation_form": forms.get("confirmation_form")
        or F.ConfirmationForm(initial={"on": today(), "court": agreement.jc_court}),
        "follow_form": F.FollowUpForm(initial={"checked_on": today()}),
        "void_form": F.ReasonForm(),
        "timeline": timeline_for(agreement),
        "basis": rules,
    }
    return render(request, "disputes/agreement.html", context)


@login_required
def agreement_detail(request: HttpRequest, agreement_id: int) -> HttpResponse:
    return _page(request, agreement_get_for(actor=request.user, agreement_id=agreement_id))


def _run(
    request: HttpRequest, agreement_id: int, form: Any, key: str, call: Any, message: str
) -> HttpResponse:
    agreement = agreement_get_for(actor=request.user, agreement_id=agreement_id)
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except FazhiError as exc:
            if exc.status in (403, 404, 409):
                raise
            form.add_error(None, exc.message)
        else:
            messages.success(request, message)
            return redirect(f"/disputes/agreements/{agreement_id}/")
    return _page(request, agreement_get_for(actor=request.user, agreement_id=agreement.pk), **{key: form})


@login_required
@require_POST
def agreement_sign(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = agreement_get_for(actor=request.user, agreement_id=agreement_id)
    form = F.SignForm(
        request.POST,
        parties=list(agreement.dispute.parties.all()),
        mediators=list(agreement.dispute.mediators.all()),
    )

    def call(data: dict[str, Any]) -> Any:
        signer = data["signer"]
        kind, pk = signer[0], int(signer[1:])
        if kind == "p":
            return services.agreement_sign(
                actor=request.user,
                agreement_id=agreement_id,
                signed_on=data["signed_on"],
                party_id=pk,
                method=data["method"] or "signature",
            )
        return services.agreement_sign(
            actor=request.user,
            agreement_id=agreement_id,
            signed_on=data["signed_on"],
            mediator_id=pk,
            sealed=data["sealed"],
        )

    return _run(request, agreement_id, form, "sign_form", call, "已记录签署")


@login_required
@require_POST
def agreement_materials(request: HttpRequest, agreement_id: int) -> HttpResponse:
    form = F.MaterialsForm(request.POST)
    return _run(
        request,
        agreement_id,
        form,
        "materials_form",
        lambda data: services.agreement_materials_set(
            actor=request.user, agreement_id=agreement_id, materials=data["materials"]
        ),
        "已更新申请材料清单",
    )


@login_required
@require_POST
def agreement_confirmation(request: HttpRequest, agreement_id: int) -> HttpResponse:
    form = F.ConfirmationForm(request.POST)
    return _run(
        request,
        agreement_id,
        form,
        "confirmation_form",
        lambda data: services.agreement_confirmation_record(
            actor=request.user, agreement_id=agreement_id, **data
        ),
        "已记录司法确认进展",
    )


@login_required
@require_POST
def agreement_void(request: HttpRequest, agreement_id: int) -> HttpResponse:
    form = F.ReasonForm(request.POST)
    return _run(
        request,
        agreement_id,
        form,
        "void_form",
        lambda data: services.agreement_void(
            actor=request.user, agreement_id=agreement_id, reason=data["reason"]
        ),
        "协议已作废",
    )


@login_required
@require_POST
def term_follow_up(request: HttpRequest, agreement_id: int, term_id: int) -> HttpResponse:
    agreement = agreement_get_for(actor=request.user, agreement_id=agreement_id)
    form = F.FollowUpForm(request.POST)
    if not agreement.terms.filter(pk=term_id).exists():
        from django.http import Http404

        raise Http404
    if form.is_valid():
        try:
            services.term_follow_up(actor=request.user, term_id=term_id, **form.cleaned_data)
        except FazhiError as exc:
            if exc.status in (403, 404, 409):
                raise
            messages.error(request, exc.message)
        else:
            messages.success(request, "已记录履行回访")
    else:
        messages.error(request, "请选择履行情况")
    return redirect(f"/disputes/agreements/{agreement_id}/")


@login_required
def agreement_document(request: HttpRequest, agreement_id: int) -> HttpResponse:
    data, name = document_services.agreement_print(actor=request.user, agreement_id=agreement_id)
    return file_response(data, name, DOCX)
