"""The people app's ledgers on the workbench 导出/导入 pages (居民台账, 重点人员登记表), and the
key-person export ledger, which runs only from an approved request (services.jobs)."""

from __future__ import annotations

from typing import Any

from fazhi.core.ledgers import Column, Ledger
from fazhi.people import permissions as P
from fazhi.people.models import ControlStatus

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


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _residents(actor: Any, filters: dict[str, str]) -> Any:
    from fazhi.people.selectors.residents import residents_export_rows

    return residents_export_rows(
        actor=actor,
        q=filters.get("q", ""),
        unit_id=_int(filters.get("unit")),
        living_status=filters.get("living_status", ""),
    )


def _residents_count(actor: Any, filters: dict[str, str]) -> int:
    from fazhi.people.selectors.residents import resident_list_for

    return resident_list_for(
        actor=actor,
        q=filters.get("q", ""),
        unit_id=_int(filters.get("unit")),
        living_status=filters.get("living_status", ""),
    ).count()


def _import_residents(actor: Any, data: bytes, filename: str, extra: dict[str, str], progress: Any) -> Any:
    from fazhi.people.services.jobs import residents_import

    return residents_import(actor=actor, file_bytes=data, filename=filename, progress=progress)


def _import_keypersons(actor: Any, data: bytes, filename: str, extra: dict[str, str], progress: Any) -> Any:
    from fazhi.people.services.jobs import keypersons_import

    return keypersons_import(actor=actor, file_bytes=data, filename=filename, progress=progress)


def register_exports() -> None:
    from fazhi.people.ledgers import KEYPERSONS_IMPORT, RESIDENTS
    from fazhi.workbench.transfer import ExportSpec, ImportSpec, register_export, register_import

    register_export(
        ExportSpec(
            name="people.residents",
            title="居民台账",
            ledger=RESIDENTS,
            rows=_residents,
            count=_residents_count,
            permission=P.VIEW,
        )
    )
    register_import(
        ImportSpec(
            name="people.residents",
            title="居民台账",
            ledger=RESIDENTS,
            run=_import_residents,
            permission=P.MANAGE,
            back_url="/people/residents/",
            help="以身份证号识别同一居民：已登记的更新，未登记的新增；楼栋、单元、户按网格编码+楼栋+单元+房号自动建立。十万行的文件在后台处理。",
        )
    )
    register_import(
        ImportSpec(
            name="people.keypersons",
            title="重点人员登记表",
            ledger=KEYPERSONS_IMPORT,
            run=_import_keypersons,
            permission=P.KEYPERSONS,
            back_url="/people/keypersons/",
            help="居民须已登记；首次走访期限按类别自动计算（严重精神障碍按2018规范，社区矫正自判决生效10日内报到）。",
        )
    )
