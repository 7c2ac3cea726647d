"""The built-in roles and what each grants. Apps add their permissions to these roles at startup
(`grant`), so a fresh installation and the demo get working roles; the security administrator can
then adjust non-administrator roles."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from fazhi.core.audit import audit_record
from fazhi.org import permissions as P
from fazhi.org.models import AdminKind, DataScope, Role


@dataclass
class RoleSpec:
    code: str
    name: str
    data_scope: str
    permissions: set[str] = field(default_factory=set)
    admin_kind: str = ""
    requires_2fa: bool = False
    is_leader: bool = False


LEADER = "leader"
OFFICE_CLERK = "office_clerk"
COMMUNITY_CLERK = "community_clerk"
GRID_WORKER = "grid_worker"
ADVISER = "adviser"
SYSADMIN = "sysadmin"
SECADMIN = "secadmin"
AUDITOR = "auditor"

SPECS: dict[str, RoleSpec] = {
    s.code: s
    for s in [
        RoleSpec(LEADER, "街道领导", DataScope.SUBDISTRICT, {P.UNITS_VIEW, P.PII_REVEAL}, is_leader=True),
        RoleSpec(OFFICE_CLERK, "街道工作人员", DataScope.SUBDISTRICT, {P.UNITS_VIEW, P.PII_REVEAL}),
        RoleSpec(COMMUNITY_CLERK, "社区工作人员", DataScope.UNIT_AND_BELOW, {P.UNITS_VIEW}),
        RoleSpec(GRID_WORKER, "专职网格员", DataScope.UNIT, {P.UNITS_VIEW}),
        RoleSpec(ADVISER, "法律顾问", DataScope.OWN, set()),
        RoleSpec(
            SYSADMIN,
            "系统管理员",
            DataScope.ALL,
            {P.UNITS_VIEW, P.UNITS_MANAGE, P.ACCOUNTS_MANAGE, P.MASTER_DATA},
            admin_kind=AdminKind.SYSTEM,
            requires_2fa=True,
        ),
        RoleSpec(
            SECADMIN,
            "安全管理员",
            DataScope.ALL,
            {P.ROLES_MANAGE, P.SECURITY_MANAGE},
            admin_kind=AdminKind.SECURITY,
            requires_2fa=True,
        ),
        RoleSpec(
            AUDITOR,
            "审计管理员",
            DataScope.OWN,
            {P.AUDIT_VIEW},
            admin_kind=AdminKind.AUDIT,
            requires_2fa=True,
        ),
    ]
}


def grant(role_code: str, *perms: str) -> None:
    """Called by apps at startup: the built-in role `role_code` also grants `perms`."""
    SPECS[role_code].permissions.update(perms)


def roles_ensure_defaults() -> list[Role]:
    """Create the built-in roles or add the permissions apps grant them (never removes a grant)."""
    roles = []
    with transaction.atomic():
        for spec in SPECS.values():
            role, created = Role.objects.get_or_create(
                code=spec.code,
                defaults={
                    "name": spec.name,
                    "data_scope": spec.data_scope,
                    "admin_kind": spec.admin_kind,
                    "requires_2fa": spec.requires_2fa,
                    "is_leader": spec.is_leader,
                    "permissions": sorted(spec.permissions),
                },
            )
            missing = spec.permissions - set(role.permissions)
            if not created and (missing or role.admin_kind != spec.admin_kind):
                role.permissions = sorted(set(role.permissions) | spec.permissions)
                role.admin_kind, role.requires_2fa = spec.admin_kind, spec.requires_2fa or role.requires_2fa
                role.save()
            if created or missing:
                audit_record(
                    actor=None,
                    action="org.role_defaults",
                    obj=role,
                    data={"added": sorted(spec.permissions if created else missing)},
                )
            roles.append(role)
    return roles
