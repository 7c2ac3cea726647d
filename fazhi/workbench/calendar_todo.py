"""A reminder for whoever maintains master data: next year's holiday schedule must be entered before
deadlines reach into it (chinese-calendar only knows the years published when it was released)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.calendar import known_year
from fazhi.org.permissions import MASTER_DATA
from fazhi.org.scope import has_perm
from fazhi.workbench.todo import TodoItem

FROM_MONTH = 10  # statutory periods of 60-90 days reach into next year from about October


def calendar_todo(actor: Any, today: date) -> list[TodoItem]:
    year = today.year + 1
    if today.month < FROM_MONTH or not has_perm(actor, MASTER_DATA) or known_year(year):
        return []
    return [
        TodoItem(
            module="系统",
            title=f"录入{year}年节假日与调休安排（期限跨入{year}年的事项暂无法计算）",
            link="/admin/core/calendarday/",
            due=date(today.year, 12, 31),
            basis=f"国务院办公厅关于{year}年部分节假日安排的通知",
            severity="due",
        )
    ]
