"""Every step of the grid event flow, allowed and refused."""

from __future__ import annotations

import pytest
from django.utils import timezone

from fazhi.core.errors import InvalidTransition, NotAllowed, NotFound, ValidationFailed
from fazhi.core.models import Attachment, TimelineEvent
from fazhi.grid import services
from fazhi.grid.models import EventStatus
from fazhi.grid.workflow import EVENT
from fazhi.org.models import Assignment
from fazhi.testing import GRID_A1, persona, unit

pytestmark = pytest.mark.django_db


def report(**over):
    fields = {
        "category": "environment",
        "description": "3号楼东侧垃圾堆放三天未清运",
        "location": "锦秋社区3号楼东侧",
        "latitude": "37.123456",
        "longitude": "118.123456",
        "photos": [("现场.jpg", b"\xff\xd8photo")],
    }
    fields.update(over)
    return services.event_report(actor=persona("grid_a1"), **fields)


def walk_to(status: str):
    event = report()
    clerk = persona("community_a")
    steps = [
        ("accepted", lambda: services.event_accept(actor=clerk, event_id=event.pk)),
        (
            "dispatched",
            lambda: services.event_dispatch(
                actor=clerk, event_id=event.pk, assignee_id=persona("grid_a1").pk
            ),
        ),
        (
            "handled",
            lambda: services.event_handle(
                actor=persona("grid_a1"), event_id=event.pk, handling="已联系环卫清运"
            ),
        ),
        (
            "fed_back",
            lambda: services.event_feedback(
                actor=persona("grid_a1"), event_id=event.pk, feedback="已清运，居民认可"
            ),
        ),
        ("closed", lambda: services.event_close(actor=clerk, event_id=event.pk, note="现场核查属实")),
        (
            "evaluated",
            lambda: services.event_evaluate(actor=clerk, event_id=event.pk, evaluation="satisfied"),
        ),
    ]
    for target, step in steps:
        if event.status == status:
            break
        event = step()
        assert event.status == target
    return event


def test_a_grid_worker_reports_an_event_with_a_photo_and_a_number():
    event = report()
    assert event.status == EventStatus.REPORTED and event.unit == unit(GRID_A1)
    assert event.number.startswith(f"SJ{event.reported_on.year}-")
    assert (
        Attachment.objects.filter(object_type="grid.gridevent", object_id=str(event.pk), kind="photo").count()
        == 1
    )


def test_the_whole_flow_runs_and_each_step_is_on_the_timeline():
    event = walk_to("evaluated")
    kinds = list(
        TimelineEvent.objects.filter(object_type="grid.gridevent", object_id=str(event.pk)).values_list(
            "kind", flat=True
        )
    )
    assert kinds == [
        "grid.event_report",
        "grid.event_accept",
        "grid.event_dispatch",
        "grid.event_handle",
        "grid.event_feedback",
        "grid.event_close",
        "grid.event_evaluate",
    ]


def test_dispatching_starts_the_clock_by_category_and_grants_the_handler():
    event = walk_to("dispatched")
    assert event.due_on is not None and event.due_rule.startswith("grid.handling_environment")
    assert (event.due_on - timezone.localtime(event.dispatched_at).date()).days == 3
    assert Assignment.objects.filter(user=persona("grid_a1"), kind="handler", object_id=event.pk).exists()


def test_reopening_sends_a_fed_back_event_back_to_the_handler():
    event = walk_to("fed_back")
    event = services.event_reopen(actor=persona("community_a"), event_id=event.pk, note="现场仍有垃圾")
    assert event.status == EventStatus.DISPATCHED


def test_rejecting_needs_a_reason():
    event = report()
    with pytest.raises(ValidationFailed):
        services.event_reject(actor=persona("community_a"), event_id=event.pk, note="")
    assert (
        services.event_reject(actor=persona("community_a"), event_id=event.pk, note="重复上报").status
        == "rejected"
    )


def test_converting_to_a_dispute_registers_the_dispute_and_keeps_lineage_both_ways():
    from fazhi.disputes.selectors import dispute_get_for

    event = walk_to("accepted")
    event = services.event_convert(
        actor=persona("community_a"), event_id=event.pk, note="邻里漏水纠纷，需调解"
    )
    assert event.status == EventStatus.CONVERTED and event.conversion_note
    dispute = dispute_get_for(actor=persona("community_a"), dispute_id=event.dispute_id)
    assert (dispute.origin_type, dispute.origin_id) == ("grid.gridevent", str(event.pk))
    assert dispute.unit_id == event.unit_id


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("reported", "close"),
        ("reported", "dispatch"),
        ("accepted", "handle"),
        ("dispatched", "close"),
        ("handled", "evaluate"),
        ("closed", "reopen"),
        ("evaluated", "convert"),
    ],
)
def test_a_step_out_of_order_is_refused_with_the_allowed_actions(status, action):
    event = walk_to(status)
    with pytest.raises(InvalidTransition) as exc:
        EVENT.check(event, action, persona("community_a"))
    assert set(exc.value.extra["allowed_actions"]) == {
        t.action for t in EVENT.transitions.values() if status in t.sources
    }


def test_a_grid_worker_cannot_accept_or_close():
    event = report()
    with pytest.raises(NotAllowed):
        services.event_accept(actor=persona("grid_a1"), event_id=event.pk)


def test_the_outsider_cannot_see_or_move_the_event():
    event = report()
    with pytest.raises(NotFound):
        services.event_accept(actor=persona("grid_b1"), event_id=event.pk)


def test_dispatch_to_someone_outside_the_grid_is_refused():
    event = walk_to("accepted")
    with pytest.raises(ValidationFailed) as exc:
        services.event_dispatch(
            actor=persona("community_a"), event_id=event.pk, assignee_id=persona("grid_b1").pk
        )
    assert "assignee_id" in exc.value.fields


def test_bad_input_names_the_field():
    with pytest.raises(ValidationFailed) as exc:
        report(category="ufo", description="短", location="", latitude="200")
    assert {"category", "description", "location"} <= set(exc.value.fields)
