"""The org app's ledgers as exports and imports: 单位台账 and 账号台账."""

from __future__ import annotations

from typing import Any

from fazhi.org import permissions as P
from fazhi.org import selectors, services
from fazhi.org.ledgers import ACCOUNTS, AUDIT_LOG, LOGIN_LOG, UNITS
from fazhi.workbench.transfer import ExportSpec, ImportSpec, register_export, register_import


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def register_org_transfers() -> None:
    register_export(
        ExportSpec(
            name="org.units",
            title="单位台账",
            ledger=UNITS,
            permission=P.UNITS_VIEW,
            rows=lambda actor, f: selectors.units_export_rows(
                actor=actor, kind=f.get("kind", ""), q=f.get("q", "")
            ),
            count=lambda actor, f: selectors.unit_list_for(
                actor=actor, kind=f.get("kind", ""), q=f.get("q", "")
            ).count(),
        )
    )
    register_export(
        ExportSpec(
            name="org.accounts",
            title="账号台账",
            ledger=ACCOUNTS,
            permission=P.ACCOUNTS_MANAGE,
            rows=lambda actor, f: selectors.accounts_export_rows(
                actor=actor, q=f.get("q", ""), unit_id=_int(f.get("unit", "")), role=f.get("role", "")
            ),
        )
    )

    register_export(
        ExportSpec(
            name="core.audit",
            title="审计日志",
            ledger=AUDIT_LOG,
            permission=P.AUDIT_VIEW,
            rows=lambda actor, f: selectors.audit_export_rows(
                actor=actor,
                action=f.get("action", ""),
                actor_name=f.get("actor", ""),
                object_type=f.get("object_type", ""),
                object_id=f.get("object_id", ""),
                outcome=f.get("outcome", ""),
            ),
        )
    )
    register_export(
        ExportSpec(
            name="org.logins",
            title="登录日志",
            ledger=LOGIN_LOG,
            permission=P.SECURITY_MANAGE,
            rows=lambda actor, f: selectors.login_export_rows(actor=actor, username=f.get("username", "")),
        )
    )

    def units_run(actor: Any, data: bytes, filename: str, extra: dict[str, str], progress: Any) -> Any:
        return services.units_import(actor=actor, file_bytes=data, filename=filename, progress=progress)

    def accounts_run(actor: Any, data: bytes, filename: str, extra: dict[str, str], progress: Any) -> Any:
        return services.accounts_import(
            actor=actor,
            file_bytes=data,
            filename=filename,
            initial_password=extra.get("initial_password", ""),
            progress=progress,
        )

    register_import(
        ImportSpec(
            name="org.units",
            title="单位台账",
            ledger=UNITS,
            run=units_run,
            permission=P.UNITS_MANAGE,
            back_url="/units/",
        )
    )
    register_import(
        ImportSpec(
            name="org.accounts",
            title="账号台账",
            ledger=ACCOUNTS,
            run=accounts_run,
            permission=P.ACCOUNTS_MANAGE,
            back_url="/accounts/",
            extra_fields=[("initial_password", "新账号的初始密码（首次登录须修改）", "password")],
            help="新账号使用下面填写的初始密码，首次登录时须修改；已有账号的密码不变。",
        )
    )
