"""The grid app's ledgers (export): 网格事件台账, 积分台账, 四进网格活动台账 — registered with the people
app's export jobs."""

from __future__ import annotations

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


def events_rows(*, actor: Any, **filters: Any) -> Iterator[dict[str, Any]]:
    for e in event_list_for(
        actor=actor, status=filters.get("status", ""), category=filters.get("category", "")
    ).iterator(chunk_size=1000):
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


def points_rows(*, actor: Any, **filters: Any) -> Iterator[dict[str, Any]]:
    for entry in entry_list_for(actor=actor, kind=filters.get("kind", "")).iterator(chunk_size=1000):
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


def activities_rows(*, actor: Any, **filters: Any) -> Iterator[dict[str, Any]]:
    for a in activity_list_for(actor=actor, kind=filters.get("kind", "")).iterator(chunk_size=1000):
        yield {
            "held_on": a.held_on,
            "grid": a.unit.name,
            "kind": a.kind,
            "title": a.title,
            "participants": a.participants,
            "content": a.content,
            "activity_id": a.pk,
        }


def register_exports() -> None:
    from fazhi.people.services.jobs import ExportSpec, export_register

    export_register(ExportSpec("grid.events", "网格事件台账", EVENTS, events_rows, P.VIEW))
    export_register(ExportSpec("grid.points", "积分台账", POINTS, points_rows, P.VIEW))
    export_register(ExportSpec("grid.activities", "四进网格活动台账", ACTIVITIES, activities_rows, P.VIEW))
