"""Demo data of 少海街道: the unit tree and one account per persona. Everything is fictitious apart
from names that appear in the seed report (少海街道, 锦秋社区, 少海司法所)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.core import crypto
from fazhi.org import roles as R
from fazhi.org.models import Role, Unit, UnitKind, User, unit_add

SUBDISTRICT = ("少海街道", "SH")
DEPARTMENTS = [
    ("党政办", "DZB"),
    ("综治中心", "ZZZX"),
    ("少海司法所", "SFS"),
    ("综合执法中队", "ZHZF"),
    ("信访办", "XFB"),
]
# (name, code, [(grid households)])
COMMUNITIES = [
    ("锦秋社区", "JQ", [420, 380, 460]),
    ("湖滨社区", "HB", [350, 480, 410]),
    ("东城社区", "DC", [330, 390]),
    ("荷香社区", "HX", [470, 360, 300]),
]

# username, display name, unit code, roles, phone
ACCOUNTS = [
    ("leader", "王建国（党工委书记）", "SH", [R.LEADER], "13905431001"),
    ("clerk", "李敏（信访办）", "SH-XFB", [R.OFFICE_CLERK], "13905431002"),
    ("community_a", "赵红（锦秋社区）", "SH-JQ", [R.COMMUNITY_CLERK], "13905431003"),
    ("grid_a1", "孙强（锦秋社区第一网格）", "SH-JQ-01", [R.GRID_WORKER], "13905431004"),
    ("grid_b1", "周丽（湖滨社区第一网格）", "SH-HB-01", [R.GRID_WORKER], "13905431005"),
    ("adviser", "陈律师（法律顾问）", "SH-SFS", [R.ADVISER], "13905431006"),
    ("sysadmin", "系统管理员", "SH-DZB", [R.SYSADMIN], ""),
    ("secadmin", "安全管理员", "SH-DZB", [R.SECADMIN], ""),
    ("auditor", "审计管理员", "SH-DZB", [R.AUDITOR], ""),
]
ADMINS = {"sysadmin", "secadmin", "auditor"}


@dataclass
class DemoContext:
    """Passed from loader to loader: the units and accounts later modules hang their records on."""

    password: str | None
    units: dict[str, Unit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def _unit(parent: Unit | None, name: str, kind: str, code: str, **extra: Any) -> Unit:
    existing = Unit.objects.filter(code=code).first()
    if existing:
        return existing
    fields = {"name": name, "kind": kind, "code": code, **extra}
    return unit_add(parent, **fields)


def load(ctx: DemoContext) -> None:
    with transaction.atomic():
        R.roles_ensure_defaults()
        root = _unit(None, SUBDISTRICT[0], UnitKind.SUBDISTRICT, SUBDISTRICT[1], phone="0543-0000000")
        ctx.units[root.code] = root
        for name, code in DEPARTMENTS:
            root = Unit.objects.get(pk=root.pk)
            ctx.units[f"SH-{code}"] = _unit(root, name, UnitKind.DEPARTMENT, f"SH-{code}")
        order = ["一", "二", "三", "四", "五"]
        for name, code, grids in COMMUNITIES:
            root = Unit.objects.get(pk=root.pk)
            community = _unit(root, name, UnitKind.COMMUNITY, f"SH-{code}", households=sum(grids))
            ctx.units[community.code] = community
            for i, households in enumerate(grids, start=1):
                community = Unit.objects.get(pk=community.pk)
                grid = _unit(
                    community,
                    f"{name}第{order[i - 1]}网格",
                    UnitKind.GRID,
                    f"SH-{code}-{i:02d}",
                    households=households,
                    phone=f"0543-88{i:02d}{len(code)}00",
                )
                ctx.units[grid.code] = grid
        for username, display, unit_code, role_codes, phone in ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username,
                    display_name=display,
                    unit=ctx.units[unit_code],
                    password_changed_at=timezone.now(),
                    phone=phone,
                    phone_index=crypto.blind_index(phone, purpose="phone"),
                )
                user.set_password(ctx.password or "")
                user.save()
                user.roles.set(Role.objects.filter(code__in=role_codes))
            elif ctx.password:
                user.set_password(ctx.password)
                user.password_changed_at = timezone.now()
                user.save(update_fields=["password", "password_changed_at"])
            if username in ADMINS and not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                TOTPDevice.objects.create(user=user, name="演示验证器", confirmed=True)
            ctx.users[username] = user
        ctx.lines.append(
            f"单位：{Unit.objects.count()} 个（少海街道、{len(DEPARTMENTS)} 个科室、"
            f"{len(COMMUNITIES)} 个社区及其网格）"
        )
