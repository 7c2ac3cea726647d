"""Every allowed and refused transition of the petition workflow."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from fazhi.core.errors import InvalidTransition, NotAllowed
from fazhi.petitions.models import Status
from fazhi.petitions.workflow import FLOW, SUPERVISE
from fazhi.testing import persona

pytestmark = pytest.mark.django_db


def record(status: str, **over: object) -> SimpleNamespace:
    base = {
        "status": status,
        "notice_required": True,
        "notice_sent_on": None,
        "window_due": date(2022, 1, 1),
        "category": "claim",
        "handling_due": date(2022, 12, 1),
        "extension_days": 0,
    }
    return SimpleNamespace(**{**base, **over})


CASES = [(status, action) for status in Status.values for action in FLOW.transitions]


@pytest.mark.parametrize(("status", "action"), CASES)
def test_each_action_is_allowed_exactly_in_its_source_statuses(status, action):
    transition = FLOW.transitions[action]
    actor = persona("leader" if transition.permission == SUPERVISE else "clerk")
    if status in transition.sources:
        assert FLOW.check(record(status), action, actor) is transition
    else:
        with pytest.raises(InvalidTransition) as exc:
            FLOW.check(record(status), action, actor)
        assert exc.value.status == 409
        assert exc.value.extra["status"] == status
        assert action not in exc.value.extra["allowed_actions"]


@pytest.mark.parametrize(
    ("action", "status", "persona_name"),
    [
        ("accept", "registered", "leader"),
        ("accept", "registered", "community_a"),
        ("reply", "accepted", "grid_a1"),
        ("lead", "accepted", "community_a"),
        ("supervise", "accepted", "clerk"),
        ("review_accept", "review_requested", "leader"),
    ],
)
def test_a_role_without_the_permission_is_refused(action, status, persona_name):
    with pytest.raises(NotAllowed):
        FLOW.check(record(status), action, persona(persona_name))


def test_notice_is_offered_only_while_required_and_not_given():
    clerk = persona("clerk")
    assert "notice" in [t.action for t in FLOW.available_actions(record("accepted"), clerk)]
    given = record("accepted", notice_sent_on=date(2022, 9, 6))
    assert "notice" not in [t.action for t in FLOW.available_actions(given, clerk)]
    unknown = record("accepted", notice_required=False)
    with pytest.raises(NotAllowed, match="第二十三条"):
        FLOW.check(unknown, "notice", clerk)


def test_finalize_waits_for_the_window_to_pass():
    open_window = record("replied", window_due=date(2099, 1, 1))
    with pytest.raises(NotAllowed, match="尚未届满"):
        FLOW.check(open_window, "finalize", persona("clerk"))


def test_extend_is_offered_once_and_only_for_claims():
    clerk = persona("clerk")
    assert "extend" in [t.action for t in FLOW.available_actions(record("accepted"), clerk)]
    assert "extend" not in [
        t.action for t in FLOW.available_actions(record("accepted", extension_days=30), clerk)
    ]
    assert "extend" not in [
        t.action for t in FLOW.available_actions(record("accepted", category="suggestion"), clerk)
    ]


def test_mediation_applies_to_claims_only():
    with pytest.raises(NotAllowed, match="第三十三条"):
        FLOW.check(record("accepted", category="suggestion"), "mediate", persona("clerk"))


def test_final_matters_allow_only_follow_up_and_aftercare():
    actions = {
        t.action
        for t in FLOW.available_actions(record("final", notice_sent_on=date(2022, 9, 6)), persona("clerk"))
    }
    assert actions == {"follow_up", "aftercare"}
