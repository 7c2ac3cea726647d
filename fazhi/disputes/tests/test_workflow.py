"""Every transition of a dispute, an agreement and a talk day: allowed where the table says, refused
(409 with the allowed actions) elsewhere, refused (403) without the permission."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.errors import InvalidTransition, NotAllowed
from fazhi.disputes.models import Dispute
from fazhi.disputes.workflow import AGREEMENT, DISPUTE, TALK_DAY, AgreementState, Status, TalkDayState
from fazhi.testing import persona

pytestmark = pytest.mark.django_db

# action → statuses it is allowed in (the table, restated so a change to it is a visible decision)
ALLOWED = {
    "update": {"registered", "assigned", "mediating"},
    "add_party": {"registered", "assigned", "mediating"},
    "settle_on_spot": {"registered"},
    "assign": {"registered"},
    "reassign": {"assigned", "mediating"},
    "consent": {"registered", "assigned", "mediating"},
    "start": {"assigned"},
    "refuse": {"registered", "assigned", "mediating"},
    "session": {"assigned", "mediating"},
    "agree": {"mediating"},
    "conclude": {"mediating"},
    "terminate": {"assigned", "mediating"},
    "settle": {"registered", "assigned", "mediating"},
    "close": {"agreed"},
    "refer": {"registered", "assigned", "mediating"},
    "refer_after": {"agreed", "closed", "failed", "refused"},
    "report_police": {"registered", "assigned", "mediating", "agreed", "failed", "refused"},
    "set_leader": {"registered", "assigned", "mediating", "agreed"},
    "attach": set(Status.values),
}
TARGETS = {
    "settle_on_spot": "closed",
    "assign": "assigned",
    "start": "mediating",
    "refuse": "refused",
    "conclude": "agreed",
    "terminate": "failed",
    "settle": "closed",
    "close": "closed",
    "refer": "transferred",
}


def test_the_table_covers_every_action_once():
    assert set(DISPUTE.transitions) == set(ALLOWED)


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("status", Status.values)
def test_each_action_is_allowed_exactly_in_its_statuses(action, status):
    record = Dispute(status=status)
    actor = persona("clerk")
    if status in ALLOWED[action]:
        transition = DISPUTE.check(record, action, actor)
        assert transition.target == TARGETS.get(action)
    else:
        with pytest.raises(InvalidTransition) as exc:
            DISPUTE.check(record, action, actor)
        assert set(exc.value.extra["allowed_actions"]) == {a for a, s in ALLOWED.items() if status in s}


def test_a_grid_worker_may_register_but_not_mediate():
    grid = persona("grid_a1")
    assert DISPUTE.check(Dispute(status="registered"), "settle_on_spot", grid)
    with pytest.raises(NotAllowed):
        DISPUTE.check(Dispute(status="registered"), "assign", grid)


def test_reporting_to_the_police_is_open_to_registering_and_mediating_staff_alike():
    for name in ("grid_a1", "community_a", "leader"):
        assert DISPUTE.check(Dispute(status="mediating"), "report_police", persona(name))
    with pytest.raises(NotAllowed):
        DISPUTE.check(Dispute(status="mediating"), "report_police", persona("sysadmin"))


def test_only_holders_of_the_lead_permission_appoint_a_case_leader():
    assert DISPUTE.check(Dispute(status="registered"), "set_leader", persona("leader"))
    with pytest.raises(NotAllowed):
        DISPUTE.check(Dispute(status="registered"), "set_leader", persona("community_a"))


def test_the_buttons_offered_follow_status_and_permission():
    actions = {t.action for t in DISPUTE.available_actions(Dispute(status="registered"), persona("grid_a1"))}
    assert actions == {"update", "add_party", "settle_on_spot", "report_police", "attach"}


@pytest.mark.parametrize(
    ("action", "allowed"),
    [
        ("sign", {"draft"}),
        ("take_effect", {"draft"}),
        ("void", {"draft"}),
        ("confirmation", {"effective"}),
        ("follow_up", {"effective"}),
    ],
)
def test_agreement_actions(action, allowed):
    from fazhi.disputes.models import Agreement

    for status in AgreementState.values:
        record = Agreement(status=status)
        if status in allowed:
            AGREEMENT.check(record, action, persona("community_a"))
        else:
            with pytest.raises(InvalidTransition):
                AGREEMENT.check(record, action, persona("community_a"))


@pytest.mark.parametrize(
    ("action", "allowed"), [("hold", {"planned", "held"}), ("cancel", {"planned"}), ("raise_issue", {"held"})]
)
def test_talk_day_actions(action, allowed):
    from fazhi.disputes.models import TalkDay

    for status in TalkDayState.values:
        record = TalkDay(status=status, held_on=date(2022, 5, 1))
        if status in allowed:
            TALK_DAY.check(record, action, persona("grid_a1"))
        else:
            with pytest.raises(InvalidTransition):
                TALK_DAY.check(record, action, persona("grid_a1"))
    with pytest.raises(NotAllowed):
        TALK_DAY.check(TalkDay(status=next(iter(allowed))), action, persona("leader"))
