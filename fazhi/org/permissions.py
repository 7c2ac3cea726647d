"""The permission catalogue: code → Chinese label. Apps add theirs with `register` in AppConfig.ready."""

from __future__ import annotations

CATALOGUE: dict[str, str] = {}


def register(perms: dict[str, str]) -> None:
    CATALOGUE.update(perms)


# Platform permissions. Codes are "<app>.<verb>"; a role lists the codes it grants.
UNITS_VIEW = "org.view_units"
UNITS_MANAGE = "org.manage_units"
ACCOUNTS_MANAGE = "org.manage_accounts"  # system administrator
ROLES_MANAGE = "org.manage_roles"  # security administrator
SECURITY_MANAGE = "org.manage_security"  # security administrator: unlock accounts, login log
AUDIT_VIEW = "core.view_audit"  # audit administrator
PII_REVEAL = "core.reveal_pii"  # full ID number / phone after stating a purpose
MASTER_DATA = "core.manage_master_data"  # the Django admin: calendar, categories, catalogues

register(
    {
        UNITS_VIEW: "查看组织机构",
        UNITS_MANAGE: "维护组织机构",
        ACCOUNTS_MANAGE: "管理账号（系统管理员）",
        ROLES_MANAGE: "管理角色与权限（安全管理员）",
        SECURITY_MANAGE: "解锁账号、查看登录日志（安全管理员）",
        AUDIT_VIEW: "查看审计日志（审计管理员）",
        PII_REVEAL: "查看完整身份证号、手机号（须说明事由）",
        MASTER_DATA: "维护基础数据（节假日、分类、目录等后台）",
    }
)
