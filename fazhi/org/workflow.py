"""Status workflows: a transition table per case type, `available_actions` for the buttons, `check` for
the services. An action not allowed in the current status raises InvalidTransition (409, with the
allowed actions); one the actor's roles do not grant raises NotAllowed (403).

    WORKFLOW = Workflow(Status, [
        Transition("accept", "受理", {Status.REGISTERED}, Status.ACCEPTED, permission="petitions.handle"),
        Transition("note", "记录办理情况", {Status.ACCEPTED, Status.HANDLING}, None, permission="petitions.handle"),
    ])
    WORKFLOW.check(petition, "accept", actor)          # in the service, after locking the row
    WORKFLOW.available_actions(petition, actor)        # in pages and API: what the buttons offer
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from fazhi.core.errors import InvalidTransition, NotAllowed
from fazhi.org.scope import has_perm

Guard = Callable[[Any, Any], str | None]  # (record, actor) -> the reason it is refused, or None


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the status stays as it is (a note, an attachment, a reminder)
    permission: str | None = None
    guard: Guard | None = None  # a further condition, e.g. "only the case leader"

    def __init__(
        self,
        action: str,
        label: str,
        sources: Iterable[str],
        target: str | None,
        permission: str | None = None,
        guard: Guard | None = None,
    ) -> None:
        object.__setattr__(self, "action", action)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "sources", frozenset(str(s) for s in sources))
        object.__setattr__(self, "target", str(target) if target is not None else None)
        object.__setattr__(self, "permission", permission)
        object.__setattr__(self, "guard", guard)


class Workflow:
    def __init__(
        self, statuses: type[models.TextChoices], transitions: list[Transition], status_field: str = "status"
    ) -> None:
        self.statuses = statuses
        self.status_field = status_field
        self.transitions = {t.action: t for t in transitions}
        for t in transitions:
            unknown = (t.sources | ({t.target} if t.target else set())) - set(statuses.values)
            if unknown:
                raise ValueError(f"{t.action}: unknown statuses {unknown}")

    def label(self, status: str) -> str:
        return str(dict(self.statuses.choices).get(status, status))

    def reachable_after(self, action: str) -> frozenset[str]:
        """Every status a record can be in once `action` has been taken (its target and all the statuses
        reachable from there): where what the action created may exist."""
        start = self.transitions[action].target
        seen: set[str] = set()
        todo = [start] if start else sorted(self.transitions[action].sources)
        while todo:
            status = todo.pop()
            if status in seen:
                continue
            seen.add(status)
            todo += [t.target for t in self.transitions.values() if status in t.sources and t.target]
        return frozenset(seen)

    def _status(self, obj: Any) -> str:
        return str(getattr(obj, self.status_field))

    def _allowed_here(self, obj: Any) -> list[Transition]:
        status = self._status(obj)
        return [t for t in self.transitions.values() if status in t.sources]

    def available_actions(self, obj: Any, actor: Any) -> list[Transition]:
        """The transitions the actor may take now: status allows, permission held, guard passes."""
        return [
            t
            for t in self._allowed_here(obj)
            if (t.permission is None or has_perm(actor, t.permission))
            and (t.guard is None or t.guard(obj, actor) is None)
        ]

    def check(self, obj: Any, action: str, actor: Any) -> Transition:
        """The transition for `action`, or raise InvalidTransition / NotAllowed."""
        transition = self.transitions.get(action)
        status = self._status(obj)
        if transition is None or status not in transition.sources:
            raise InvalidTransition(
                status=status,
                status_label=self.label(status),
                action=transition.label if transition else action,
                allowed=[t.action for t in self._allowed_here(obj)],
            )
        if transition.permission and not has_perm(actor, transition.permission):
            raise NotAllowed(f"无权执行“{transition.label}”")
        if transition.guard is not None and (reason := transition.guard(obj, actor)):
            raise NotAllowed(reason)
        return transition
