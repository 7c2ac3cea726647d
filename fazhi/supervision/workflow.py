"""A supervision order: open → replied (a written reply, Art. 40) → closed, or returned to open."""

from __future__ import annotations

from fazhi.org.workflow import Transition, Workflow
from fazhi.supervision.models import OrderStatus

VIEW = "supervision.view"
ISSUE = "supervision.issue"
REPLY = "supervision.reply"

FLOW = Workflow(
    OrderStatus,
    [
        Transition("reply", "书面回复", {OrderStatus.OPEN}, OrderStatus.REPLIED, permission=REPLY),
        Transition("close", "审核通过办结", {OrderStatus.REPLIED}, OrderStatus.CLOSED, permission=ISSUE),
        Transition("return", "退回重办", {OrderStatus.REPLIED}, OrderStatus.OPEN, permission=ISSUE),
        Transition("escalate", "升级督办", {OrderStatus.OPEN, OrderStatus.REPLIED}, None, permission=ISSUE),
    ],
)
