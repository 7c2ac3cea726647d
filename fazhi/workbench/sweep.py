"""The sweep: what comes due and what is overdue becomes a notification for whoever it is due for.

It reads every module's 我的待办 provider for every active account and notifies each due or overdue
item once per state (the dedupe key holds the link, the state and the due date), so running it every
few minutes is harmless.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from fazhi.org.models import User
from fazhi.workbench.senders import senders
from fazhi.workbench.services import notification_send
from fazhi.workbench.todo import todo_for

TITLES = {"overdue": "已逾期", "due": "即将到期"}

# Modules' own periodic work (close unused review windows, escalate supervision orders …), run before
# the notifications so that what they change is notified in the same sweep.
HOOKS: list[Callable[[date], Any]] = []


def register(hook: Callable[[date], Any]) -> None:
    if hook not in HOOKS:
        HOOKS.append(hook)


@dataclass
class SweepResult:
    accounts: int = 0
    notified: int = 0


def sweep_run(*, today: date) -> SweepResult:
    result = SweepResult()
    for hook in HOOKS:
        hook(today)
    channels = senders()
    for user in User.objects.filter(is_active=True, unit__isnull=False).select_related("unit"):
        result.accounts += 1
        for item in todo_for(user, today):
            if item.severity not in TITLES:
                continue
            title = f"【{TITLES[item.severity]}】{item.module}：{item.title}"
            body = f"期限 {item.due:%Y-%m-%d}（{item.basis}）" if item.due else item.basis
            note = notification_send(
                recipient=user,
                kind=item.severity,
                title=title,
                body=body,
                link=item.link,
                dedupe_key=f"{item.severity}:{item.link}:{item.due}",
            )
            if note is not None:
                result.notified += 1
                for channel in channels:
                    channel.send(recipient=user, title=title, body=body, link=item.link)
    return result
