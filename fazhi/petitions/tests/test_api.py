"""The petitions API: refusals as 400 naming the field and rule, 409 with allowed actions, masked
personal data, reveal with purpose, uploads, query counts pinned on the lists."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fazhi.petitions.tests.factories import ZHANG, make
from fazhi.testing import GRID_A1, api_client, persona, unit

pytestmark = pytest.mark.django_db


def body(**over):
    data = {
        "channel": "letter",
        "received_on": "2022-09-01",
        "category": "claim",
        "content": "小区物业公司长期不维修电梯，要求解决",
        "unit_id": unit(GRID_A1).pk,
        "petitioners": [ZHANG],
    }
    data.update(over)
    return data


def post(client, url, data):
    return client.post(url, data=data, content_type="application/json")


def test_registering_answers_201_with_masked_personal_data_and_deadlines():
    r = post(api_client("clerk"), "/api/v1/petitions/", body())
    assert r.status_code == 201
    data = r.json()
    assert data["people"][0]["id_number"] == "3723**********0024"
    assert data["people"][0]["phone"] == "138****1234"
    assert ZHANG["id_number"] not in r.content.decode()
    assert data["deadlines"][0]["basis"] == "《信访工作条例》第二十二条"
    assert "accept" in data["allowed_actions"]


@pytest.mark.parametrize(
    ("over", "field", "words"),
    [
        ({"petitioners": [dict(ZHANG, role="representative", id_number="")] * 6}, "petitioners", "第二十条"),
        ({"received_on": str(date.today() + timedelta(days=2))}, "received_on", "不能晚于今天"),
        (
            {"petitioners": [dict(ZHANG, id_number="372328195803120025")]},
            "petitioners[0].id_number",
            "校验位",
        ),
    ],
)
def test_bad_registrations_are_400_naming_the_field_and_the_rule(over, field, words):
    if "received_on" in over:
        over["received_on"] = str(timezone.localdate() + timedelta(days=2))
    r = post(api_client("clerk"), "/api/v1/petitions/", body(**over))
    assert r.status_code == 400
    assert words in r.json()["fields"][field]


def test_a_reply_without_an_outcome_is_400_naming_article_32():
    p = make("accepted")
    r = post(
        api_client("clerk"),
        f"/api/v1/petitions/{p.pk}/reply",
        {"request": "r", "facts": "f", "opinion": "o", "basis": "b"},
    )
    assert r.status_code == 400 and "第三十二条" in r.json()["fields"]["outcome"]


def test_an_action_not_allowed_now_is_409_with_status_and_allowed_actions():
    p = make("registered")
    r = post(
        api_client("clerk"),
        f"/api/v1/petitions/{p.pk}/reply",
        {
            "outcome": "support",
            "request": "r",
            "facts": "f",
            "opinion": "o",
            "basis": "b",
            "on": "2022-09-20",
        },
    )
    assert r.status_code == 409
    data = r.json()
    assert data["status"] == "registered" and "accept" in data["allowed_actions"]


def test_a_second_extension_and_a_long_one_are_refused_with_the_article():
    p = make("accepted")
    client = api_client("clerk")
    url = f"/api/v1/petitions/{p.pk}/extend"
    leader = persona("leader").pk
    r = post(client, url, {"days": 40, "reason": "复杂", "approver_id": leader, "on": "2022-10-01"})
    assert r.status_code == 400 and "第三十四条" in r.json()["fields"]["days"]
    assert (
        post(
            client, url, {"days": 20, "reason": "复杂", "approver_id": leader, "on": "2022-10-01"}
        ).status_code
        == 200
    )
    r = post(client, url, {"days": 10, "reason": "再延", "approver_id": leader, "on": "2022-10-02"})
    assert r.status_code == 400 and "只能延长一次" in r.json()["fields"]["days"]


def test_reveal_requires_a_purpose_and_returns_the_full_number():
    p = make("registered")
    person = p.petitioners.get().pk
    client = api_client("clerk")
    r = post(
        client,
        f"/api/v1/petitions/{p.pk}/reveal",
        {"petitioner_id": person, "field": "id_number", "purpose": ""},
    )
    assert r.status_code == 400
    r = post(
        client,
        f"/api/v1/petitions/{p.pk}/reveal",
        {"petitioner_id": person, "field": "id_number", "purpose": "核实身份"},
    )
    assert r.json()["value"] == ZHANG["id_number"]


def test_an_attachment_uploads_with_its_hash():
    p = make("registered")
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = api_client("clerk").post(
        f"/api/v1/petitions/{p.pk}/attachments", {"file": SimpleUploadedFile("来信.pdf", b"%PDF-1.4 letter")}
    )
    assert r.status_code == 201 and len(r.json()["sha256"]) == 64


def test_the_repeat_check_warns_before_registering():
    make("accepted")
    r = post(
        api_client("clerk"),
        "/api/v1/petitions/check-repeat",
        {"petitioners": [ZHANG], "content": "老板欠薪水18万一直不发"},
    )
    assert r.status_code == 200 and r.json()[0]["kind"] == "repeat"


def test_the_outsider_gets_404_and_the_assigned_handler_sees_the_case():
    p = make("accepted")
    assert api_client("grid_b1").get(f"/api/v1/petitions/{p.pk}").status_code == 404
    post(
        api_client("clerk"),
        f"/api/v1/petitions/{p.pk}/lead",
        {"leader_id": persona("leader").pk, "handler_ids": [persona("grid_b1").pk]},
    )
    assert api_client("grid_b1").get(f"/api/v1/petitions/{p.pk}").status_code == 200


def test_the_list_pins_its_query_count(django_assert_max_num_queries):
    for status in ("registered", "accepted", "replied", "reviewing", "final"):
        make(status)
    client = api_client("clerk")
    with django_assert_max_num_queries(14):
        r = client.get("/api/v1/petitions/?page_size=50")
    assert r.json()["count"] == 5


def test_list_rows_show_the_same_next_deadline_as_a_fully_loaded_petition():
    """The list loads reviews and follow-ups only for rows that can hold them; the deadline it shows
    must be the one computed from everything."""
    from django.utils import timezone

    from fazhi.petitions import selectors
    from fazhi.petitions.deadlines import next_deadline

    statuses = ("registered", "accepted", "transferred", "replied", "review_requested", "reviewing")
    made = {make(status).pk: status for status in (*statuses, "reviewed", "re_reviewing", "final")}
    today = timezone.localdate()
    full = {p.pk: next_deadline(p, today) for p in selectors.petition_list_for(actor=persona("clerk"))}
    items = api_client("clerk").get("/api/v1/petitions/?page_size=50").json()["items"]
    assert {i["id"] for i in items} == set(made)
    for item in items:
        want = full[item["id"]]
        got = item["next_deadline"]
        assert (got["code"], got["due"]) == (want.code, want.due.isoformat()) if want else got is None, made[
            item["id"]
        ]
    assert any(made[i["id"]] in ("reviewing", "re_reviewing") and i["next_deadline"] for i in items)


def test_a_page_without_answered_matters_asks_no_review_queries(django_assert_max_num_queries):
    for status in ("registered", "accepted", "transferred"):
        make(status)
    client = api_client("clerk")
    with django_assert_max_num_queries(7):  # token, roles, count, page, petitioners (+ session/axes)
        r = client.get("/api/v1/petitions/?page_size=50")
    assert r.json()["count"] == 3


def test_the_board_pins_its_query_count(django_assert_max_num_queries):
    for status in ("accepted", "replied", "reviewing"):
        make(status, leader=True)
    client = api_client("leader")
    with django_assert_max_num_queries(14):
        r = client.get("/api/v1/petitions/board")
    assert len(r.json()) == 3


def test_indicators_link_to_exactly_the_counted_records():
    a = make("replied")
    make("registered", received_on=date(2022, 12, 28))
    r = api_client("clerk").get(f"/api/v1/petitions/indicators?year=2022&unit_id={unit(GRID_A1).pk}")
    figures = {f["code"]: f for f in r.json()}
    assert figures["petitions.received"]["value"] == 2
    assert figures["petitions.timely_acceptance"]["record_ids"] == [a.pk]
    assert figures["petitions.timely_acceptance"]["value"] == 100.0
    link = figures["petitions.timely_acceptance"]["link"]
    from fazhi.testing import page_client

    html = page_client("clerk").get(link).content.decode()
    assert a.case_number in html and "共 1 条" in html


def test_receptions_schedule_and_list():
    client = api_client("clerk")
    r = post(
        client,
        "/api/v1/petitions/receptions/",
        {"leader_id": persona("leader").pk, "on": "2022-06-01", "place": "接待室"},
    )
    assert r.status_code == 201
    r = post(
        client,
        "/api/v1/petitions/receptions/",
        {"leader_id": persona("leader").pk, "on": "2022-06-01", "place": "接待室"},
    )
    assert r.status_code == 409
    r = post(
        client,
        "/api/v1/petitions/receptions/",
        {"leader_id": persona("clerk").pk, "on": "2022-06-02", "place": "接待室"},
    )
    assert r.status_code == 400 and "leader_id" in r.json()["fields"]
