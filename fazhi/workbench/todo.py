"""我的待办: each module registers a provider listing what is due or overdue for an actor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class TodoItem:
    module: str  # "信访", "矛盾纠纷" …
    title: str
    link: str
    due: date | None = None
    basis: str = ""  # the rule the deadline comes from, shown beside it
    severity: str = "normal"  # normal / due / overdue

    def days_left(self, today: date) -> int | None:
        return (self.due - today).days if self.due else None


Provider = Callable[[Any, date], list[TodoItem]]
PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def todo_for(actor: Any, today: date) -> list[TodoItem]:
    """Everything due for the actor across modules: overdue first, then by due date."""
    items: list[TodoItem] = []
    for provider in PROVIDERS:
        items.extend(provider(actor, today))
    rank = {"overdue": 0, "due": 1, "normal": 2}
    return sorted(items, key=lambda i: (rank.get(i.severity, 3), i.due or date.max, i.title))
