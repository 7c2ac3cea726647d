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
