"""Every write of the org app: units, accounts, roles, tokens, second factor, participation, reveals."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.core import crypto
from fazhi.core.audit import audit_record
from fazhi.core.errors import Conflict, NotAllowed, ValidationFailed, collect
from fazhi.core.idcard import phone_clean
from fazhi.core.ledgers import ImportResult, Ledger, Progress, import_file
from fazhi.org import permissions as P
from fazhi.org.models import AdminKind, ApiToken, Assignment, DataScope, Role, Unit, UnitKind, User, unit_add
from fazhi.org.scope import has_perm
from fazhi.org.selectors import account_get_for, role_get, unit_get_for

ALLOWED_CHILDREN = {
    UnitKind.COUNTY: {UnitKind.SUBDISTRICT, UnitKind.DEPARTMENT},
    UnitKind.SUBDISTRICT: {UnitKind.COMMUNITY, UnitKind.DEPARTMENT},
    UnitKind.COMMUNITY: {UnitKind.GRID},
    UnitKind.DEPARTMENT: set(),
    UnitKind.GRID: set(),
}


def require(actor: Any, code: str) -> None:
    if not has_perm(actor, code):
        audit_record(actor=actor, action="org.denied", outcome="denied", data={"permission": code})
        raise NotAllowed(f"无权执行此操作：需要“{P.CATALOGUE.get(code, code)}”权限")


# --- Units ----------------------------------------------------------------------------------------


def _unit_errors(*, name: str, kind: str, code: str, parent: Unit | None, households: int | None) -> None:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "单位名称不能为空"
    elif len(name) > 100:
        errors["name"] = "单位名称不能超过100字"
    if kind not in UnitKind.values:
        errors["kind"] = f"单位类型须为：{'、'.join(UnitKind.labels)}"
    if not code.strip():
        errors["code"] = "单位编码不能为空"
    if parent is not None and kind in UnitKind.values and kind not in ALLOWED_CHILDREN[UnitKind(parent.kind)]:
        errors["parent"] = f"“{parent.get_kind_display()}”下不能设立“{UnitKind(kind).label}”"
    if parent is None and kind in UnitKind.values and kind not in (UnitKind.COUNTY, UnitKind.SUBDISTRICT):
        errors["parent"] = "社区、网格、科室必须有上级单位"
    if households is not None and households < 0:
        errors["households"] = "户数不能为负数"
    collect(errors)


def unit_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    code: str,
    parent_id: int | None = None,
    phone: str = "",
    households: int | None = None,
) -> Unit:
    """Create a unit under `parent_id` (None: a new root). Parent must be inside the actor's scope."""
    require(actor, P.UNITS_MANAGE)
    with transaction.atomic():
        parent = unit_get_for(actor=actor, unit_id=parent_id) if parent_id else None
        _unit_errors(name=name, kind=kind, code=code, parent=parent, households=households)
        if Unit.objects.filter(code=code).exists():
            raise ValidationFailed.field("code", f"单位编码“{code}”已被使用")
        fields = {
            "name": name.strip(),
            "kind": kind,
            "code": code.strip(),
            "phone": phone,
            "households": households,
        }
        unit = unit_add(parent, **fields)
        audit_record(actor=actor, action="org.unit_create", obj=unit, data={"name": unit.name, "kind": kind})
    return unit


def unit_update(
    *,
    actor: Any,
    unit_id: int,
    name: str | None = None,
    phone: str | None = None,
    households: int | None = None,
    is_active: bool | None = None,
) -> Unit:
    require(actor, P.UNITS_MANAGE)
    with transaction.atomic():
        unit = unit_get_for(actor=actor, unit_id=unit_id)
        if name is not None:
            if not name.strip():
                raise ValidationFailed.field("name", "单位名称不能为空")
            unit.name = name.strip()
        if phone is not None:
            unit.phone = phone
        if households is not None:
            if households < 0:
                raise ValidationFailed.field("households", "户数不能为负数")
            unit.households = households
        if is_active is not None:
            unit.is_active = is_active
        unit.save()
        audit_record(actor=actor, action="org.unit_update", obj=unit)
    return unit


# --- Accounts ------------------------------------------------------------------------------------


def _password_errors(password: str, user: User | None, field: str = "password") -> dict[str, str]:
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        return {field: "；".join(exc.messages)}
    return {}


def account_create(
    *,
    actor: Any,
    username: str,
    display_name: str,
    unit_id: int | None,
    password: str,
    role_codes: list[str] | None = None,
    phone: str = "",
) -> User:
    """Create a staff account (system administrator only). The password must meet the policy."""
    require(actor, P.ACCOUNTS_MANAGE)
    with transaction.atomic():
        errors: dict[str, str] = {}
        if not username or not username.replace("_", "").replace(".", "").isalnum() or not username.isascii():
            errors["username"] = "用户名只能由字母、数字、下划线和点组成"
        elif User.objects.filter(username=username).exists():
            errors["username"] = f"用户名“{username}”已存在"
        if not display_name.strip():
            errors["display_name"] = "姓名不能为空"
        unit = None
        if unit_id is not None:
            unit = Unit.objects.filter(pk=unit_id).first()
            if unit is None:
                errors["unit_id"] = "所属单位不存在"
        roles = [role_get(code=c) for c in role_codes or []]
        if any(r is None for r in roles):
            errors["roles"] = "角色不存在：" + "、".join(
                c for c, r in zip(role_codes or [], roles, strict=True) if r is None
            )
        if phone:
            try:
                phone = phone_clean(phone)
            except ValidationFailed as exc:
                errors.update(exc.fields)
        candidate = User(username=username, display_name=display_name)
        errors.update(_password_errors(password, candidate))
        collect(errors)
        _check_admin_separation([r for r in roles if r is not None])
        user = User(
            username=username,
            display_name=display_name.strip(),
            unit=unit,
            phone=phone,
            phone_index=crypto.blind_index(phone, purpose="phone"),
            password_changed_at=timezone.now(),
        )
        user.set_password(password)
        user.save()
        user.roles.set([r for r in roles if r is not None])
        audit_record(
            actor=actor,
            action="org.account_create",
            obj=user,
            data={"username": username, "roles": role_codes or []},
        )
    return user


def _check_admin_separation(roles: list[Role]) -> None:
    """三权分立: one account holds at most one of the system / security / audit administrator roles."""
    kinds = {r.admin_kind for r in roles if r.admin_kind}
    if len(kinds) > 1:
        labels = "、".join(AdminKind(k).label for k in sorted(kinds))
        raise ValidationFailed.field(
            "roles", f"系统、安全、审计管理员须由不同账号担任（三权分立），不能兼任：{labels}"
        )


def account_update(
    *,
    actor: Any,
    user_id: int,
    display_name: str | None = None,
    unit_id: int | None = None,
    role_codes: list[str] | None = None,
    is_active: bool | None = None,
    phone: str | None = None,
) -> User:
    require(actor, P.ACCOUNTS_MANAGE)
    with transaction.atomic():
        user = account_get_for(actor=actor, user_id=user_id)
        changed: dict[str, Any] = {}
        if display_name is not None:
            if not display_name.strip():
                raise ValidationFailed.field("display_name", "姓名不能为空")
            user.display_name = display_name.strip()
            changed["display_name"] = user.display_name
        if unit_id is not None:
            unit = Unit.objects.filter(pk=unit_id).first()
            if unit is None:
                raise ValidationFailed.field("unit_id", "所属单位不存在")
            user.unit = unit
            changed["unit"] = unit.name
        if phone is not None:
            user.phone = phone_clean(phone) if phone else ""
            user.phone_index = crypto.blind_index(user.phone, purpose="phone")
            changed["phone"] = "***"
        if is_active is not None:
            if user.pk == actor.pk and not is_active:
                raise ValidationFailed.field("is_active", "不能停用自己的账号")
            user.is_active = is_active
            changed["is_active"] = is_active
        user.save()
        if role_codes is not None:
            roles = [role_get(code=c) for c in role_codes]
            missing = [c for c, r in zip(role_codes, roles, strict=True) if r is None]
            if missing:
                raise ValidationFailed.field("roles", "角色不存在：" + "、".join(missing))
            _check_admin_separation([r for r in roles if r is not None])
            user.roles.set([r for r in roles if r is not None])
            changed["roles"] = role_codes
        audit_record(actor=actor, action="org.account_update", obj=user, data=changed)
    return user


def account_reset_password(*, actor: Any, user_id: int, password: str) -> User:
    """Set a new password for an account; it must be changed at next login (expired at once)."""
    require(actor, P.ACCOUNTS_MANAGE)
    with transaction.atomic():
        user = account_get_for(actor=actor, user_id=user_id)
        collect(_password_errors(password, user))
        user.set_password(password)
        user.password_changed_at = timezone.now() - timedelta(days=settings.FAZHI_PASSWORD_MAX_AGE_DAYS + 1)
        user.save(update_fields=["password", "password_changed_at"])
        audit_record(actor=actor, action="org.account_reset_password", obj=user)
    return user


def account_unlock(*, actor: Any, username: str) -> None:
    """Lift a lockout before its time runs out (security administrator)."""
    from axes.utils import reset

    require(actor, P.SECURITY_MANAGE)
    with transaction.atomic():
        reset(username=username)
        audit_record(actor=actor, action="org.account_unlock", object_type="org.user", object_id=username)


def password_change(*, actor: User, old_password: str, new_password: str) -> None:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        errors: dict[str, str] = {}
        if not user.check_password(old_password):
            errors["old_password"] = "原密码不正确"
        if old_password == new_password:
            errors["new_password"] = "新密码不能与原密码相同"
        errors.update(_password_errors(new_password, user, field="new_password"))
        collect(errors)
        user.set_password(new_password)
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password", "password_changed_at"])
        audit_record(actor=user, action="org.password_change", obj=user)
    actor.password = user.password
    actor.password_changed_at = user.password_changed_at


# --- Roles -----------------------------------------------------------------------------------------


def role_save(
    *,
    actor: Any,
    code: str,
    name: str,
    permissions: list[str],
    data_scope: str,
    custom_unit_ids: list[int] | None = None,
    is_leader: bool = False,
) -> Role:
    """Create or update a role (security administrator). Admin kinds are fixed at setup, not edited here."""
    require(actor, P.ROLES_MANAGE)
    with transaction.atomic():
        errors: dict[str, str] = {}
        unknown = [p for p in permissions if p not in P.CATALOGUE]
        if unknown:
            errors["permissions"] = "未知权限：" + "、".join(unknown)
        if data_scope not in DataScope.values:
            errors["data_scope"] = f"数据权限须为：{'、'.join(DataScope.labels)}"
        if not name.strip():
            errors["name"] = "角色名称不能为空"
        if not code.strip():
            errors["code"] = "角色编码不能为空"
        collect(errors)
        role, created = Role.objects.get_or_create(code=code, defaults={"name": name})
        if role.admin_kind:
            raise NotAllowed("管理员角色的权限由系统固定，不能修改（三权分立）")
        role.name, role.permissions, role.data_scope, role.is_leader = (
            name,
            sorted(set(permissions)),
            data_scope,
            is_leader,
        )
        role.save()
        role.custom_units.set(Unit.objects.filter(pk__in=custom_unit_ids or []))
        audit_record(
            actor=actor,
            action="org.role_create" if created else "org.role_update",
            obj=role,
            data={"permissions": role.permissions, "data_scope": data_scope},
        )
    return role


# --- API tokens ------------------------------------------------------------------------------------


def token_issue(*, user: User) -> tuple[str, ApiToken]:
    """A new bearer token; the plaintext is returned once and only its hash is kept."""
    raw = "fz_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            key_hash=hashlib.sha256(raw.encode()).hexdigest(),
            prefix=raw[:8],
            expires_at=timezone.now() + timedelta(hours=settings.API_TOKEN_TTL_HOURS),
        )
        audit_record(actor=user, action="org.token_issue", obj=token)
    return raw, token


def token_revoke(*, actor: User, token_id: int) -> None:
    with transaction.atomic():
        token = ApiToken.objects.filter(pk=token_id, user=actor, revoked_at__isnull=True).first()
        if token is None:
            from fazhi.core.errors import NotFound

            raise NotFound()
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="org.token_revoke", obj=token)


def token_revoke_presented(*, actor: Any, raw: str) -> None:
    """Revoke the bearer token the actor presented (a session-authenticated call revokes nothing)."""
    token = ApiToken.objects.filter(
        key_hash=hashlib.sha256(raw.encode()).hexdigest(), user_id=actor.pk
    ).first()
    if token is not None and token.revoked_at is None:
        token_revoke(actor=actor, token_id=token.pk)


def token_authenticate(raw: str) -> User | None:
    key_hash = hashlib.sha256(raw.encode()).hexdigest()
    token = (
        ApiToken.objects.select_related("user", "user__unit")
        .filter(key_hash=key_hash, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token.user


# --- Second factor ---------------------------------------------------------------------------------


def totp_begin(*, actor: User) -> TOTPDevice:
    """Start TOTP enrolment: an unconfirmed device whose secret the user scans."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=actor, name="动态口令", confirmed=False)
        audit_record(actor=actor, action="org.totp_begin", obj=actor)
    return device


def totp_confirm(*, actor: User, token: str) -> TOTPDevice:
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("-id").first()
        if device is None:
            raise ValidationFailed.field("otp", "请先生成动态口令密钥")
        if not device.verify_token((token or "").strip()):
            raise ValidationFailed.field("otp", "动态口令错误，请核对手机时间后重试")
        TOTPDevice.objects.filter(user=actor, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=actor, action="org.totp_confirm", obj=actor)
    return device


# --- Participation grants --------------------------------------------------------------------------


def assignment_grant(*, actor: Any, obj: Model, user: User, kind: str) -> Assignment:
    """Grant `user` sight of `obj` because they are assigned to it. Runs in the caller's transaction."""
    ct = ContentType.objects.get_for_model(obj)
    try:
        with transaction.atomic():
            assignment, _ = Assignment.objects.get_or_create(
                content_type=ct, object_id=obj.pk, user=user, kind=kind
            )
    except IntegrityError:
        raise Conflict("该人员已被指派") from None
    audit_record(actor=actor, action="org.assignment_grant", obj=obj, data={"user": user.pk, "kind": kind})
    return assignment


def assignment_revoke(*, actor: Any, obj: Model, user: User, kind: str) -> None:
    ct = ContentType.objects.get_for_model(obj)
    Assignment.objects.filter(content_type=ct, object_id=obj.pk, user=user, kind=kind).delete()
    audit_record(actor=actor, action="org.assignment_revoke", obj=obj, data={"user": user.pk, "kind": kind})


# --- Personal data reveal --------------------------------------------------------------------------

PII_MASKS = {"id_number": crypto.mask_id_number, "phone": crypto.mask_phone, "name": crypto.mask_name}


def pii_reveal(
    *, actor: Any, obj: Model, field: str, purpose: str, permission: str = P.PII_REVEAL, kind: str = ""
) -> str:
    """The full value of one personal-data field of a record the caller already fetched in scope.

    Requires `permission` and a stated purpose (查询事由); every reveal is audited with its purpose.
    """
    if not has_perm(actor, permission):
        audit_record(actor=actor, action="core.pii_reveal", obj=obj, outcome="denied", data={"field": field})
        raise NotAllowed("无权查看完整个人信息")
    purpose = (purpose or "").strip()
    if len(purpose) < 2:
        raise ValidationFailed.field("purpose", "查看完整个人信息须填写查询事由（至少2个字）")
    value = getattr(obj, field)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="core.pii_reveal",
            obj=obj,
            data={"field": field, "purpose": purpose[:200], "kind": kind},
        )
    return str(value or "")


def require_any(actor: Any, codes: list[str]) -> None:
    if not any(has_perm(actor, c) for c in codes):
        require(actor, codes[0])


# --- Ledger imports (单位台账, 账号台账) --------------------------------------------------------------


def _import_ledger(
    *,
    actor: Any,
    action: str,
    ledger: Ledger,
    job: Any,
    file_bytes: bytes,
    filename: str,
    progress: Progress | None,
) -> ImportResult:
    """`job` (org.ledgers.UnitImport / AccountImport) checks the rows and writes them."""

    def write(rows: list[dict[str, Any]]) -> tuple[int, int]:
        # Only the writes and their audit entry are in the transaction: validation runs before it,
        # so a progress bar fed by `progress` is visible to other requests while the file is read.
        with transaction.atomic():
            created, updated = job.upsert(rows)
            audit_record(
                actor=actor, action=action, data={"created": created, "updated": updated, "total": len(rows)}
            )
        return created, updated

    try:
        return import_file(ledger, file_bytes, filename, upsert=write, check=job.check, progress=progress)
    except IntegrityError:
        raise Conflict("导入期间数据已被他人修改，未写入任何数据，请重新导入") from None


def units_import(
    *, actor: Any, file_bytes: bytes, filename: str, progress: Progress | None = None
) -> ImportResult:
    """Import the 单位台账 (.xlsx/.xls/.csv): every row checked, then all written or none.

    Upserts by 编码; a new unit's 上级编码 names an existing unit in scope or another row of the
    file. Raises NotAllowed without 维护组织机构, ValidationFailed for an unreadable file or headers.
    """
    from fazhi.org.ledgers import UNITS, UnitImport  # it builds on this module's rules (a cycle at the top)

    require(actor, P.UNITS_MANAGE)
    return _import_ledger(
        actor=actor,
        action="org.units_import",
        ledger=UNITS,
        job=UnitImport(actor=actor),
        file_bytes=file_bytes,
        filename=filename,
        progress=progress,
    )


def accounts_import(
    *,
    actor: Any,
    file_bytes: bytes,
    filename: str,
    initial_password: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Import the 账号台账: upserts by 用户名; new accounts get `initial_password`, to be changed at
    first login. Raises NotAllowed without 管理账号, ValidationFailed (initial_password) when the file
    adds accounts and no password is given."""
    from fazhi.org.ledgers import ACCOUNTS, AccountImport  # it builds on this module's rules

    require(actor, P.ACCOUNTS_MANAGE)
    return _import_ledger(
        actor=actor,
        action="org.accounts_import",
        ledger=ACCOUNTS,
        job=AccountImport(actor=actor, initial_password=initial_password),
        file_bytes=file_bytes,
        filename=filename,
        progress=progress,
    )
