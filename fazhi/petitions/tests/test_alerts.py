"""The dashboard's alerts from petitions and supervision: what is overdue, in the unit chosen."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.indicators import OVERDUE, alerts_for
from fazhi.petitions.alerts import petition_alerts
from fazhi.petitions.tests.factories import make
from fazhi.testing import COMMUNITY_A, COMMUNITY_B, persona, unit

pytestmark = pytest.mark.django_db


def test_an_overdue_matter_is_an_alert_in_its_community_and_not_in_another():
    p = make("accepted")  # 申诉求决, accepted 2022-09-05: its 60 days ran out in November 2022
    today = date(2022, 12, 20)
    alerts = petition_alerts(actor=persona("clerk"), unit=unit(COMMUNITY_A), today=today)
    mine = [a for a in alerts if a.link == f"/petitions/{p.pk}/"]
    assert mine and mine[0].severity == OVERDUE and mine[0].basis.startswith("《信访工作条例》")
    assert not [
        a
        for a in petition_alerts(actor=persona("clerk"), unit=unit(COMMUNITY_B), today=today)
        if a.link == f"/petitions/{p.pk}/"
    ]


def test_the_dashboard_puts_the_alerts_of_every_module_together():
    make("accepted")
    alerts = alerts_for(actor=persona("clerk"), unit=unit("SH"), today=date(2022, 12, 20))
    assert any(a.area == "信访" and a.severity == OVERDUE for a in alerts)


def test_the_outsider_gets_no_alert_for_community_a():
    make("accepted")
    assert petition_alerts(actor=persona("grid_b1"), unit=unit(COMMUNITY_A), today=date(2022, 12, 20)) == []


def test_a_listed_order_is_on_top_of_the_dashboard_as_supervised_and_a_late_one_as_overdue():
    from fazhi.core.indicators import SUPERVISED
    from fazhi.supervision.alerts import supervision_alerts
    from fazhi.supervision.services import order_issue

    p = make("accepted")
    listed = order_issue(
        actor=persona("leader"),
        object_type="petitions.petition",
        object_id=str(p.pk),
        level="listed",
        reason="群众反映强烈",
        on=date(2022, 12, 1),
    )
    late = order_issue(
        actor=persona("leader"),
        object_type="petitions.petition",
        object_id=str(p.pk),
        level="remind",
        reason="逾期未办结",
        on=date(2022, 11, 1),
    )
    alerts = {
        a.link: a
        for a in supervision_alerts(actor=persona("leader"), unit=unit("SH"), today=date(2022, 12, 2))
    }
    assert alerts[f"/supervision/{listed.pk}/"].severity == SUPERVISED
    assert alerts[f"/supervision/{late.pk}/"].severity == OVERDUE
    assert supervision_alerts(actor=persona("grid_b1"), unit=unit(COMMUNITY_A), today=date(2022, 12, 2)) == []


def test_the_oldest_overdue_are_those_the_overdue_filter_lists_first():
    """The alerts ask one query per way of being overdue and merge them; the result must be the
    head of the overdue list itself, in received order."""
    from fazhi.petitions.alerts import oldest_overdue
    from fazhi.petitions.selectors import PetitionFilters, petition_list_for

    for status, received in (
        ("registered", date(2022, 9, 3)),
        ("accepted", date(2022, 8, 1)),
        ("assigned", date(2022, 9, 1)),
        ("replied", date(2022, 7, 1)),
        ("reviewing", date(2022, 6, 1)),
    ):
        make(status, received_on=received)
    today, actor, sh = date(2022, 12, 20), persona("clerk"), unit("SH")
    listed = petition_list_for(actor=actor, filters=PetitionFilters(overdue_on=today, unit_id=sh.pk))
    expected = list(listed.order_by("received_on", "id").values_list("pk", flat=True).distinct())
    assert len(expected) >= 4
    for limit in (1, 3, 30):
        found = [p.pk for p in oldest_overdue(actor=actor, unit=sh, today=today, limit=limit)]
        assert found == expected[:limit]
