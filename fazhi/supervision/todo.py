"""我的待办: the open supervision orders the actor must answer in writing."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.deadlines import DUE_SOON_DAYS
from fazhi.supervision import rules
from fazhi.supervision.models import OrderStatus
from fazhi.supervision.selectors import order_list_for
from fazhi.workbench.todo import TodoItem


def supervision_todo(actor: Any, today: date) -> list[TodoItem]:
    items = []
    for order in order_list_for(actor=actor, status=OrderStatus.OPEN, mine=True)[:50]:
        left = (order.reply_due - today).days
        severity = "overdue" if left < 0 else "due" if left <= DUE_SOON_DAYS else "normal"
        label = rules.step(order.level).label if order.level in dict(rules.level_choices()) else order.level
        items.append(
            TodoItem(
                "督办",
                f"【{label}】{order.object_label}",
                f"/supervision/{order.pk}/",
                order.reply_due,
                rules.REPLY_BASIS,
                severity,
            )
        )
    return items
