"""The two ledgers (export, template, import) and the indicators."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query

from fazhi.core.errors import NotFound
from fazhi.core.indicators import Period
from fazhi.core.params import Year
from fazhi.disputes import selectors
from fazhi.disputes.api.base import DisputeQuery, Json, router
from fazhi.disputes.selectors.indicators import figures
from fazhi.disputes.services.common import today

# --- Ledgers (矛盾纠纷排查化解台账, 人民调解台账) -----------------------------------------------------------


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data: bytes, name: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@router.get(
    "/ledgers/{name}/export", summary="导出台账（disputes：矛盾纠纷排查化解台账；mediations：人民调解台账）"
)
def ledger_export(request: HttpRequest, name: str, filters: Query[DisputeQuery]) -> HttpResponse:
    from fazhi.disputes.selectors.ledgers import export_file

    selectors.disputes.require_view(request.user)
    data, filename = export_file(
        actor=request.user, name=name, filters=selectors.DisputeFilters(**filters.dict())
    )
    return _xlsx(data, filename)


@router.get("/ledgers/{name}/template", summary="台账导入模板")
def ledger_template(request: HttpRequest, name: str) -> HttpResponse:
    from fazhi.disputes.selectors.ledgers import template_file

    selectors.disputes.require_view(request.user)
    data, filename = template_file(name)
    return _xlsx(data, filename)


@router.post(
    "/ledgers/{name}/import",
    response=Json,
    summary="导入台账：请求体为文件内容，filename 给出扩展名；全部成功或全部不写",
)
def ledger_import(request: HttpRequest, name: str, filename: str = "台账.xlsx") -> Json:
    from fazhi.disputes.selectors.ledgers import ledger_get
    from fazhi.disputes.services.ledgers import IMPORTS

    ledger_get(name)
    run, _ = IMPORTS[name]
    upload = request.FILES.get("file")
    data = upload.read() if upload is not None else request.body
    result = run(
        actor=request.user,
        file_bytes=data,
        filename=(upload.name if upload is not None and upload.name else filename),
    )
    return {
        "ok": result.ok,
        "message": result.message,
        "total": result.total,
        "created": result.created,
        "updated": result.updated,
        "errors": [{"line": e.line, "column": e.column, "reason": e.reason} for e in result.errors],
    }


# --- Indicators ----------------------------------------------------------------------------------


@router.get("/indicators", response=list[Json], summary="矛盾纠纷指标（可追溯到记录）")
def indicators(
    request: HttpRequest,
    year: Year | None = None,
    unit_id: int | None = None,
    month: int | None = None,
    category: str = "",
) -> list[Json]:
    selectors.disputes.require_view(request.user)
    year = year or today().year
    unit = _indicator_unit(request.user, unit_id)
    period = Period.month(year, month) if month else Period.year(year)
    return [
        {
            "code": f.code,
            "label": f.label,
            "value": f.value,
            "unit": f.unit,
            "period": f.period.label,
            "unit_id": f.unit_id,
            "link": f.link,
            "record_ids": f.ids(),
        }
        for f in figures(actor=request.user, unit=unit, period=period, category=category)
    ]


def _indicator_unit(actor: Any, unit_id: int | None) -> Any:
    """The unit asked for if the actor may see it or it lies above the actor; default the subdistrict."""
    from fazhi.disputes.selectors.orgs import units_visible_q
    from fazhi.org.models import Unit
    from fazhi.org.scope import subdistrict_of

    if unit_id is None:
        return subdistrict_of(actor.unit)
    unit = Unit.objects.filter(units_visible_q(actor, ""), pk=unit_id).first()
    if unit is None:
        raise NotFound("单位不存在或无权查看")
    return unit
