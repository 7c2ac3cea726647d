"""The pages: a grid worker on a phone reports, visits and awards; the office sees the result."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.core.models import AuditEntry
from fazhi.grid.models import GridEvent, PointsEntry
from fazhi.grid.tests import factories as f
from fazhi.grid.tests.test_workflow import report, walk_to
from fazhi.people.models import Visit
from fazhi.people.tests import factories as people
from fazhi.testing import GRID_A1, page_client, persona, unit

pytestmark = pytest.mark.django_db


def test_a_grid_worker_reports_an_event_from_the_phone_form():
    client = page_client("grid_a1")
    assert client.get("/grid/events/new/").status_code == 200
    response = client.post(
        "/grid/events/new/",
        {
            "unit_id": unit(GRID_A1).pk,
            "category": "safety",
            "description": "单元门禁损坏，夜间无法关闭",
            "location": "1号楼2单元",
            "latitude": "37.100001",
            "longitude": "118.200002",
            "photos": [SimpleUploadedFile("门禁.jpg", b"\xff\xd8door", content_type="image/jpeg")],
        },
    )
    event = GridEvent.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/grid/events/{event.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert event.number in page and "<img" in page


def test_the_event_page_offers_only_the_steps_the_actor_may_take():
    event = report()
    worker = page_client("grid_a1").get(f"/grid/events/{event.pk}/").content.decode()
    office = page_client("community_a").get(f"/grid/events/{event.pk}/").content.decode()
    assert 'data-action="accept"' not in worker and 'data-action="accept"' in office


def test_the_office_closes_an_event_through_the_pages():
    event = walk_to("fed_back")
    client = page_client("community_a")
    client.post(f"/grid/events/{event.pk}/close/", {"note": "核查属实"})
    event.refresh_from_db()
    assert event.status == "closed"
    assert "已结案" in client.get("/grid/events/?status=closed").content.decode()


def test_the_outsider_gets_404_on_community_a_event_and_grid_pages():
    event = report()
    client = page_client("grid_b1")
    assert client.get(f"/grid/events/{event.pk}/").status_code == 404
    assert client.get(f"/grid/units/{unit(GRID_A1).pk}/").status_code == 404
    assert client.post(f"/grid/events/{event.pk}/accept/").status_code == 404


def test_a_grid_worker_awards_points_from_the_phone_form_and_sees_the_balance():
    home, _ = f.home_with_resident()
    rule = f.rule(points=10)
    client = page_client("grid_a1")
    assert client.get(f"/grid/points/award/?household={home.pk}").status_code == 200
    response = client.post(
        "/grid/points/award/",
        {"household_id": home.pk, "rule_id": rule.pk, "occurred_on": "2022-06-01", "reason": "帮助邻居"},
    )
    assert response.status_code == 302
    assert PointsEntry.objects.get().points == 10
    page = client.get(f"/grid/points/households/{home.pk}/").content.decode()
    assert 'data-testid="balance">10<' in page


def test_a_deduction_without_evidence_shows_the_reason_on_the_form():
    home, _ = f.home_with_resident()
    rule = f.rule("litter", "deduction", 5)
    page = page_client("grid_a1").post(
        "/grid/points/award/", {"household_id": home.pk, "rule_id": rule.pk, "occurred_on": "2022-06-01"}
    )
    assert page.status_code == 200 and "须附依据" in page.content.decode()


def test_a_grid_worker_records_a_visit_and_sees_the_next_one_scheduled():
    person = people.key_person(level=3)
    client = page_client("grid_a1")
    assert client.get(f"/people/keypersons/{person.pk}/visit/").status_code == 200
    response = client.post(
        f"/people/keypersons/{person.pk}/visit/",
        {
            "visited_at": "2022-03-10T10:00",
            "method": "home",
            "place": "家中",
            "visitors": "孙强",
            "outcome": "met",
            "danger_level": "3",
            "findings": "情绪平稳",
        },
    )
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.next_due == dt.date(2022, 3, 24)


def test_a_visit_dated_in_the_future_is_refused_on_the_form():
    person = people.key_person()
    page = page_client("grid_a1").post(
        f"/people/keypersons/{person.pk}/visit/",
        {
            "visited_at": "2999-01-01T10:00",
            "method": "home",
            "place": "家中",
            "visitors": "孙强",
            "outcome": "met",
            "danger_level": "1",
        },
    )
    assert page.status_code == 200 and "不能晚于当前时间" in page.content.decode()


def test_the_key_person_page_asks_for_a_purpose_and_audits_the_view():
    person = people.key_person(name="郑好")
    client = page_client("community_a")
    gate = client.get(f"/people/keypersons/{person.pk}/").content.decode()
    assert "查询事由" in gate and "郑好" not in gate and "郑*" in gate
    shown = client.get(f"/people/keypersons/{person.pk}/?purpose=季度核查").content.decode()
    assert "郑好" in shown and 'data-testid="next-visit"' in shown
    assert AuditEntry.objects.filter(action="people.keyperson_view", object_id=str(person.pk)).count() == 1


def test_the_key_person_list_masks_names():
    people.key_person(name="郑好")
    page = page_client("grid_a1").get("/people/keypersons/").content.decode()
    assert "郑*" in page and "郑好" not in page


def test_the_resident_profile_is_masked_and_audited():
    person = people.resident("钱多多", phone="13911112222")
    page = page_client("grid_a1").get(f"/people/residents/{person.pk}/").content.decode()
    assert "139****2222" in page and "13911112222" not in page and person.id_number not in page
    assert AuditEntry.objects.filter(action="people.profile_view", object_id=str(person.pk)).exists()


def test_the_grid_page_shows_size_warnings_and_the_printable_card_has_a_qr_code(settings):
    settings.FAZHI_PEOPLE_RULES = {"GRID_HOUSEHOLDS_MIN": 10}
    people.resident()
    client = page_client("grid_a1")
    page = client.get(f"/grid/units/{unit(GRID_A1).pk}/").content.decode()
    assert "少于建议下限 10 户" in page
    card = client.get(f"/grid/units/{unit(GRID_A1).pk}/card/").content.decode()
    assert "<svg" in card and "监督电话" in card


def test_the_public_grid_page_needs_no_login_and_shows_no_personal_data():
    from fazhi.grid import services

    services.roster_add(
        actor=persona("community_a"),
        unit_id=unit(GRID_A1).pk,
        role="grid_worker",
        name="孙强",
        phone="13905431004",
    )
    people.resident("隐私居民")
    page = Client().get("/grid/public/SH-JQ-01/").content.decode()
    assert "孙强" in page and "13905431004" in page and "隐私居民" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/grid/events/",
        "/grid/units/",
        "/grid/points/",
        "/grid/points/proposals/",
        "/grid/points/appeals/",
        "/grid/points/rules/",
        "/grid/points/items/",
        "/grid/activities/",
        "/grid/links/cadres/",
        "/grid/links/party/",
        "/grid/roster/",
        "/people/residents/",
        "/people/buildings/",
        "/people/keypersons/",
        "/people/visits/",
        "/people/exports/",
        "/imports/people.residents/",
        "/people/residents/new/",
        "/imports/people.keypersons/",
        "/imports/grid.points/",
        "/grid/points/award/",
        "/grid/events/new/",
    ],
)
def test_each_list_page_opens_for_the_community_clerk(url):
    assert page_client("community_a").get(url).status_code == 200


@pytest.mark.parametrize(
    "url", ["/grid/events/", "/people/residents/", "/people/keypersons/", "/grid/points/"]
)
def test_the_adviser_does_not_get_the_grid_and_people_pages(url):
    assert page_client("adviser").get(url).status_code == 404


def test_import_templates_download_as_xlsx():
    client = page_client("community_a")
    for url in (
        "/imports/people.keypersons/template/",
        "/imports/grid.points/template/",
        "/imports/people.residents/template/",
    ):
        response = client.get(url)
        assert response.status_code == 200 and response.content[:2] == b"PK"


def test_the_event_list_filtered_by_a_community_shows_the_events_of_its_grids():
    from fazhi.grid import services
    from fazhi.testing import COMMUNITY_A, COMMUNITY_B

    a, b = (
        services.event_report(
            actor=persona(who), category="safety", description="井盖松动有安全隐患", location="路口"
        )
        for who in ("grid_a1", "grid_b1")
    )
    client = page_client("leader")

    def listed(unit_id: int) -> set[str]:
        page = client.get("/grid/events/", {"unit": unit_id}).content.decode()
        return {e.number for e in (a, b) if e.number in page}

    assert listed(unit(COMMUNITY_A).pk) == {a.number}
    assert listed(unit(COMMUNITY_B).pk) == {b.number}
    assert listed(unit("SH").pk) == {a.number, b.number}


def test_the_grid_list_pages_counts_and_filters_the_grids_by_unit_and_size(settings):
    from fazhi.testing import COMMUNITY_A, GRID_B1

    settings.FAZHI_PEOPLE_RULES = {"GRID_HOUSEHOLDS_MIN": 10}
    home = people.household(room="201")
    people.resident("甲", home=home)
    people.resident("乙", home=home)
    people.resident("丙")
    people.resident("丁", grid=GRID_B1)
    client = page_client("leader")

    def rows(**query: str) -> dict[str, str]:
        page = client.get("/grid/units/", query).content.decode()
        cells = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
        return {row.split('/">')[1].split("<")[0]: row for row in cells}

    community = rows(unit=str(unit(COMMUNITY_A).pk))
    a1 = community[unit(GRID_A1).name]
    assert unit(GRID_B1).name not in community
    assert '"户数">2<' in a1 and '"居民">3<' in a1 and "少于建议下限 10 户" in a1  # not 2 × 3 of a join
    assert set(rows(attention="1")) == {unit(GRID_A1).name, unit(GRID_B1).name}  # grids with households
    assert set(rows(q=unit(GRID_B1).name)) == {unit(GRID_B1).name}


def test_a_grid_worker_with_one_grid_goes_straight_to_it():
    response = page_client("grid_a1").get("/grid/units/")
    assert response.status_code == 302 and response["Location"] == f"/grid/units/{unit(GRID_A1).pk}/"
