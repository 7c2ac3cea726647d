from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.errors import NotAllowed, ValidationFailed
from fazhi.supervision import rules, selectors, services
from fazhi.supervision.tests.factories import order
from fazhi.testing import api_client, persona

pytestmark = pytest.mark.django_db


def test_issuing_sets_a_reply_deadline_in_working_days_with_its_basis():
    o = order(on=date(2022, 9, 28))  # 5 working days: 09-29, 09-30, 10-08, 10-09 (调休), 10-10
    assert o.level == "remind" and o.reply_due == date(2022, 10, 10)
    assert o.number.startswith("SH-DB-2022-")


def test_a_written_reply_is_required():
    o = order()
    with pytest.raises(ValidationFailed, match="第四十条"):
        services.order_reply(actor=persona("clerk"), order_id=o.pk, text="好")


def test_only_the_issuer_side_closes_or_returns():
    o = order(replied=True)
    with pytest.raises(NotAllowed):
        services.order_close(actor=persona("clerk"), order_id=o.pk)
    returned = services.order_return(actor=persona("leader"), order_id=o.pk, reason="未写明发放金额")
    assert returned.status == "open"


def test_the_sweep_climbs_the_ladder_one_level_at_a_time():
    o = order(on=date(2022, 10, 10))  # reply due 10-17
    assert services.supervision_escalate_due(today=date(2022, 10, 20)) == 0  # 3 days grace
    assert services.supervision_escalate_due(today=date(2022, 10, 21)) == 1
    o.refresh_from_db()
    assert o.level == "urge" and o.reply_due > date(2022, 10, 21)
    assert services.supervision_escalate_due(today=date(2022, 10, 21)) == 0


def test_the_ladder_is_configurable_through_settings(settings):
    settings.FAZHI_SUPERVISION_LADDER = [
        {"code": "remind", "label": "提醒", "reply_days": 2, "escalate_after_days": 0},
        {"code": "listed", "label": "挂牌督办", "reply_days": 1, "escalate_after_days": 0},
    ]
    assert [s.label for s in rules.ladder()] == ["提醒", "挂牌督办"]
    o = order(on=date(2022, 10, 10))
    assert o.reply_due == date(2022, 10, 12)
    services.supervision_escalate_due(today=date(2022, 10, 13))
    o.refresh_from_db()
    assert o.level == "listed"


def test_listed_orders_head_the_list():
    order(level="remind")
    listed = order(level="listed")
    first = selectors.order_list_for(actor=persona("leader"))[0]
    assert first.pk == listed.pk


def test_the_outsider_does_not_see_an_order_on_community_a(django_assert_max_num_queries):
    o = order()
    assert api_client("grid_b1").get(f"/api/v1/supervision/orders/{o.pk}").status_code == 404
    client = api_client("leader")
    order()
    order()
    with django_assert_max_num_queries(12):
        r = client.get("/api/v1/supervision/orders")
    assert r.json()["count"] == 3


def test_an_unknown_record_type_is_refused_naming_the_types():
    with pytest.raises(ValidationFailed, match=r"petitions\.petition"):
        services.order_issue(
            actor=persona("leader"), object_type="nope.thing", object_id="1", level="remind", reason="x"
        )
