"""Pages over the org app: the unit tree, accounts and roles (administrators), the audit log, the login log.
Thin: parse with a form, call one org service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.audit import audit_verify
from fazhi.core.crypto import mask_phone
from fazhi.core.errors import FazhiError, NotFound
from fazhi.org import permissions as P
from fazhi.org import selectors, services
from fazhi.org.models import UnitKind
from fazhi.org.scope import has_perm
from fazhi.workbench.lists import Column, ListSpec, list_context
from fazhi.workbench.org_forms import AccountForm, RevealForm, RoleForm, UnitForm
from fazhi.workbench.views import form_errors

UNITS = ListSpec(
    columns=[
        Column("名称", "name"),
        Column("类型", "kind"),
        Column("编码", "code"),
        Column("户数", "households"),
        Column("公开电话"),
    ],
    default_sort="path",
    filters=["kind", "q"],
    export="org.units",
)
ACCOUNTS = ListSpec(
    columns=[
        Column("用户名", "username"),
        Column("姓名", "display_name"),
        Column("所属单位", "unit__name"),
        Column("角色"),
        Column("手机号"),
        Column("状态", "is_active"),
        Column("最近登录", "last_login"),
    ],
    default_sort="username",
    filters=["q", "unit", "role"],
    export="org.accounts",
)
AUDIT = ListSpec(
    columns=[
        Column("序号", "seq"),
        Column("时间", "at"),
        Column("操作人", "actor_name"),
        Column("动作", "action"),
        Column("对象"),
        Column("结果", "outcome"),
        Column("IP"),
        Column("请求号"),
    ],
    default_sort="-seq",
    filters=["action", "actor", "object_type", "object_id", "outcome"],
    page_size=50,
    export="core.audit",
)
LOGINS = ListSpec(
    columns=[
        Column("时间", "at"),
        Column("账号", "username"),
        Column("IP"),
        Column("渠道", "channel"),
        Column("结果", "outcome"),
    ],
    default_sort="-at",
    filters=["username"],
    page_size=50,
    export="org.logins",
)


def _require(request: HttpRequest, *codes: str) -> None:
    if not any(has_perm(request.user, c) for c in codes):
        raise Http404  # pages the menu does not offer answer like missing ones


@login_required
def units(request: HttpRequest) -> HttpResponse:
    qs = selectors.unit_list_for(
        actor=request.user, kind=request.GET.get("kind", ""), q=request.GET.get("q", "")
    )
    context = list_context(request, qs, UNITS)
    context.update(
        {
            "tree": selectors.unit_tree_for(actor=request.user),
            "kinds": UnitKind.choices,
            "can_manage": has_perm(request.user, P.UNITS_MANAGE),
        }
    )
    return render(request, "workbench/units.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = selectors.unit_get_for(actor=request.user, unit_id=unit_id)
    can_manage = has_perm(request.user, P.UNITS_MANAGE)
    child_form = UnitForm(request.POST or None, prefix="child") if can_manage else None
    if request.method == "POST" and child_form is not None and child_form.is_valid():
        try:
            child = services.unit_create(actor=request.user, parent_id=unit.pk, **child_form.cleaned_data)
        except FazhiError as exc:
            form_errors(child_form, exc)
        else:
            messages.success(request, f"已新建“{child.name}”")
            return redirect(f"/units/{unit.pk}/")
    children = selectors.unit_list_for(actor=request.user).filter(
        path__startswith=unit.path, depth=unit.depth + 1
    )
    return render(
        request, "workbench/unit_detail.html", {"unit": unit, "children": children, "child_form": child_form}
    )


@login_required
def accounts(request: HttpRequest) -> HttpResponse:
    _require(request, P.ACCOUNTS_MANAGE, P.ROLES_MANAGE, P.SECURITY_MANAGE)
    unit_id = request.GET.get("unit")
    qs = selectors.account_list_for(
        actor=request.user,
        q=request.GET.get("q", ""),
        unit_id=int(unit_id) if unit_id and unit_id.isdigit() else None,
        role=request.GET.get("role", ""),
    )
    context = list_context(request, qs, ACCOUNTS)
    context.update(
        {
            "roles": selectors.role_list(),
            "units": selectors.unit_list_for(actor=request.user),
            "can_manage": has_perm(request.user, P.ACCOUNTS_MANAGE),
            "can_unlock": has_perm(request.user, P.SECURITY_MANAGE),
            "mask_phone": mask_phone,
        }
    )
    context["rows"] = [(u, mask_phone(u.phone)) for u in context["page"].items]
    return render(request, "workbench/accounts.html", context)


def _account_form(
    request: HttpRequest, initial: dict[str, Any] | None = None, editing: bool = False
) -> AccountForm:
    return AccountForm(
        request.POST or None,
        initial=initial,
        editing=editing,
        units=selectors.unit_list_for(actor=request.user),
        roles=selectors.role_list(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_new(request: HttpRequest) -> HttpResponse:
    _require(request, P.ACCOUNTS_MANAGE)
    form = _account_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.account_create(
                actor=request.user,
                username=data["username"],
                display_name=data["display_name"],
                unit_id=data["unit_id"],
                password=data["password"] or "",
                role_codes=data["roles"],
                phone=data["phone"],
            )
        except FazhiError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"账号 {user.username} 已创建")
            return redirect("/accounts/")
    return render(request, "workbench/account_form.html", {"form": form, "title": "新建账号"})


@login_required
@require_http_methods(["GET", "POST"])
def account_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    _require(request, P.ACCOUNTS_MANAGE)
    account = selectors.account_get_for(actor=request.user, user_id=user_id)
    initial = {
        "username": account.username,
        "display_name": account.display_name,
        "unit_id": account.unit_id,
        "roles": [r.code for r in account.roles.all()],
        "is_active": account.is_active,
        "phone": mask_phone(account.phone),
    }
    form = _account_form(request, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        phone = data["phone"] if data["phone"] != initial["phone"] else None
        try:
            services.account_update(
                actor=request.user,
                user_id=account.pk,
                display_name=data["display_name"],
                unit_id=data["unit_id"],
                role_codes=data["roles"],
                is_active=data["is_active"],
                phone=phone,
            )
            if data["password"]:
                services.account_reset_password(
                    actor=request.user, user_id=account.pk, password=data["password"]
                )
        except FazhiError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"账号 {account.username} 已保存")
            return redirect("/accounts/")
    return render(
        request,
        "workbench/account_form.html",
        {
            "form": form,
            "title": f"编辑账号 {account.username}",
            "account": account,
            "reveal_form": RevealForm(),
        },
    )


@login_required
@require_POST
def account_reveal_phone(request: HttpRequest, user_id: int) -> HttpResponse:
    account = selectors.account_get_for(actor=request.user, user_id=user_id)
    form = RevealForm(request.POST)
    try:
        value = services.pii_reveal(
            actor=request.user, obj=account, field="phone", purpose=form.data.get("purpose", "")
        )
    except FazhiError as exc:
        return render(request, "workbench/_reveal.html", {"error": exc.message}, status=exc.status)
    return render(request, "workbench/_reveal.html", {"value": value})


@login_required
@require_POST
def account_unlock(request: HttpRequest) -> HttpResponse:
    services.account_unlock(actor=request.user, username=request.POST.get("username", ""))
    messages.success(request, "已解除锁定")
    return redirect("/accounts/")


@login_required
def roles(request: HttpRequest) -> HttpResponse:
    _require(request, P.ROLES_MANAGE, P.ACCOUNTS_MANAGE)
    return render(
        request,
        "workbench/roles.html",
        {
            "roles": selectors.role_list(),
            "catalogue": P.CATALOGUE,
            "can_manage": has_perm(request.user, P.ROLES_MANAGE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def role_edit(request: HttpRequest, code: str = "") -> HttpResponse:
    _require(request, P.ROLES_MANAGE)
    role = selectors.role_get(code=code) if code else None
    if code and role is None:
        raise NotFound("角色不存在")
    initial = (
        {
            "code": role.code,
            "name": role.name,
            "data_scope": role.data_scope,
            "permissions": role.permissions,
            "is_leader": role.is_leader,
            "custom_unit_ids": [u.pk for u in role.custom_units.all()],
        }
        if role
        else {}
    )
    form = RoleForm(
        request.POST or None,
        initial=initial,
        editing=bool(role),
        units=selectors.unit_list_for(actor=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.role_save(
                actor=request.user,
                code=data["code"],
                name=data["name"],
                permissions=data["permissions"],
                data_scope=data["data_scope"],
                custom_unit_ids=data["custom_unit_ids"],
                is_leader=data["is_leader"],
            )
        except FazhiError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"角色“{data['name']}”已保存")
            return redirect("/roles/")
    return render(request, "workbench/role_form.html", {"form": form, "role": role})


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    _require(request, P.AUDIT_VIEW)
    g = request.GET
    qs = selectors.audit_list_for(
        actor=request.user,
        action=g.get("action", ""),
        actor_name=g.get("actor", ""),
        object_type=g.get("object_type", ""),
        object_id=g.get("object_id", ""),
        outcome=g.get("outcome", ""),
    )
    context = list_context(request, qs, AUDIT)
    if g.get("verify") == "1":
        context["verify"] = audit_verify()
    return render(request, "workbench/audit.html", context)


@login_required
def logins(request: HttpRequest) -> HttpResponse:
    _require(request, P.SECURITY_MANAGE, P.AUDIT_VIEW)
    qs = selectors.login_records_for(actor=request.user, username=request.GET.get("username", ""))
    return render(request, "workbench/logins.html", list_context(request, qs, LOGINS))
