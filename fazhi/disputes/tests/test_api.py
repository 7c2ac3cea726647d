"""The API: shapes (masked personal data, labels, deadlines with their basis), error shapes, query
counts of the lists, and the whole story of one dispute end to end."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fazhi.core.models import AuditEntry
from fazhi.disputes.models import Mediator
from fazhi.disputes.selectors.todo import todo_items
from fazhi.disputes.tests.factories import ID_A, PHONE_A, WRITTEN, committee, dispute
from fazhi.testing import GRID_A1, api_client, persona, unit

pytestmark = pytest.mark.django_db
P = "/api/v1/disputes"


def intake_body(**extra):
    return {
        "unit_id": unit(GRID_A1).pk,
        "category": "neighbour",
        "source": "screening",
        "summary": "楼上装修噪音扰民，双方多次争吵",
        "people_involved": 2,
        "parties": [
            {"name": "张明", "sex": "male", "id_number": ID_A, "phone": PHONE_A, "role": "applicant"},
            {"name": "李芳", "sex": "female", "role": "respondent"},
        ],
        **extra,
    }


def test_intake_answers_with_masked_personal_data_and_the_deadline_with_its_basis():
    response = api_client("grid_a1").post(f"{P}/cases", intake_body(), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    party = body["parties"][0]
    assert party["id_number"] == "3716**********0015" and party["phone"] == "139****9001"
    assert ID_A not in response.content.decode() and PHONE_A not in response.content.decode()
    assert body["deadline"]["basis"] == "司法部《人民调解工作若干规定》第三十三条"
    assert body["deadline"]["text"].startswith("剩余") and body["risk_label"] == "蓝色"
    assert {a["action"] for a in body["allowed_actions"]} >= {"update", "settle_on_spot"}


def test_a_bad_field_answers_400_naming_it():
    body = intake_body()
    body["parties"][0]["id_number"] = "371625200103120016"
    response = api_client("grid_a1").post(f"{P}/cases", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["fields"] == {"parties.0.id_number": "身份证号校验位不正确（GB 11643 校验码）"}


def test_an_action_the_status_does_not_allow_answers_409_with_the_allowed_actions():
    d = dispute()
    response = api_client("community_a").post(
        f"{P}/cases/{d.pk}/terminate", {"reason": "x"}, content_type="application/json"
    )
    assert response.status_code == 409
    assert "assign" in response.json()["allowed_actions"]


def test_the_outsider_gets_404_on_community_as_dispute_exactly_like_a_missing_one():
    d = dispute()
    outsider = api_client("grid_b1").get(f"{P}/cases/{d.pk}")
    missing = api_client("grid_b1").get(f"{P}/cases/999999")
    assert outsider.status_code == missing.status_code == 404
    assert outsider.json() == missing.json()


def test_revealing_a_phone_is_audited_with_its_purpose_and_never_the_value():
    d = dispute()
    party = d.parties.first()
    response = api_client("community_a").post(
        f"{P}/cases/{d.pk}/parties/{party.pk}/reveal",
        {"field": "phone", "purpose": "电话通知调解时间"},
        content_type="application/json",
    )
    assert response.json() == {"value": PHONE_A}
    entry = AuditEntry.objects.filter(action="core.pii_reveal").latest("seq")
    assert entry.data["purpose"] == "电话通知调解时间" and PHONE_A not in str(entry.data)


def test_patching_a_risk_criterion_recomputes_the_level():
    d = dispute()
    body = (
        api_client("grid_a1")
        .patch(f"{P}/cases/{d.pk}", {"amount": "250000"}, content_type="application/json")
        .json()
    )
    assert body["risk_level"] == "orange" and body["lead_label"] == "街道综治中心牵头"


def test_the_case_list_reads_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    for _ in range(8):
        dispute()
    client = api_client("community_a")
    client.get(f"{P}/cases")  # warm the token path
    with django_assert_max_num_queries(9):
        body = client.get(f"{P}/cases?page_size=50").json()
    assert body["count"] == 8 and body["items"][0]["parties"] == "张明、李芳"


def test_the_organisation_and_mediator_lists_read_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    committee(members=7)
    client = api_client("community_a")
    client.get(f"{P}/orgs")
    with django_assert_max_num_queries(8):
        assert client.get(f"{P}/orgs").json()[0]["committee_count"] == 7
    with django_assert_max_num_queries(8):
        assert len(client.get(f"{P}/mediators").json()) == 7


def test_the_talk_day_and_item_lists_read_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    from fazhi.disputes import services

    for i in range(5):
        services.talk_day_schedule(
            actor=persona("grid_a1"), unit_id=unit(GRID_A1).pk, held_on=date(2022, 6, i + 1), place="广场"
        )
    client = api_client("grid_a1")
    client.get(f"{P}/talk-days")
    with django_assert_max_num_queries(7):
        assert len(client.get(f"{P}/talk-days").json()) == 5


def test_a_written_agreement_missing_article_29_items_answers_400_naming_them():
    from fazhi.disputes.tests.factories import mediating

    d = mediating()
    response = api_client("community_a").post(
        f"{P}/cases/{d.pk}/agreements",
        {"form": "written", "content": "赔偿2000元"},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "第二十九条" in body["message"] and "纠纷的主要事实" in body["message"]
    assert set(body["fields"]) == {
        "parties_info",
        "facts",
        "disputed_points",
        "responsibilities",
        "performance_method",
        "performance_deadline",
    }


def test_done_when_a_neighbours_dispute_goes_from_a_phone_report_to_the_years_figures():
    """A grid worker reports from a phone; the committee mediates over two sessions; the agreement is
    printed and signed; the 司法确认 reminder fires on time; the year's figures count it."""
    org = committee()
    director = Mediator.objects.get(org=org, role="director")
    grid, clerk = api_client("grid_a1"), api_client("community_a")
    j = "application/json"
    start = date.today() - timedelta(days=20)

    case = grid.post(f"{P}/cases", intake_body(registered_on=start.isoformat()), content_type=j).json()
    cid = case["id"]
    assert (
        clerk.post(
            f"{P}/cases/{cid}/assign",
            {"org_id": org.pk, "mediator_ids": [director.pk], "on": start.isoformat()},
            content_type=j,
        ).status_code
        == 200
    )
    for party in case["parties"]:
        clerk.post(
            f"{P}/cases/{cid}/parties/{party['id']}/consent",
            {"consent": "agreed", "on": start.isoformat()},
            content_type=j,
        )
    for n, when in enumerate([start + timedelta(days=3), start + timedelta(days=10)], start=1):
        response = clerk.post(
            f"{P}/cases/{cid}/sessions",
            {
                "held_on": when.isoformat(),
                "place": "锦秋社区调解室",
                "mediator_ids": [director.pk],
                "record": f"第{n}次调解记录",
            },
            content_type=j,
        )
        assert response.status_code == 201
    assert len(response.json()["sessions"]) == 2 and response.json()["status"] == "mediating"

    reached = start + timedelta(days=10)
    agreement = clerk.post(
        f"{P}/cases/{cid}/agreements",
        {
            "form": "written",
            **WRITTEN,
            "reached_on": reached.isoformat(),
            "performance_deadline": (reached + timedelta(days=10)).isoformat(),
        },
        content_type=j,
    ).json()
    aid = agreement["id"]
    document = clerk.get(f"{P}/agreements/{aid}/document")
    assert document.status_code == 200 and document["Content-Type"].endswith("wordprocessingml.document")
    for party in case["parties"]:
        clerk.post(
            f"{P}/agreements/{aid}/signatures",
            {"signed_on": reached.isoformat(), "party_id": party["id"]},
            content_type=j,
        )
    signed = clerk.post(
        f"{P}/agreements/{aid}/signatures",
        {"signed_on": reached.isoformat(), "mediator_id": director.pk, "sealed": True},
        content_type=j,
    ).json()
    assert signed["status"] == "effective" and signed["jc"]["status"] == "open"
    due = date.fromisoformat(signed["jc"]["due_on"])
    assert due >= reached + timedelta(days=30) and "第三十三条" in signed["jc"]["text"]

    remind = [i for i in todo_items(persona("community_a"), due - timedelta(days=7)) if "司法确认" in i.title]
    assert remind and remind[0].severity == "due"

    figures = {
        f["code"]: f
        for f in clerk.get(f"{P}/indicators?year={reached.year}&unit_id={unit('SH-JQ').pk}").json()
    }
    assert (
        cid in figures["disputes.resolved"]["record_ids"]
        and aid in figures["disputes.agreements"]["record_ids"]
    )
