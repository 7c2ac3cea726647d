"""我的待办 for grid work: events to accept or close, dispatched events near or past their deadline,
deduction proposals and appeals waiting for a decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.grid import permissions as P
from fazhi.grid import rules
from fazhi.grid.models import AppealStatus, EventStatus, ProposalStatus
from fazhi.grid.selectors.events import due_text, event_list_for
from fazhi.grid.selectors.points import appeal_list_for, proposal_list_for
from fazhi.org.scope import has_perm
from fazhi.workbench.todo import TodoItem

LIMIT = 100


def grid_todo(actor: Any, today: dt.date) -> list[TodoItem]:
    if not has_perm(actor, P.VIEW):
        return []
    items: list[TodoItem] = []
    dispatcher = has_perm(actor, P.DISPATCH)
    if dispatcher:
        for event in event_list_for(actor=actor).filter(
            status__in=[EventStatus.REPORTED, EventStatus.FED_BACK]
        )[:LIMIT]:
            verb = "受理" if event.status == EventStatus.REPORTED else "核查结案"
            items.append(
                TodoItem(
                    "网格",
                    f"{verb} {event.number} {event.get_category_display()}",
                    f"/grid/events/{event.pk}/",
                )
            )
    mine = event_list_for(actor=actor).filter(
        status=EventStatus.DISPATCHED, due_on__lte=today + dt.timedelta(days=1)
    )
    if not dispatcher:
        mine = mine.filter(assignee_id=actor.pk)
    for event in mine[:LIMIT]:
        assert event.due_on is not None
        items.append(
            TodoItem(
                "网格",
                f"处置 {event.number} {event.get_category_display()}",
                f"/grid/events/{event.pk}/",
                due=event.due_on,
                basis=due_text(event).split(" · ", 1)[-1] if event.due_rule else rules.EVENT_BASIS,
                severity="overdue" if event.due_on < today else "due",
            )
        )
    if has_perm(actor, P.POINTS_APPROVE):
        for proposal in proposal_list_for(actor=actor, status=ProposalStatus.PENDING).exclude(
            proposed_by=actor
        )[:LIMIT]:
            items.append(
                TodoItem(
                    "积分",
                    f"审批扣分：{proposal.household.address} -{proposal.points}",
                    "/grid/points/proposals/",
                )
            )
        for appeal in appeal_list_for(actor=actor, status=AppealStatus.PENDING)[:LIMIT]:
            items.append(
                TodoItem("积分", f"处理积分申诉：{appeal.entry.household.address}", "/grid/points/appeals/")
            )
    return items
