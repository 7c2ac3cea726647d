"""Org endpoints: token, units, accounts, roles, audit log, the actor's own profile. Thin: parse, call, shape."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from fazhi.core import crypto
from fazhi.core.pagination import paginate
from fazhi.org import auth, selectors, services
from fazhi.org.models import Role, Unit, User
from fazhi.org.schemas import (
    AccountIn,
    AccountOut,
    AccountPatch,
    AuditOut,
    Page,
    PasswordIn,
    ProfileOut,
    RevealIn,
    RevealOut,
    RoleIn,
    RoleOut,
    TokenIn,
    TokenOut,
    UnitIn,
    UnitNode,
    UnitOut,
    UnitPatch,
)
from fazhi.org.scope import permissions_of, roles_of

router = Router()


class UnitPage(Page):
    items: list[UnitOut]


class AccountPage(Page):
    items: list[AccountOut]


class AuditPage(Page):
    items: list[AuditOut]


class Paging(Schema):
    page: int = 1
    page_size: int = 20


def unit_out(u: Unit, parents: dict[str, int] | None = None) -> dict[str, Any]:
    parents = parents if parents is not None else selectors.unit_parent_ids([u])
    return {
        "id": u.pk,
        "name": u.name,
        "kind": u.kind,
        "kind_label": u.get_kind_display(),
        "code": u.code,
        "parent_id": parents.get(u.path[: -Unit.steplen]),
        "phone": u.phone,
        "households": u.households,
        "is_active": u.is_active,
    }


def account_out(u: User) -> dict[str, Any]:
    return {
        "id": u.pk,
        "username": u.username,
        "display_name": u.display_name,
        "unit_id": u.unit_id,
        "unit_name": u.unit.name if u.unit else "",
        "roles": [r.code for r in u.roles.all()],
        "phone": crypto.mask_phone(u.phone),
        "is_active": u.is_active,
        "last_login": u.last_login,
    }


def role_out(r: Role) -> dict[str, Any]:
    return {
        "code": r.code,
        "name": r.name,
        "permissions": r.permissions,
        "data_scope": r.data_scope,
        "admin_kind": r.admin_kind,
        "requires_2fa": r.requires_2fa,
        "is_leader": r.is_leader,
        "custom_unit_ids": [u.pk for u in r.custom_units.all()],
    }


# --- Auth -------------------------------------------------------------------------------------------


@router.post("/auth/token", auth=None, response=TokenOut, tags=["认证"], summary="用户名密码换取令牌")
def token_create(request: HttpRequest, payload: TokenIn) -> dict[str, Any]:
    result = auth.login_check(
        request, username=payload.username, password=payload.password, otp=payload.otp, channel="api"
    )
    if result.must_enrol_totp:
        raise auth.LoginFailed(
            "管理员账号须先在网页“个人设置”中绑定动态口令，方可使用接口", fields={"otp": "须先绑定动态口令"}
        )
    raw, token = services.token_issue(user=result.user)
    return {
        "token": raw,
        "expires_at": token.expires_at,
        "must_enrol_totp": result.must_enrol_totp,
        "password_expired": result.password_expired,
    }


@router.delete("/auth/token", response={204: None}, tags=["认证"], summary="吊销当前令牌")
def token_delete(request: HttpRequest) -> Status:
    header = request.headers.get("Authorization", "")
    services.token_revoke_presented(actor=request.user, raw=header.removeprefix("Bearer ").strip())
    return Status(204, None)


# --- Me -------------------------------------------------------------------------------------------


@router.get("/me", response=ProfileOut, tags=["个人"], summary="当前账号")
def me(request: HttpRequest) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": user.display_name,
        "unit_id": user.unit_id,
        "unit_name": user.unit.name if user.unit else "",
        "roles": [r.code for r in roles_of(user)],
        "permissions": sorted(permissions_of(user)),
        "phone": crypto.mask_phone(user.phone),
        "totp_enabled": auth.confirmed_totp(user) is not None,
        "password_expired": auth.password_expired(user),
    }


@router.post("/me/password", response={204: None}, tags=["个人"], summary="修改密码")
def me_password(request: HttpRequest, payload: PasswordIn) -> Status:
    services.password_change(
        actor=request.user,  # type: ignore[arg-type]
        old_password=payload.old_password,
        new_password=payload.new_password,
    )
    return Status(204, None)


# --- Units ------------------------------------------------------------------------------------------


@router.get("/units/tree", response=list[UnitNode], tags=["组织机构"], summary="单位树（本人可见部分）")
def units_tree(request: HttpRequest) -> list[dict[str, Any]]:
    return selectors.unit_tree_for(actor=request.user)


@router.get("/units", response=UnitPage, tags=["组织机构"], summary="单位列表")
def units_list(request: HttpRequest, paging: Query[Paging], kind: str = "", q: str = "") -> dict[str, Any]:
    page = paginate(
        selectors.unit_list_for(actor=request.user, kind=kind, q=q),
        page=paging.page,
        page_size=paging.page_size,
    )
    parents = selectors.unit_parent_ids(page.items)
    return {
        "count": page.count,
        "page": page.page,
        "page_size": page.page_size,
        "items": [unit_out(u, parents) for u in page.items],
    }


@router.get("/units/{unit_id}", response=UnitOut, tags=["组织机构"], summary="单位详情")
def units_detail(request: HttpRequest, unit_id: int) -> dict[str, Any]:
    return unit_out(selectors.unit_get_for(actor=request.user, unit_id=unit_id))


@router.post("/units", response={201: UnitOut}, tags=["组织机构"], summary="新建单位")
def units_create(request: HttpRequest, payload: UnitIn) -> Status:
    unit = services.unit_create(actor=request.user, **payload.dict())
    return Status(201, unit_out(unit))


@router.patch("/units/{unit_id}", response=UnitOut, tags=["组织机构"], summary="修改单位")
def units_update(request: HttpRequest, unit_id: int, payload: UnitPatch) -> dict[str, Any]:
    unit = services.unit_update(actor=request.user, unit_id=unit_id, **payload.dict())
    return unit_out(unit)


# --- Accounts and roles -------------------------------------------------------------------------------


@router.get("/accounts", response=AccountPage, tags=["账号与角色"], summary="账号列表（管理员）")
def accounts_list(
    request: HttpRequest, paging: Query[Paging], q: str = "", unit_id: int | None = None, role: str = ""
) -> dict[str, Any]:
    from fazhi.org import permissions as P

    services.require_any(request.user, [P.ACCOUNTS_MANAGE, P.ROLES_MANAGE, P.SECURITY_MANAGE])
    page = paginate(
        selectors.account_list_for(actor=request.user, q=q, unit_id=unit_id, role=role),
        page=paging.page,
        page_size=paging.page_size,
    )
    return {
        "count": page.count,
        "page": page.page,
        "page_size": page.page_size,
        "items": [account_out(u) for u in page.items],
    }


@router.get("/accounts/{user_id}", response=AccountOut, tags=["账号与角色"], summary="账号详情（管理员）")
def accounts_detail(request: HttpRequest, user_id: int) -> dict[str, Any]:
    return account_out(selectors.account_get_for(actor=request.user, user_id=user_id))


@router.post("/accounts", response={201: AccountOut}, tags=["账号与角色"], summary="新建账号（系统管理员）")
def accounts_create(request: HttpRequest, payload: AccountIn) -> Status:
    data = payload.dict()
    user = services.account_create(actor=request.user, role_codes=data.pop("roles"), **data)
    return Status(201, account_out(user))


@router.patch(
    "/accounts/{user_id}", response=AccountOut, tags=["账号与角色"], summary="修改账号（系统管理员）"
)
def accounts_update(request: HttpRequest, user_id: int, payload: AccountPatch) -> dict[str, Any]:
    data = payload.dict()
    user = services.account_update(actor=request.user, user_id=user_id, role_codes=data.pop("roles"), **data)
    return account_out(user)


@router.post(
    "/accounts/{user_id}/reveal-phone",
    response=RevealOut,
    tags=["账号与角色"],
    summary="查看完整手机号（须说明事由，留痕）",
)
def accounts_reveal_phone(request: HttpRequest, user_id: int, payload: RevealIn) -> dict[str, Any]:
    user = selectors.account_get_for(actor=request.user, user_id=user_id)
    value = services.pii_reveal(actor=request.user, obj=user, field="phone", purpose=payload.purpose)
    return {"field": "phone", "value": value}


@router.get("/roles", response=list[RoleOut], tags=["账号与角色"], summary="角色列表（管理员）")
def roles_list(request: HttpRequest) -> list[dict[str, Any]]:
    from fazhi.org import permissions as P

    services.require_any(request.user, [P.ACCOUNTS_MANAGE, P.ROLES_MANAGE])
    return [role_out(r) for r in selectors.role_list()]


@router.put("/roles/{code}", response=RoleOut, tags=["账号与角色"], summary="新建或修改角色（安全管理员）")
def roles_save(request: HttpRequest, code: str, payload: RoleIn) -> dict[str, Any]:
    role = services.role_save(
        actor=request.user,
        code=code,
        name=payload.name,
        permissions=payload.permissions,
        data_scope=payload.data_scope,
        custom_unit_ids=payload.custom_unit_ids,
        is_leader=payload.is_leader,
    )
    return role_out(role)


# --- Audit ------------------------------------------------------------------------------------------


@router.get("/audit", response=AuditPage, tags=["审计"], summary="审计日志（审计管理员）")
def audit_list(
    request: HttpRequest,
    paging: Query[Paging],
    action: str = "",
    actor_name: str = "",
    object_type: str = "",
    object_id: str = "",
    outcome: str = "",
) -> dict[str, Any]:
    from fazhi.org import permissions as P

    services.require(request.user, P.AUDIT_VIEW)
    qs = selectors.audit_list_for(
        actor=request.user,
        action=action,
        actor_name=actor_name,
        object_type=object_type,
        object_id=object_id,
        outcome=outcome,
    )
    page = paginate(qs, page=paging.page, page_size=paging.page_size)
    return {"count": page.count, "page": page.page, "page_size": page.page_size, "items": page.items}
