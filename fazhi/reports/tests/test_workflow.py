"""Every allowed and refused transition of the annual report."""

from __future__ import annotations

import pytest

from fazhi.core.errors import InvalidTransition, NotAllowed
from fazhi.reports.models import AnnualReport, ReportStatus
from fazhi.reports.workflow import EDIT, FINALISE, REGENERATE, RESTORE, WORKFLOW
from fazhi.testing import persona

pytestmark = pytest.mark.django_db


def report(status: str) -> AnnualReport:
    return AnnualReport(status=status, year=2022)


@pytest.mark.parametrize(
    ("status", "actor", "actions"),
    [
        (ReportStatus.DRAFT, "clerk", [EDIT, RESTORE, REGENERATE]),
        (ReportStatus.DRAFT, "leader", [FINALISE]),
        (ReportStatus.FINAL, "clerk", [REGENERATE]),
        (ReportStatus.FINAL, "leader", []),
        (ReportStatus.DRAFT, "community_a", []),
        (ReportStatus.DRAFT, "grid_b1", []),
    ],
)
def test_the_buttons_offer_what_the_status_and_role_allow(status, actor, actions):
    assert [t.action for t in WORKFLOW.available_actions(report(status), persona(actor))] == actions


@pytest.mark.parametrize(
    ("status", "action", "actor", "target"),
    [
        (ReportStatus.DRAFT, EDIT, "clerk", None),
        (ReportStatus.DRAFT, RESTORE, "clerk", None),
        (ReportStatus.DRAFT, REGENERATE, "clerk", ReportStatus.DRAFT),
        (ReportStatus.FINAL, REGENERATE, "clerk", ReportStatus.DRAFT),
        (ReportStatus.DRAFT, FINALISE, "leader", ReportStatus.FINAL),
    ],
)
def test_allowed_transitions(status, action, actor, target):
    assert WORKFLOW.check(report(status), action, persona(actor)).target == target


@pytest.mark.parametrize(("action", "actor"), [(EDIT, "leader"), (FINALISE, "clerk"), (RESTORE, "leader")])
def test_a_role_without_the_permission_is_refused(action, actor):
    with pytest.raises(NotAllowed):
        WORKFLOW.check(report(ReportStatus.DRAFT), action, persona(actor))


@pytest.mark.parametrize("action", [EDIT, RESTORE, FINALISE])
def test_a_finalised_report_cannot_be_edited_restored_or_finalised_again(action):
    with pytest.raises(InvalidTransition) as exc:
        WORKFLOW.check(report(ReportStatus.FINAL), action, persona("leader"))
    assert exc.value.extra["allowed_actions"] == [REGENERATE]
