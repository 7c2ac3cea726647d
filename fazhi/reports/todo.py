"""我的待办: last year's annual report, from January to March, until it is finalised."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.org.scope import has_perm
from fazhi.reports import permissions as P
from fazhi.reports import rules, selectors
from fazhi.workbench.todo import TodoItem


def annual_report_todo(actor: Any, today: date) -> list[TodoItem]:
    """Office staff: draft it; leaders: finalise it. One query; nothing outside January–March."""
    deadline = rules.report_deadline(today)
    if deadline is None or not (has_perm(actor, P.DRAFT) or has_perm(actor, P.FINALISE)):
        return []
    home = selectors.report_home_for(actor)
    if home is None:
        return []
    status = selectors.report_status_for(actor=actor, unit=home, year=deadline.year)
    if status == "final":
        return []
    if status == "missing":
        if not has_perm(actor, P.DRAFT):
            return []
        title = f"起草{home.name}{deadline.year}年度法治政府建设工作情况报告"
    else:
        title = f"{'审定' if has_perm(actor, P.FINALISE) else '完成'}{home.name}{deadline.year}年度法治政府建设工作情况报告"
    severity = "due" if deadline.days_left <= rules.DUE_SOON_DAYS else "normal"
    return [
        TodoItem(
            module="法治政府建设报告",
            title=title,
            link=f"/reports/annual/?year={deadline.year}",
            due=deadline.last_day,
            basis=f"{rules.BASIS}：每年4月1日之前向社会公开",
            severity=severity,
        )
    ]
