"""The two dispute ledgers as workbench exports (the 导出 buttons) and imports (jobs with progress)."""

from __future__ import annotations

from typing import Any

from fazhi.disputes import perms
from fazhi.disputes.ledgers import LEDGERS
from fazhi.disputes.selectors.ledgers import disputes_rows, mediations_rows
from fazhi.workbench.transfer import ExportSpec, ImportSpec, register_export, register_import

ROWS = {"disputes": disputes_rows, "mediations": mediations_rows}
HELP = {
    "disputes": "身份证号、电话为脱敏号码时视为不变。",
    "mediations": "用于补录往年纸质台账中的调解案件；系统中已有的编号保持不变。",
}


def _export_rows(name: str) -> Any:
    def rows(actor: Any, filters: dict[str, str]) -> Any:
        from fazhi.disputes.views.disputes import filters_from_params

        return ROWS[name](actor=actor, filters=filters_from_params(filters))

    return rows


def _import(name: str) -> Any:
    def run(actor: Any, data: bytes, filename: str, extra: dict[str, str], progress: Any) -> Any:
        from fazhi.disputes.services.ledgers import IMPORTS

        return IMPORTS[name][0](actor=actor, file_bytes=data, filename=filename)

    return run


def register_dispute_transfers() -> None:
    for name, ledger in LEDGERS.items():
        register_export(
            ExportSpec(
                name=f"disputes.{name}",
                title=ledger.name,
                ledger=ledger,
                rows=_export_rows(name),
                permission=perms.VIEW,
            )
        )
        register_import(
            ImportSpec(
                name=f"disputes.{name}",
                title=ledger.name,
                ledger=ledger,
                run=_import(name),
                permission=perms.INTAKE if name == "disputes" else perms.MEDIATE,
                back_url="/disputes/ledgers/",
                help=HELP[name],
            )
        )
