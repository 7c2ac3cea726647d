"""The grid event workflow (GB/T 30428): report → accept/verify → dispatch (clock starts) → handle →
feedback → check and close → evaluate; converting to a dispute keeps the event as its origin."""

from __future__ import annotations

from typing import Any

from fazhi.grid import permissions as P
from fazhi.grid.models import EventStatus as S
from fazhi.org.scope import has_perm
from fazhi.org.workflow import Transition, Workflow


def _assignee_or_dispatcher(event: Any, actor: Any) -> str | None:
    if event.assignee_id == getattr(actor, "pk", None) or has_perm(actor, P.DISPATCH):
        return None
    return "只有承办人或调度人员可以登记处置情况"


EVENT = Workflow(
    S,
    [
        Transition("accept", "受理核实", {S.REPORTED}, S.ACCEPTED, permission=P.DISPATCH),
        Transition("reject", "不予受理", {S.REPORTED}, S.REJECTED, permission=P.DISPATCH),
        Transition("dispatch", "派遣", {S.ACCEPTED}, S.DISPATCHED, permission=P.DISPATCH),
        Transition(
            "handle",
            "登记处置",
            {S.DISPATCHED},
            S.HANDLED,
            permission=P.REPORT,
            guard=_assignee_or_dispatcher,
        ),
        Transition(
            "feedback",
            "反馈结果",
            {S.HANDLED},
            S.FED_BACK,
            permission=P.REPORT,
            guard=_assignee_or_dispatcher,
        ),
        Transition("close", "核查结案", {S.FED_BACK}, S.CLOSED, permission=P.DISPATCH),
        Transition("reopen", "核查不通过，退回重办", {S.FED_BACK}, S.DISPATCHED, permission=P.DISPATCH),
        Transition("evaluate", "评价", {S.CLOSED}, S.EVALUATED, permission=P.DISPATCH),
        Transition(
            "convert",
            "转矛盾纠纷",
            {S.REPORTED, S.ACCEPTED, S.DISPATCHED},
            S.CONVERTED,
            permission=P.DISPATCH,
        ),
    ],
)
