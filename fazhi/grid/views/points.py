"""Pages for 积分联奖惩: overview and balances, the phone award form, a household's ledger with
redemption and appeals, deduction approvals, appeals, the rule catalogue and the points shop."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.errors import FazhiError
from fazhi.grid import permissions as P
from fazhi.grid import rules as grid_rules
from fazhi.grid import selectors, services
from fazhi.grid.forms import AppealForm, AwardForm, ItemForm, RedeemForm, RuleForm
from fazhi.grid.models import AppealStatus, EventStatus, ProposalStatus
from fazhi.org.scope import has_perm
from fazhi.org.selectors import unit_list_for
from fazhi.people.selectors import household_get_for, household_list_for
from fazhi.people.views.forms_util import fields_of, form_errors
from fazhi.people.views.residents import _int, need
from fazhi.workbench.lists import Column, ListSpec, list_context

ENTRIES = ListSpec(
    columns=[
        Column("日期", "occurred_on"),
        Column("户"),
        Column("类型", "kind"),
        Column("分值", "points"),
        Column("事由"),
        Column("登记/审批"),
    ],
    default_sort="-occurred_on",
    filters=["kind", "unit"],
    export="grid.points",
    page_size=30,
)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    need(request, P.VIEW)
    qs = selectors.entry_list_for(
        actor=request.user, kind=request.GET.get("kind", ""), unit_id=_int(request.GET.get("unit"))
    )
    context = list_context(request, qs, ENTRIES)
    context.update(
        {
            "balances": selectors.balance_list_for(
                actor=request.user, unit_id=_int(request.GET.get("unit")), limit=20
            ),
            "pending": selectors.proposal_list_for(actor=request.user, status=ProposalStatus.PENDING).count(),
            "appeals": selectors.appeal_list_for(actor=request.user, status=AppealStatus.PENDING).count(),
            "can_points": has_perm(request.user, P.POINTS),
            "can_manage": has_perm(request.user, P.MANAGE),
            "grades": grid_rules.configured("CREDIT_GRADES", grid_rules.CREDIT_GRADES),
            "base": grid_rules.credit_base(),
            "basis": grid_rules.POINTS_BASIS,
        }
    )
    return render(request, "grid/points.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def award(request: HttpRequest) -> HttpResponse:
    """The phone form: pick a household and a rule; awards count at once, deductions go for approval."""
    need(request, P.POINTS)
    form = AwardForm(
        request.POST or None,
        request.FILES or None,
        initial={"household_id": _int(request.GET.get("household")), "occurred_on": timezone.localdate()},
    )
    fields_of(form)["household_id"].choices = [
        (h.pk, h.address) for h in household_list_for(actor=request.user)[:1000]
    ]
    fields_of(form)["rule_id"].choices = [
        (r.pk, f"{r.get_kind_display()} {r.points}分 · {r.name}")
        for r in selectors.rule_list_for(actor=request.user)
    ]
    fields_of(form)["event_id"].choices = [("", "—")] + [
        (e.pk, f"{e.number} {e.get_category_display()}")
        for e in selectors.event_list_for(actor=request.user).exclude(status=EventStatus.REJECTED)[:100]
    ]
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("evidence")
        attachment = (upload.name, upload.read()) if upload else None
        try:
            result = services.points_award(actor=request.user, attachment=attachment, **data)
        except FazhiError as exc:
            form_errors(form, exc)
        else:
            if hasattr(result, "proposed_by_id"):
                messages.warning(request, f"扣分 {result.points} 分已提交，待另一人审批后生效")
            else:
                messages.success(request, f"已加 {result.points} 分")
            return redirect(f"/grid/points/households/{data['household_id']}/")
    return render(request, "grid/award_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def household(request: HttpRequest, household_id: int) -> HttpResponse:
    need(request, P.VIEW)
    home = household_get_for(actor=request.user, household_id=household_id)
    redeem = RedeemForm(request.POST or None, prefix="redeem")
    fields_of(redeem)["item_id"].choices = [
        (i.pk, f"{i.name}（{i.cost}分，库存{i.stock}）") for i in selectors.item_list_for(actor=request.user)
    ]
    if request.method == "POST" and redeem.is_valid():
        try:
            services.points_redeem(actor=request.user, household_id=home.pk, **redeem.cleaned_data)
        except FazhiError as exc:
            form_errors(redeem, exc)
        else:
            messages.success(request, "兑换成功")
            return redirect(f"/grid/points/households/{home.pk}/")
    return render(
        request,
        "grid/household_points.html",
        {
            "household": home,
            "balance": selectors.balance_for(actor=request.user, household=home),
            "entries": selectors.entry_list_for(actor=request.user, household_id=home.pk)[:100],
            "redemptions": selectors.redemption_list_for(actor=request.user, household_id=home.pk)[:50],
            "redeem": redeem,
            "appeal_form": AppealForm(),
            "can_points": has_perm(request.user, P.POINTS),
        },
    )


@login_required
@require_POST
def appeal(request: HttpRequest, entry_id: int) -> HttpResponse:
    form = AppealForm(request.POST)
    entry = selectors.entry_get_for(actor=request.user, entry_id=entry_id)
    if form.is_valid():
        try:
            services.points_appeal_file(actor=request.user, entry_id=entry.pk, **form.cleaned_data)
        except FazhiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已登记申诉，待审核")
    else:
        messages.error(request, "请填写申诉人和申诉理由")
    return redirect(f"/grid/points/households/{entry.household_id}/")


@login_required
@require_http_methods(["GET", "POST"])
def proposals(request: HttpRequest) -> HttpResponse:
    need(request, P.VIEW)
    if request.method == "POST":
        try:
            services.deduction_decide(
                actor=request.user,
                proposal_id=int(request.POST.get("proposal_id", "0")),
                approve=request.POST.get("approve") == "1",
                note=request.POST.get("note", ""),
            )
        except FazhiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已审批")
        return redirect("/grid/points/proposals/")
    return render(
        request,
        "grid/proposals.html",
        {
            "items": selectors.proposal_list_for(
                actor=request.user, status=request.GET.get("status", "pending")
            )[:200],
            "status": request.GET.get("status", "pending"),
            "can_approve": has_perm(request.user, P.POINTS_APPROVE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def appeals(request: HttpRequest) -> HttpResponse:
    need(request, P.VIEW)
    if request.method == "POST":
        try:
            services.points_appeal_decide(
                actor=request.user,
                appeal_id=int(request.POST.get("appeal_id", "0")),
                uphold=request.POST.get("uphold") == "1",
                note=request.POST.get("note", ""),
            )
        except FazhiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已处理申诉")
        return redirect("/grid/points/appeals/")
    return render(
        request,
        "grid/appeals.html",
        {
            "items": selectors.appeal_list_for(
                actor=request.user, status=request.GET.get("status", "pending")
            )[:200],
            "status": request.GET.get("status", "pending"),
            "can_approve": has_perm(request.user, P.POINTS_APPROVE),
        },
    )


def _catalogue_units(request: HttpRequest) -> list[tuple[int, str]]:
    return [
        (u.pk, u.name)
        for u in unit_list_for(actor=request.user).filter(kind__in=["subdistrict", "community", "grid"])
    ]


@login_required
@require_http_methods(["GET", "POST"])
def rules(request: HttpRequest) -> HttpResponse:
    need(request, P.VIEW)
    form = RuleForm(request.POST or None) if has_perm(request.user, P.MANAGE) else None
    if form is not None:
        fields_of(form)["unit_id"].choices = _catalogue_units(request)
        if request.method == "POST" and form.is_valid():
            try:
                services.points_rule_save(actor=request.user, **form.cleaned_data)
            except FazhiError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, "积分规则已保存")
                return redirect("/grid/points/rules/")
    return render(
        request,
        "grid/rules.html",
        {"items": selectors.rule_list_for(actor=request.user, active_only=False), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def items(request: HttpRequest) -> HttpResponse:
    need(request, P.VIEW)
    form = ItemForm(request.POST or None) if has_perm(request.user, P.MANAGE) else None
    if form is not None:
        fields_of(form)["unit_id"].choices = _catalogue_units(request)
        if request.method == "POST" and form.is_valid():
            try:
                services.redemption_item_save(actor=request.user, **form.cleaned_data)
            except FazhiError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, "商品已保存")
                return redirect("/grid/points/items/")
    return render(
        request,
        "grid/items.html",
        {
            "items": selectors.item_list_for(actor=request.user, active_only=False),
            "form": form,
            "redemptions": selectors.redemption_list_for(actor=request.user)[:50],
        },
    )
