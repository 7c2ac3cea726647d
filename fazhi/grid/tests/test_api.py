from __future__ import annotations

import datetime as dt

import pytest

from fazhi.grid import services
from fazhi.grid.tests import factories as f
from fazhi.grid.tests.test_workflow import report
from fazhi.testing import GRID_A1, api_client, persona, unit

pytestmark = pytest.mark.django_db


def test_the_event_list_pins_its_query_count(django_assert_max_num_queries):
    for _ in range(10):
        report()
    client = api_client("community_a")
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/grid/events?page_size=50").json()
    assert body["count"] == 10


def test_a_grid_worker_reports_and_the_office_walks_the_event_to_closed():
    worker, office = api_client("grid_a1"), api_client("community_a")
    created = worker.post(
        "/api/v1/grid/events",
        {
            "category": "facility",
            "description": "路灯不亮已三天",
            "location": "2号楼前",
            "latitude": "37.1",
            "longitude": "118.2",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    event_id = created.json()["id"]

    def act(client, action, **body):
        response = client.post(
            f"/api/v1/grid/events/{event_id}/actions/{action}", body, content_type="application/json"
        )
        assert response.status_code == 200, response.content
        return response.json()

    act(office, "accept")
    dispatched = act(office, "dispatch", assignee_id=persona("grid_a1").pk)
    assert dispatched["due_text"].endswith("（本地规定，可配置）")
    assert act(worker, "handle", handling="联系物业更换灯泡")["allowed_actions"] == ["feedback"]
    act(worker, "feedback", feedback="已修复")
    closed = act(office, "close", note="现场核查已亮")
    assert closed["status"] == "closed" and closed["days_to_close"] is not None


def test_a_step_out_of_order_answers_409_with_the_allowed_actions():
    event = report()
    response = api_client("community_a").post(
        f"/api/v1/grid/events/{event.pk}/actions/close", {}, content_type="application/json"
    )
    assert response.status_code == 409
    assert set(response.json()["allowed_actions"]) == {"accept", "reject", "convert"}


def test_a_deduction_without_evidence_answers_400():
    home, _ = f.home_with_resident()
    rule = f.rule("litter", "deduction", 5)
    response = api_client("grid_a1").post(
        "/api/v1/grid/points/entries",
        {"household_id": home.pk, "rule_id": rule.pk, "occurred_on": "2022-06-01"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "evidence" in response.json()["fields"]


def test_a_redemption_beyond_the_balance_answers_400():
    home, _ = f.home_with_resident()
    item = f.item(cost=100)
    response = api_client("grid_a1").post(
        "/api/v1/grid/points/redemptions",
        {"household_id": home.pk, "item_id": item.pk},
        content_type="application/json",
    )
    assert response.status_code == 400 and "积分不足" in response.json()["fields"]["quantity"]


def test_the_household_balance_shows_grade_and_entries(django_assert_max_num_queries):
    home, _ = f.home_with_resident()
    rule = f.rule(points=25)
    for day in (1, 2):
        services.points_award(
            actor=persona("grid_a1"), household_id=home.pk, rule_id=rule.pk, occurred_on=dt.date(2022, 6, day)
        )
    client = api_client("grid_a1")
    with django_assert_max_num_queries(10):
        body = client.get(f"/api/v1/grid/points/households/{home.pk}").json()
    assert body["balance"] == 50 and body["grade"] == "AAA" and len(body["entries"]) == 2


def test_the_points_ledger_list_pins_its_query_count(django_assert_max_num_queries):
    rule = f.rule(points=5)
    for i in range(8):
        home, _ = f.home_with_resident(f"户{i}")
        services.points_award(
            actor=persona("grid_a1"), household_id=home.pk, rule_id=rule.pk, occurred_on=dt.date(2022, 6, 1)
        )
    client = api_client("community_a")
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/grid/points/entries").json()
    assert body["count"] == 8


def test_the_grid_overview_shows_size_warnings_and_the_public_url(settings):
    settings.FAZHI_PEOPLE_RULES = {"GRID_HOUSEHOLDS_MIN": 5}
    f.home_with_resident()
    body = api_client("grid_a1").get(f"/api/v1/grid/units/{unit(GRID_A1).pk}").json()
    assert body["households"] == 1 and "少于建议下限 5 户" in body["warnings"][0]
    assert body["public_url"] == "/grid/public/SH-JQ-01/"
