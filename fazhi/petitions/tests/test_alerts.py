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
