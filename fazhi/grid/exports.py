"""The grid app's ledgers on the workbench 导出/导入 pages: 网格事件台账, 积分台账, 四进网格活动台账 (export)
and 积分登记表 (import)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from fazhi.core.ledgers import Column, Ledger
from fazhi.grid import permissions as P
from fazhi.grid.models import ActivityKind, EntryKind, EventCategory, EventStatus
from fazhi.grid.selectors.events import days_to_close, event_list_for
from fazhi.grid.selectors.links import activity_list_for
from fazhi.grid.selectors.points import entry_list_for

EVENTS = Ledger(
    "网格事件台账",
    [
        Column("number", "事件编号"),
        Column("grid", "网格"),
        Column("category", "类别", type="choice", choices=EventCategory.choices),
        Column("description", "描述"),
        Column("location", "位置"),
        Column("reported_on", "上报日期", type="date"),
        Column("reporter", "上报人"),
        Column("status", "状态", type="choice", choices=EventStatus.choices),
        Column("assignee", "承办人"),
        Column("due_on", "处置期限", type="date"),
        Column("closed_on", "结案日期", type="date"),
        Column("days", "派遣至结案（天）", type="decimal"),
        Column("evaluation", "评价"),
    ],
    natural_key=("number",),
)

POINTS = Ledger(
    "积分台账",
    [
        Column("occurred_on", "日期", type="date"),
        Column("grid", "网格"),
        Column("household", "户"),
        Column("resident", "居民"),
        Column("kind", "类型", type="choice", choices=EntryKind.choices),
        Column("points", "分值", type="int"),
        Column("reason", "事由"),
        Column("recorded_by", "登记人"),
        Column("approved_by", "审批人"),
        Column("entry_id", "记录号", type="int"),
    ],
    natural_key=("entry_id",),
)

ACTIVITIES = Ledger(
    "四进网格活动台账",
    [
        Column("held_on", "日期", type="date"),
        Column("grid", "网格"),
        Column("kind", "类别", type="choice", choices=ActivityKind.choices),
        Column("title", "主题"),
        Column("participants", "参与人数", type="int"),
        Column("content", "内容"),
        Column("activity_id", "记录号", type="int"),
    ],
    natural_key=("activity_id",),
)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _events(actor: Any, filters: dict[str, str]) -> Any:
    return event_list_for(
        actor=actor,
        status=filters.get("status", ""),
        category=filters.get("category", ""),
        unit_id=_int(filters.get("unit")),
        q=filters.get("q", ""),
        start=_date(filters.get("start")),
        end=_date(filters.get("end")),
    )


def events_rows(actor: Any, filters: dict[str, str]) -> Iterator[dict[str, Any]]:
    for e in _events(actor, filters).iterator(chunk_size=1000):
        yield {
            "number": e.number,
            "grid": e.unit.name,
            "category": e.category,
            "description": e.description,
            "location": e.location,
            "reported_on": e.reported_on,
            "reporter": str(e.reporter),
            "status": e.status,
            "assignee": str(e.assignee) if e.assignee else "",
            "due_on": e.due_on,
            "closed_on": e.closed_on,
            "days": days_to_close(e),
            "evaluation": e.get_evaluation_display(),
        }


def _entries(actor: Any, filters: dict[str, str]) -> Any:
    return entry_list_for(actor=actor, kind=filters.get("kind", ""), unit_id=_int(filters.get("unit")))


def points_rows(actor: Any, filters: dict[str, str]) -> Iterator[dict[str, Any]]:
    for entry in _entries(actor, filters).iterator(chunk_size=1000):
        yield {
            "occurred_on": entry.occurred_on,
            "grid": entry.unit.name,
            "household": entry.household.address,
            "resident": entry.resident.name if entry.resident else "",
            "kind": entry.kind,
            "points": entry.points,
            "reason": entry.reason,
            "recorded_by": str(entry.recorded_by),
            "approved_by": str(entry.approved_by) if entry.approved_by else "",
            "entry_id": entry.pk,
        }


def _activities(actor: Any, filters: dict[str, str]) -> Any:
    return activity_list_for(actor=actor, kind=filters.get("kind", ""), year=_int(filters.get("year")))


def activities_rows(actor: Any, filters: dict[str, str]) -> Iterator[dict[str, Any]]:
    for a in _activities(actor, filters).iterator(chunk_size=1000):
        yield {
            "held_on": a.held_on,
            "grid": a.unit.name,
            "kind": a.kind,
            "title": a.title,
            "participants": a.participants,
            "content": a.content,
            "activity_id": a.pk,
        }


def _import_points(actor: Any, data: bytes, filename: str, extra: dict[str, str], progress: Any) -> Any:
    from fazhi.grid.services.points import points_import

    return points_import(actor=actor, file_bytes=data, filename=filename, progress=progress)


def register_exports() -> None:
    from fazhi.grid.ledgers import POINTS_IMPORT
    from fazhi.workbench.transfer import ExportSpec, ImportSpec, register_export, register_import

    register_export(
        ExportSpec(
            "grid.events",
            "网格事件台账",
            EVENTS,
            events_rows,
            P.VIEW,
            count=lambda a, f: _events(a, f).count(),
        )
    )
    register_export(
        ExportSpec(
            "grid.points", "积分台账", POINTS, points_rows, P.VIEW, count=lambda a, f: _entries(a, f).count()
        )
    )
    register_export(
        ExportSpec(
            "grid.activities",
            "四进网格活动台账",
            ACTIVITIES,
            activities_rows,
            P.VIEW,
            count=lambda a, f: _activities(a, f).count(),
        )
    )
    register_import(
        ImportSpec(
            name="grid.points",
            title="积分登记表",
            ledger=POINTS_IMPORT,
            run=_import_points,
            permission=P.POINTS,
            back_url="/grid/points/",
            help="只能导入无须附依据的加分事项；扣分须附依据并经另一人审批，请在页面登记。同一户同一事项同一天同一事由只记一次。",
        )
    )
