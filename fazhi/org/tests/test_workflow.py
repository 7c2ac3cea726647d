from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import models

from fazhi.core.errors import InvalidTransition, NotAllowed
from fazhi.org.permissions import UNITS_MANAGE
from fazhi.org.workflow import Transition, Workflow
from fazhi.testing import persona

pytestmark = pytest.mark.django_db


class Status(models.TextChoices):
    OPEN = "open", "待办"
    DONE = "done", "办结"


FLOW = Workflow(
    Status,
    [
        Transition("close", "办结", {Status.OPEN}, Status.DONE, permission=UNITS_MANAGE),
        Transition("note", "记录", {Status.OPEN, Status.DONE}, None),
        Transition(
            "reopen",
            "重新打开",
            {Status.DONE},
            Status.OPEN,
            guard=lambda obj, actor: None if actor.username == "leader" else "只有领导可以重新打开",
        ),
    ],
)


def test_an_action_not_allowed_in_the_status_raises_409_with_the_allowed_actions():
    with pytest.raises(InvalidTransition) as exc:
        FLOW.check(SimpleNamespace(status="done"), "close", persona("sysadmin"))
    assert exc.value.status == 409
    assert exc.value.extra["allowed_actions"] == ["note", "reopen"]
    assert "办结" in exc.value.message


def test_an_action_without_the_permission_raises_403():
    with pytest.raises(NotAllowed):
        FLOW.check(SimpleNamespace(status="open"), "close", persona("grid_a1"))


def test_a_guard_refuses_with_its_reason():
    with pytest.raises(NotAllowed, match="只有领导"):
        FLOW.check(SimpleNamespace(status="done"), "reopen", persona("clerk"))


def test_available_actions_are_those_the_actor_may_take_now():
    assert [
        t.action for t in FLOW.available_actions(SimpleNamespace(status="open"), persona("sysadmin"))
    ] == ["close", "note"]
    assert [t.action for t in FLOW.available_actions(SimpleNamespace(status="open"), persona("grid_a1"))] == [
        "note"
    ]


def test_a_table_naming_an_unknown_status_is_refused_at_import():
    with pytest.raises(ValueError):
        Workflow(Status, [Transition("x", "x", {"nowhere"}, Status.DONE)])
