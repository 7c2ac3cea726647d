"""The people app's exports: 居民台账 (masked) and 重点人员台账 (approval + watermark)."""

from __future__ import annotations

from fazhi.core.ledgers import Column, Ledger
from fazhi.people import permissions as P
from fazhi.people.models import ControlStatus
from fazhi.people.selectors.keypersons import keypersons_export_rows
from fazhi.people.selectors.residents import residents_export_rows

KEYPERSONS = Ledger(
    "重点人员台账",
    [
        Column("grid", "网格"),
        Column("name", "姓名"),
        Column("id_number", "身份证号"),
        Column("category", "类别"),
        Column("danger_level", "危险性等级", type="int"),
        Column("control_status", "管控状态", type="choice", choices=ControlStatus.choices),
        Column("registered_on", "纳入管理日期", type="date"),
        Column("next_visit_due", "下次走访期限", type="date"),
        Column("address", "住址"),
    ],
    natural_key=("id_number", "category"),
)


def register_exports() -> None:
    from fazhi.people.ledgers import RESIDENTS
    from fazhi.people.services.jobs import ExportSpec, export_register

    export_register(ExportSpec("people.residents", "居民台账", RESIDENTS, residents_export_rows, P.VIEW))
    export_register(
        ExportSpec(
            "people.keypersons",
            "重点人员台账",
            KEYPERSONS,
            keypersons_export_rows,
            P.KEYPERSONS,
            watermark=True,
        )
    )
