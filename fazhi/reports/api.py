"""Reports endpoints: indicators with provenance, annual reports (generate, edit, versions, finalise,
.docx), the monthly bulletin, indicator targets. Thin: parse, call one service or selector, shape."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from fazhi.core.errors import NotAllowed
from fazhi.core.pagination import paginate
from fazhi.core.params import Year
from fazhi.org.scope import has_perm
from fazhi.reports import periods, present, selectors, services, writers
from fazhi.reports import permissions as P
from fazhi.reports.schemas import (
    FinaliseIn,
    FrozenRecordsOut,
    IndicatorsOut,
    NoteIn,
    ReportDetailOut,
    ReportEditIn,
    ReportIn,
    ReportPage,
    TargetIn,
    TargetOut,
    VersionOut,
)

router = Router(tags=["报告与驾驶舱"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class IndicatorQuery(Schema):
    unit: str = ""
    period: str = "year"
    year: Year | None = None
    quarter: int | None = None
    month: int | None = None
    start: str = ""
    end: str = ""


class ReportQuery(Schema):
    year: Year | None = None
    unit: int | None = None
    page: int = 1
    page_size: int = 20


class BulletinQuery(Schema):
    unit: str = ""
    year: Year | None = Field(None, description="默认上个月所在年度")
    month: int | None = Field(None, description="默认上个月")


@router.get("/indicators", response=IndicatorsOut, summary="驾驶舱指标（含数据来源）、预警与报告倒计时")
def indicators(request: HttpRequest, query: Query[IndicatorQuery]) -> dict[str, Any]:
    today = timezone.localdate()
    choice = periods.period_from(query.dict(), today)
    dash = selectors.dashboard_for(actor=request.user, unit_ref=query.unit, period=choice.period, today=today)
    return present.indicators_dict(dash)


@router.get("/annual", response=ReportPage, summary="法治政府建设年度报告列表")
def report_list(request: HttpRequest, query: Query[ReportQuery]) -> dict[str, Any]:
    if not has_perm(request.user, P.VIEW):
        raise NotAllowed("无权查看法治政府建设年度报告")
    qs = selectors.report_list_for(actor=request.user, year=query.year, unit_id=query.unit)
    page = paginate(qs, page=query.page, page_size=query.page_size)
    return {
        "items": [present.report_dict(r, request.user) for r in page.items],
        "count": page.count,
        "page": page.page,
        "page_size": page.page_size,
    }


def _detail(request: HttpRequest, report_id: int) -> dict[str, Any]:
    version = selectors.version_get_for(actor=request.user, report_id=report_id)
    return present.report_detail_dict(version.report, version, request.user)


@router.post("/annual", response={201: ReportDetailOut}, summary="按年度数据生成报告草稿")
def report_create(request: HttpRequest, payload: ReportIn) -> Status:
    report = services.annual_report_create(actor=request.user, unit_id=payload.unit, year=payload.year)
    return Status(201, _detail(request, report.pk))


@router.get("/annual/{report_id}", response=ReportDetailOut, summary="报告当前版本（正文、数据及来源）")
def report_get(request: HttpRequest, report_id: int) -> dict[str, Any]:
    return _detail(request, report_id)


@router.patch("/annual/{report_id}", response=ReportDetailOut, summary="编辑报告（形成新版本）")
def report_edit(request: HttpRequest, report_id: int, payload: ReportEditIn) -> dict[str, Any]:
    services.annual_report_edit(
        actor=request.user,
        report_id=report_id,
        base_version=payload.base_version,
        texts=payload.sections,
        title=payload.title,
        addressee=payload.addressee,
        issuer=payload.issuer,
        note=payload.note,
    )
    return _detail(request, report_id)


@router.post("/annual/{report_id}/finalise", response=ReportDetailOut, summary="定稿（领导）")
def report_finalise(request: HttpRequest, report_id: int, payload: FinaliseIn) -> dict[str, Any]:
    services.annual_report_finalise(
        actor=request.user, report_id=report_id, base_version=payload.base_version
    )
    return _detail(request, report_id)


@router.post("/annual/{report_id}/regenerate", response=ReportDetailOut, summary="按最新数据重新生成")
def report_regenerate(request: HttpRequest, report_id: int, payload: NoteIn) -> dict[str, Any]:
    services.annual_report_regenerate(actor=request.user, report_id=report_id, note=payload.note)
    return _detail(request, report_id)


@router.get("/annual/{report_id}/versions", response=list[VersionOut], summary="版本历史")
def report_versions(request: HttpRequest, report_id: int) -> list[dict[str, Any]]:
    return [
        present.version_dict(v) for v in selectors.version_list_for(actor=request.user, report_id=report_id)
    ]


@router.get(
    "/annual/{report_id}/versions/{number}/figures/{code}/records",
    response=FrozenRecordsOut,
    summary="报告版本中一项数据所计记录的编号（版本生成时冻结，分页）",
)
def report_figure_records(
    request: HttpRequest, report_id: int, number: int, code: str, page: int = 1, page_size: int = 1000
) -> dict[str, Any]:
    found = selectors.frozen_records_for(
        actor=request.user, report_id=report_id, number=number, code=code, page=page, page_size=page_size
    )
    return {**found, "version": found["number"]}


@router.post(
    "/annual/{report_id}/versions/{number}/restore",
    response=ReportDetailOut,
    summary="恢复旧版本（形成新版本）",
)
def report_restore(request: HttpRequest, report_id: int, number: int, payload: NoteIn) -> dict[str, Any]:
    services.annual_report_restore(actor=request.user, report_id=report_id, number=number, note=payload.note)
    return _detail(request, report_id)


@router.get("/annual/{report_id}/docx", summary="下载 .docx（默认当前版本；version= 指定版本）")
def report_docx(request: HttpRequest, report_id: int, version: int | None = None) -> HttpResponse:
    v = selectors.version_get_for(actor=request.user, report_id=report_id, number=version)
    return docx_response(v)


def docx_response(v: Any) -> HttpResponse:
    """The version as .docx: a finalised one dated the day it was signed off, a draft marked as such."""
    from urllib.parse import quote

    if v.finalised_at:
        signed_on, note = timezone.localdate(v.finalised_at), ""
    else:
        signed_on, note = timezone.localdate(), f"草稿，第{v.number}版，尚未定稿"
    data = writers.annual_docx(
        v.content,
        v.figures,
        signed_on=signed_on,
        note=note,
        base_url=getattr(settings, "FAZHI_BASE_URL", ""),
        author=v.report.unit.name,
    )
    name = f"{v.content['title']}（第{v.number}版{'定稿' if v.finalised_at else '草稿'}）.docx"
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@router.get("/bulletin", summary="每月通报：各社区（或各网格）指标排名")
def bulletin(request: HttpRequest, query: Query[BulletinQuery]) -> dict[str, Any]:
    year, month = periods.bulletin_month(query.year, query.month, timezone.localdate())
    result = selectors.bulletin_for(actor=request.user, unit_ref=query.unit, year=year, month=month)
    return result.as_dict()


@router.get("/targets", response=list[TargetOut], summary="指标目标值")
def target_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": t.code,
            "label": t.label,
            "target": float(t.target),
            "note": t.note,
            "updated_by": str(t.updated_by),
            "updated_at": t.updated_at,
        }
        for t in selectors.target_list_for(actor=request.user)
    ]


@router.put(
    "/targets/{code}", response={200: TargetOut, 204: None}, summary="设置或清除（target 为 null）指标目标值"
)
def target_set(request: HttpRequest, code: str, payload: TargetIn) -> Any:
    item = services.report_target_set(
        actor=request.user, code=code, target=payload.target, label=payload.label, note=payload.note
    )
    if item is None:
        return Status(204, None)
    return {
        "code": item.code,
        "label": item.label,
        "target": float(item.target),
        "note": item.note,
        "updated_by": str(item.updated_by),
        "updated_at": item.updated_at,
    }
