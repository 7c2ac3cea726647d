from __future__ import annotations

import pytest

from fazhi.core.models import AuditEntry
from fazhi.people.tests import factories as f
from fazhi.people.tests.test_ledgers import row, sheet
from fazhi.testing import api_client
from fazhi.workbench.models import Job

pytestmark = pytest.mark.django_db


def test_the_resident_list_is_masked_and_pins_its_query_count(django_assert_max_num_queries):
    for i in range(12):
        f.resident(f"居民{i}", phone=f"1391234{i:04d}")
    client = api_client("grid_a1")
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/people/residents?page_size=50").json()
    assert body["count"] == 12
    first = body["items"][0]
    assert "*" in first["id_number"] and "****" in first["phone"]


def test_a_wrong_check_digit_answers_400_naming_the_field_and_rule():
    home = f.household()
    number = f.new_id()
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    response = api_client("grid_a1").post(
        "/api/v1/people/residents",
        {"name": "错号", "household_id": home.pk, "id_number": wrong},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "校验位" in body["fields"]["id_number"]


def test_search_by_initials_through_the_api():
    f.resident("张三")
    f.resident("李四")
    names = [r["name"] for r in api_client("grid_a1").get("/api/v1/people/residents?q=zs").json()["items"]]
    assert names == ["张三"]


def test_the_outsider_gets_404_for_a_community_a_resident_and_profile():
    person = f.resident()
    client = api_client("grid_b1")
    assert client.get(f"/api/v1/people/residents/{person.pk}").status_code == 404
    assert client.get(f"/api/v1/people/residents/{person.pk}/profile").status_code == 404


def test_the_profile_is_audited_and_lists_sections():
    person = f.resident()
    sections = api_client("community_a").get(f"/api/v1/people/residents/{person.pk}/profile").json()
    assert [s["key"] for s in sections][:2] == ["household", "grid"]
    assert AuditEntry.objects.filter(action="people.profile_view", object_id=str(person.pk)).exists()


def test_importing_through_the_api_runs_a_job(django_capture_on_commit_callbacks):
    client = api_client("community_a")
    data = sheet([row(n) for n in range(5)])
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/people/imports/residents", {"file": SimpleUploadedFile("居民.xlsx", data)}
        )
    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["id"])
    assert job.status == Job.Status.SUCCEEDED


def test_the_key_person_list_masks_names_and_the_profile_needs_a_purpose(django_assert_max_num_queries):
    for _ in range(5):
        f.key_person(name="周大福")
    client = api_client("grid_a1")
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/people/keypersons").json()
    assert body["count"] == 5 and {i["name"] for i in body["items"]} == {"周**"}
    person_id = body["items"][0]["id"]
    missing = client.get(f"/api/v1/people/keypersons/{person_id}")
    assert missing.status_code == 400 and "purpose" in missing.json()["fields"]
    shown = client.get(f"/api/v1/people/keypersons/{person_id}?purpose=走访前核对")
    assert shown.status_code == 200 and shown.json()["name"] == "周大福"
    assert AuditEntry.objects.filter(action="people.keyperson_view", object_id=str(person_id)).count() == 1


def test_a_visit_dated_in_the_future_answers_400():
    person = f.key_person()
    response = api_client("grid_a1").post(
        f"/api/v1/people/keypersons/{person.pk}/visits",
        {"visited_at": "2999-01-01T10:00:00+08:00", "place": "家中", "visitors": "孙强", "danger_level": 1},
        content_type="application/json",
    )
    assert response.status_code == 400 and "visited_at" in response.json()["fields"]


def test_a_visit_through_the_api_schedules_the_next_one():
    person = f.key_person(level=4)
    response = api_client("grid_a1").post(
        f"/api/v1/people/keypersons/{person.pk}/visits",
        {
            "visited_at": "2022-03-10T10:00:00+08:00",
            "place": "家中",
            "visitors": "孙强",
            "danger_level": 4,
            "stable": False,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert (
        response.json()["next_due"] == "2022-03-24"
        and response.json()["next_rule"] == "people.mental_unstable"
    )
