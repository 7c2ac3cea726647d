"""The org app's ledgers — 单位台账 and 账号台账 — and the row checks and writers their imports use.

The services (`units_import`, `accounts_import`) hold the permission check, the transaction and
the audit entry; the classes here see one import's rows: `check` finds what the column rules
cannot (references, scope, the tree), `upsert` writes by natural key.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from fazhi.core import crypto
from fazhi.core.errors import ValidationFailed
from fazhi.core.idcard import phone_clean
from fazhi.core.ledgers import Column, Ledger, Row, RowError
from fazhi.org.models import Role, Unit, UnitKind, User, unit_add
from fazhi.org.selectors import account_list_for, unit_list_for
from fazhi.org.services import ALLOWED_CHILDREN, _check_admin_separation, _password_errors

ROOT_KINDS = (UnitKind.COUNTY, UnitKind.SUBDISTRICT)
_ROLE_SEPARATORS = re.compile(r"[,，、;；\s]+")
_MASKED_PHONE = re.compile(r"\d{3}\*+\d{4}")


def _non_negative(value: int) -> int:
    if value < 0:
        raise ValueError("不能为负数")
    return value


def _unit_phone(value: str) -> str:
    phone_clean(value, label="电话")
    return value  # a public office number keeps the dash it is written with: 0543-8801200


def _username(value: str) -> str:
    if not value.replace("_", "").replace(".", "").isalnum() or not value.isascii():
        raise ValueError("只能由字母、数字、下划线和点组成")
    return value


def _account_phone(value: str) -> str:
    if _MASKED_PHONE.fullmatch(value):
        return value  # an exported, masked number: AccountImport keeps the stored one
    return phone_clean(value)


def _role_names(value: str) -> tuple[str, ...]:
    return tuple(name for name in _ROLE_SEPARATORS.split(value) if name)


UNITS = Ledger(
    "单位台账",
    [
        Column("name", "名称", required=True, max_length=100, example="锦秋社区第四网格"),
        Column("kind", "类型", type="choice", required=True, choices=UnitKind.choices, example=UnitKind.GRID),
        Column("code", "编码", max_length=40, example="SH-JQ-04"),
        Column(
            "parent_code",
            "上级编码",
            max_length=40,
            example="SH-JQ",
            rule="上级单位须已存在，或在本文件中列出；新建社区、网格、科室必填；已有单位留空表示不变",
        ),
        Column("phone", "电话", max_length=40, validator=_unit_phone, example="0543-8801400"),
        Column("households", "户数", type="int", validator=_non_negative, example=400, rule="不能为负数"),
    ],
    natural_key=("code",),
)

ACCOUNT_STATUS = [("active", "启用"), ("inactive", "停用")]

ACCOUNTS = Ledger(
    "账号台账",
    [
        Column(
            "username",
            "用户名",
            max_length=150,
            validator=_username,
            example="wangwu",
            rule="字母、数字、下划线和点",
        ),
        Column("display_name", "姓名", required=True, max_length=60, example="王五"),
        Column("unit_code", "所属单位编码", required=True, max_length=40, example="SH-JQ"),
        Column(
            "roles",
            "角色",
            validator=_role_names,
            example="社区工作人员",
            rule="角色名称或编码，多个用逗号或顿号分隔；留空表示无角色",
        ),
        Column(
            "phone",
            "手机号",
            max_length=20,
            validator=_account_phone,
            example="13905431234",
            rule="11位手机号或带区号的固定电话；导出的脱敏号码（如 139****1234）原样导入表示不变",
        ),
        Column("status", "状态", type="choice", required=True, choices=ACCOUNT_STATUS, example="active"),
    ],
    natural_key=("username",),
)


def _error(row: Row, ledger: Ledger, key: str, reason: str) -> RowError:
    return RowError(row.line, ledger[key].header, reason)


def creation_order(parents: dict[str, str]) -> tuple[dict[str, int], set[str]]:
    """Depths of new units among themselves (0: parent not new) and the codes caught in a cycle.

    `parents` maps each new code to its parent code. Each code is walked once: O(n).
    """
    depth: dict[str, int] = {}
    cyclic: set[str] = set()
    for start in parents:
        path: list[str] = []
        on_path: dict[str, int] = {}
        code = start
        while code in parents and code not in depth and code not in cyclic:
            if code in on_path:
                cyclic.update(path[on_path[code] :])
                break
            on_path[code] = len(path)
            path.append(code)
            code = parents[code]
        base = depth.get(code, -1)
        for member in reversed(path):
            if member not in cyclic:
                base += 1
                depth[member] = base
    return depth, cyclic


class UnitImport:
    """One 单位台账 import by `actor`: parents by 上级编码, existing units by 编码, all within scope."""

    def __init__(self, *, actor: Any) -> None:
        self.actor = actor

    def check(self, rows: list[Row]) -> list[RowError]:
        codes = {row.values["code"] for row in rows}
        parent_codes = {row.values.get("parent_code") or "" for row in rows} - {""}
        wanted = codes | parent_codes
        existing = {unit.code: unit for unit in Unit.objects.filter(code__in=wanted)}
        visible = set(unit_list_for(actor=self.actor).filter(code__in=wanted).values_list("code", flat=True))
        step = Unit.steplen
        current_parent = dict(
            Unit.objects.filter(
                path__in={u.path[:-step] for u in existing.values() if len(u.path) > step}
            ).values_list("path", "code")
        )
        new = {row.values["code"]: row for row in rows if row.values["code"] not in existing}
        errors: list[RowError] = []
        for row in rows:
            values = row.values
            code, kind, parent_code = values["code"], values["kind"], values.get("parent_code") or ""
            unit = existing.get(code)
            if unit is not None:
                if code not in visible:
                    errors.append(_error(row, UNITS, "code", f"编码“{code}”已被其他单位使用"))
                    continue
                if kind != unit.kind:
                    errors.append(
                        _error(
                            row, UNITS, "kind", f"不能通过导入修改单位类型（现为“{unit.get_kind_display()}”）"
                        )
                    )
                now = current_parent.get(unit.path[:-step], "")
                if parent_code and parent_code != now:
                    errors.append(
                        _error(
                            row,
                            UNITS,
                            "parent_code",
                            f"不能通过导入调整上级单位（现为“{now or '无'}”），请在组织机构页面操作",
                        )
                    )
                continue
            if not parent_code:
                if kind not in ROOT_KINDS:
                    errors.append(_error(row, UNITS, "parent_code", "新建社区、网格、科室必须填写上级编码"))
                continue
            parent_kind = self._parent_kind(row, parent_code, existing, visible, new, errors)
            if parent_kind and kind not in ALLOWED_CHILDREN[UnitKind(parent_kind)]:
                errors.append(
                    _error(
                        row,
                        UNITS,
                        "kind",
                        f"“{UnitKind(parent_kind).label}”下不能设立“{UnitKind(kind).label}”",
                    )
                )
        _, cyclic = creation_order({code: row.values.get("parent_code") or "" for code, row in new.items()})
        for code in cyclic:
            errors.append(_error(new[code], UNITS, "parent_code", "上级编码形成循环：单位不能是自己的下级"))
        return errors

    def _parent_kind(
        self,
        row: Row,
        parent_code: str,
        existing: dict[str, Unit],
        visible: set[str],
        new: dict[str, Row],
        errors: list[RowError],
    ) -> str:
        """The kind of a new unit's parent, or "" after recording why the parent cannot be used."""
        if parent_code == row.values["code"]:
            return ""  # reported with the cycles
        parent = existing.get(parent_code)
        if parent is not None and parent_code in visible:
            return str(parent.kind)
        if parent is None and parent_code in new:
            return str(new[parent_code].values["kind"])
        # An out-of-scope parent is reported exactly like a missing one.
        errors.append(
            _error(
                row, UNITS, "parent_code", f"上级编码“{parent_code}”不存在：上级单位须已存在或在本文件中列出"
            )
        )
        return ""

    def upsert(self, rows: list[dict[str, Any]]) -> tuple[int, int]:
        by_code = {values["code"]: values for values in rows}
        updated = 0
        for unit in Unit.objects.filter(code__in=by_code):
            values = by_code.pop(unit.code)
            changed = [
                f for f in ("name", "phone", "households") if f in values and getattr(unit, f) != values[f]
            ]
            if changed:
                for name in changed:
                    setattr(unit, name, values[name])
                unit.save(update_fields=changed)
                updated += 1
        depth, _ = creation_order({code: values.get("parent_code") or "" for code, values in by_code.items()})
        for code in sorted(by_code, key=depth.__getitem__):  # parents before their children
            values = by_code[code]
            parent_code = values.get("parent_code") or ""
            # Fetched afresh for each child: inserting a sibling in code order can shift tree paths.
            parent = Unit.objects.get(code=parent_code) if parent_code else None
            unit_add(
                parent,
                name=values["name"],
                kind=values["kind"],
                code=code,
                phone=values.get("phone") or "",
                households=values.get("households"),
            )
        return len(by_code), updated


class AccountImport:
    """One 账号台账 import by `actor`. New accounts get `initial_password`, expired at once."""

    def __init__(self, *, actor: Any, initial_password: str) -> None:
        self.actor = actor
        self.initial_password = initial_password
        self._units: dict[str, Unit] = {}
        self._roles: dict[str, list[Role]] = {}

    def check(self, rows: list[Row]) -> list[RowError]:
        """Raises ValidationFailed (field initial_password) when the file adds accounts and none is set."""
        usernames = {row.values["username"] for row in rows}
        existing = {u.username: u for u in User.objects.filter(username__in=usernames)}
        visible = set(
            account_list_for(actor=self.actor)
            .filter(username__in=usernames)
            .values_list("username", flat=True)
        )
        unit_codes = {row.values["unit_code"] for row in rows}
        self._units = {u.code: u for u in unit_list_for(actor=self.actor).filter(code__in=unit_codes)}
        roles = list(Role.objects.all())
        by_code = {role.code: role for role in roles}
        by_name: dict[str, list[Role]] = {}
        for role in roles:
            by_name.setdefault(role.name, []).append(role)
        errors: list[RowError] = []
        for row in rows:
            values = row.values
            username = values["username"]
            user = existing.get(username)
            if user is not None and username not in visible:
                errors.append(_error(row, ACCOUNTS, "username", f"用户名“{username}”已存在"))
                continue
            if values["unit_code"] not in self._units:
                # Out of scope reads as missing, as everywhere else.
                errors.append(_error(row, ACCOUNTS, "unit_code", f"单位编码“{values['unit_code']}”不存在"))
            if "roles" in values:
                errors.extend(self._resolve_roles(row, by_code, by_name))
            phone = values.get("phone") or ""
            if "*" in phone and (user is None or crypto.mask_phone(user.phone) != phone):
                errors.append(
                    _error(row, ACCOUNTS, "phone", "脱敏号码只能原样保留已有号码，新号码请填写完整的11位号码")
                )
            if user is not None and user.pk == self.actor.pk and values["status"] == "inactive":
                errors.append(_error(row, ACCOUNTS, "status", "不能停用自己的账号"))
            if user is None:
                if not self.initial_password:
                    raise ValidationFailed.field(
                        "initial_password", f"文件中有新账号（如“{username}”），须设置初始密码"
                    )
                candidate = User(username=username, display_name=values["display_name"])
                for message in _password_errors(self.initial_password, candidate).values():
                    errors.append(RowError(row.line, "", f"初始密码不能用于此账号：{message}"))
        return errors

    def _resolve_roles(
        self, row: Row, by_code: dict[str, Role], by_name: dict[str, list[Role]]
    ) -> list[RowError]:
        found: list[Role] = []
        unknown: list[str] = []
        for name in row.values["roles"] or ():
            role = by_code.get(name)
            named = by_name.get(name, [])
            if role is None and len(named) > 1:
                return [_error(row, ACCOUNTS, "roles", f"角色名称“{name}”对应多个角色，请填写角色编码")]
            role = role or (named[0] if named else None)
            if role is None:
                unknown.append(name)
            elif role not in found:
                found.append(role)
        if unknown:
            return [_error(row, ACCOUNTS, "roles", "角色不存在：" + "、".join(unknown))]
        try:
            _check_admin_separation(found)
        except ValidationFailed as exc:
            return [_error(row, ACCOUNTS, "roles", exc.message)]
        self._roles[row.values["username"]] = found
        return []

    def upsert(self, rows: list[dict[str, Any]]) -> tuple[int, int]:
        by_name = {values["username"]: values for values in rows}
        existing = {
            u.username: u for u in User.objects.filter(username__in=by_name).prefetch_related("roles")
        }
        created = updated = 0
        password_hash = ""
        if len(existing) < len(by_name):
            # Hashed once for the whole file: every new account gets the same initial password by
            # design, it expires at first login, and argon2 per account would take minutes for a roster.
            password_hash = make_password(self.initial_password)
        expired = timezone.now() - timedelta(days=settings.FAZHI_PASSWORD_MAX_AGE_DAYS + 1)
        for username, values in by_name.items():
            roles = self._roles.get(username) if "roles" in values else None
            phone = values.get("phone")
            user = existing.get(username)
            if user is None:
                user = User(
                    username=username,
                    display_name=values["display_name"],
                    unit=self._units[values["unit_code"]],
                    phone=phone or "",
                    phone_index=crypto.blind_index(phone or "", purpose="phone"),
                    password=password_hash,
                    password_changed_at=expired,
                    is_active=values["status"] == "active",
                )
                user.save()
                user.roles.set(roles or [])
                created += 1
                continue
            changed = self._apply(user, values)
            if changed:
                user.save(update_fields=changed)
            if roles is not None and {r.pk for r in roles} != {r.pk for r in user.roles.all()}:
                user.roles.set(roles)
                changed.append("roles")
            updated += bool(changed)
        return created, updated

    def _apply(self, user: User, values: dict[str, Any]) -> list[str]:
        changed = []
        unit = self._units[values["unit_code"]]
        if user.unit_id != unit.pk:
            user.unit = unit
            changed.append("unit")
        if user.display_name != values["display_name"]:
            user.display_name = values["display_name"]
            changed.append("display_name")
        if user.is_active != (values["status"] == "active"):
            user.is_active = values["status"] == "active"
            changed.append("is_active")
        phone = values.get("phone")
        if phone is not None and "*" not in phone and phone != user.phone:
            user.phone, user.phone_index = phone, crypto.blind_index(phone, purpose="phone")
            changed += ["phone", "phone_index"]
        return changed


# Read-only ledgers of the logs (export only: nobody imports an audit trail).
AUDIT_LOG = Ledger(
    "审计日志",
    [
        Column("seq", "序号", type="int", required=True),
        Column("at", "时间", max_length=40),
        Column("actor_name", "操作人", max_length=150),
        Column("action", "动作", max_length=80),
        Column("object", "对象", max_length=160),
        Column("outcome", "结果", max_length=16),
        Column("ip", "IP", max_length=64),
        Column("request_id", "请求号", max_length=64),
        Column("hash", "哈希", max_length=64),
    ],
    natural_key=("seq",),
)
LOGIN_LOG = Ledger(
    "登录日志",
    [
        Column("at", "时间", required=True, max_length=40),
        Column("username", "账号", max_length=150),
        Column("ip", "IP", max_length=64),
        Column("channel", "渠道", max_length=8),
        Column("outcome", "结果", max_length=16),
    ],
    natural_key=("at", "username"),
)
