"""The 信访台账 as a workbench export (the list's 导出 button) and import (historic ledgers)."""

from __future__ import annotations

from typing import Any

from fazhi.petitions import listing
from fazhi.petitions.ledgers import PETITIONS, export_rows
from fazhi.petitions.workflow import ROUTE, VIEW
from fazhi.workbench.transfer import ExportSpec, ImportSpec, register_export, register_import


def _rows(actor: Any, filters: dict[str, str]) -> Any:
    qs, _ = listing.filtered(actor, filters)
    return export_rows(qs.order_by("received_on", "pk").iterator(chunk_size=500))


def _count(actor: Any, filters: dict[str, str]) -> int:
    qs, _ = listing.filtered(actor, filters)
    return int(qs.count())


def _import(actor: Any, data: bytes, filename: str, extra: dict[str, str], progress: Any) -> Any:
    from fazhi.petitions.services import petitions_import

    return petitions_import(actor=actor, file_bytes=data, filename=filename, progress=progress)


def register_petition_transfers() -> None:
    register_export(
        ExportSpec(
            name="petitions.petitions",
            title="信访台账",
            ledger=PETITIONS,
            rows=_rows,
            count=_count,
            permission=VIEW,
        )
    )
    register_import(
        ImportSpec(
            name="petitions.petitions",
            title="信访台账",
            ledger=PETITIONS,
            run=_import,
            permission=ROUTE,
            back_url="/petitions/",
            help="有“答复日期”的行按已答复导入（复查期限据此计算），其余按已登记导入；已有的案件编号保持不变。",
        )
    )
