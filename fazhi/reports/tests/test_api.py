"""The reports API: indicators with provenance, scope, bad input; the annual report through its life."""

from __future__ import annotations

import pytest

from fazhi.reports.models import AnnualReport
from fazhi.testing import api_client, persona, unit

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/indicators"
# token, roles, custom units, whether the subdistrict is the whole tree (org.scope), units in scope,
# targets (+ the countdown's report in January–March)
QUERIES, LIST_QUERIES = 6, 7


@pytest.fixture
def today(monkeypatch):
    """Pin "today" (the countdown runs from January to March only)."""
    from datetime import date

    from django.utils import timezone

    def pin(day: date) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    pin(date(2022, 11, 15))
    return pin


def test_indicators_come_with_their_provenance(world):
    body = api_client("leader").get(URL, {"period": "year", "year": 2022, "unit": unit("SH").pk}).json()
    assert body["unit"]["name"] == "少海街道" and body["period"]["label"] == "2022年"
    received = body["figures"][0]
    assert received["code"] == "petitions.received" and received["value"] == 53
    assert received["display"] == "53件" and received["words"] == "50多件"
    # The dashboard counts the records and links to them; their ids are frozen only into report versions.
    assert received["record_count"] == 53 and "record_ids" not in received
    assert received["link"].startswith("/fake/petitions.received/")
    assert received["period"] == {"label": "2022年", "start": "2022-01-01", "end": "2022-12-31"}
    assert received["definition"] == "按登记日期统计"


def test_overdue_and_supervised_alerts_come_first(world):
    body = api_client("leader").get(URL, {"year": 2022}).json()
    assert [a["severity"] for a in body["alerts"]] == ["overdue", "supervised", "due"]
    assert body["alerts"][1]["area"] == "矛盾纠纷" and body["alerts"][0]["area"] == "信访"


def test_a_unit_can_be_named_by_name_or_code(world):
    client = api_client("leader")
    assert client.get(URL, {"unit": "锦秋社区", "year": 2022}).json()["unit"]["id"] == unit("SH-JQ").pk
    assert client.get(URL, {"unit": "SH-HB", "year": 2022}).json()["figures"][0]["value"] == 30


def test_a_community_clerk_sees_only_their_community(world):
    client = api_client("community_a")
    body = client.get(URL, {"year": 2022}).json()
    assert body["unit"]["name"] == "锦秋社区" and body["figures"][0]["value"] == 12
    assert all(code.startswith("SH-JQ") for _, _, code in world.calls)
    response = client.get(URL, {"unit": unit("SH").pk})
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert client.get(URL, {"unit": "湖滨社区"}).status_code == 404


def test_a_grid_worker_without_the_dashboard_is_refused():
    assert api_client("grid_a1").get(URL).status_code == 403


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period": "decade"}, "period"),
        ({"period": "month", "month": 13}, "month"),
        ({"period": "custom", "start": "2022-07-01", "end": "2022-06-01"}, "start"),
        ({"period": "custom", "start": "2022-13-01"}, "start"),
    ],
)
def test_a_bad_period_is_a_400_naming_the_parameter(world, params, field):
    response = api_client("leader").get(URL, params)
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_periods_reach_the_sources(world):
    client = api_client("leader")
    body = client.get(URL, {"period": "quarter", "year": 2022, "quarter": 2}).json()
    assert body["period"] == {"label": "2022年第二季度", "start": "2022-04-01", "end": "2022-06-30"}
    body = client.get(URL, {"period": "custom", "start": "2022-03-01", "end": "2022-03-15"}).json()
    assert body["period"]["label"] == "2022-03-01至2022-03-15"


def test_the_dashboard_calls_each_source_once_and_pins_its_queries(
    world, today, django_assert_max_num_queries
):
    client = api_client("leader")
    with django_assert_max_num_queries(QUERIES):
        client.get(URL, {"year": 2022})
    assert world.count("figures") == 1 and world.count("alerts") == 1


def fill(client, report_id):
    body = client.get(f"/api/v1/reports/annual/{report_id}").json()
    texts = {s["key"]: "已据实填写。" for s in body["sections"] if s["todo"]}
    return client.patch(
        f"/api/v1/reports/annual/{report_id}",
        {"base_version": body["version"], "sections": texts, "note": "补写"},
        content_type="application/json",
    )


def test_the_annual_report_from_draft_to_final_through_the_api(world):
    clerk, leader = api_client("clerk"), api_client("leader")
    response = clerk.post(
        "/api/v1/reports/annual", {"unit": "少海街道", "year": 2022}, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    report_id = body["id"]
    assert body["title"] == "少海街道关于2022年度法治政府建设工作情况的报告"
    assert body["cited"] == [
        "petitions.received",
        "petitions.on_time_rate",
        "disputes.mediated",
        "disputes.success_rate",
    ]
    social = next(s for s in body["sections"] if s["key"] == "measures.social")
    assert "信访方面，全年受理信访事项50多件，按期办结率97.4%。" in social["rendered"]
    assert body["allowed_actions"] == ["edit", "restore", "regenerate"]
    assert "一、（一）高度重视，加强依法行政组织领导。" in body["todo_sections"]

    refused = leader.post(f"/api/v1/reports/annual/{report_id}/finalise", {}, content_type="application/json")
    assert refused.status_code == 400 and "待填写" in refused.json()["message"]

    edited = fill(clerk, report_id)
    assert (
        edited.status_code == 200 and edited.json()["version"] == 2 and edited.json()["todo_sections"] == []
    )

    final = leader.post(
        f"/api/v1/reports/annual/{report_id}/finalise", {"base_version": 2}, content_type="application/json"
    )
    assert final.status_code == 200
    assert final.json()["status"] == "final" and final.json()["current"]["finalised_by"] == str(
        persona("leader")
    )

    again = clerk.patch(
        f"/api/v1/reports/annual/{report_id}",
        {"base_version": 2, "sections": {"other.main": "x"}},
        content_type="application/json",
    )
    assert again.status_code == 409 and again.json()["allowed_actions"] == ["regenerate"]

    versions = leader.get(f"/api/v1/reports/annual/{report_id}/versions").json()
    assert [(v["number"], v["kind"]) for v in versions] == [(2, "edit"), (1, "generate")]
    assert versions[0]["note"] == "补写" and versions[0]["finalised_at"] is not None


def test_a_stale_edit_is_a_conflict(world):
    clerk = api_client("clerk")
    report_id = clerk.post(
        "/api/v1/reports/annual", {"unit": "SH", "year": 2022}, content_type="application/json"
    ).json()["id"]
    ok = clerk.patch(
        f"/api/v1/reports/annual/{report_id}",
        {"base_version": 1, "sections": {"other.main": "甲"}},
        content_type="application/json",
    )
    assert ok.status_code == 200
    stale = clerk.patch(
        f"/api/v1/reports/annual/{report_id}",
        {"base_version": 1, "sections": {"other.main": "乙"}},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"


def test_creating_a_report_twice_points_to_the_existing_one(world):
    clerk = api_client("clerk")
    first = clerk.post(
        "/api/v1/reports/annual", {"unit": "SH", "year": 2022}, content_type="application/json"
    ).json()
    second = clerk.post(
        "/api/v1/reports/annual", {"unit": "SH", "year": 2022}, content_type="application/json"
    )
    assert second.status_code == 409 and second.json()["report_id"] == first["id"]


def test_an_unknown_unit_is_a_404_naming_it(world):
    response = api_client("clerk").post(
        "/api/v1/reports/annual", {"unit": "火星街道", "year": 2022}, content_type="application/json"
    )
    assert response.status_code == 404 and "火星街道" in response.json()["message"]


def test_the_outsider_gets_404_on_another_units_report(world):
    from fazhi.org.models import Role

    report_id = (
        api_client("clerk")
        .post("/api/v1/reports/annual", {"unit": "湖滨社区", "year": 2022}, content_type="application/json")
        .json()["id"]
    )
    own = (
        api_client("clerk")
        .post("/api/v1/reports/annual", {"unit": "锦秋社区", "year": 2022}, content_type="application/json")
        .json()["id"]
    )
    # Give community staff the report view: each community sees its own report and nothing else.
    role = Role.objects.get(code="community_clerk")
    role.permissions = [*role.permissions, "reports.view"]
    role.save()
    client = api_client("community_a")
    assert client.get(f"/api/v1/reports/annual/{own}").status_code == 200
    assert client.get(f"/api/v1/reports/annual/{report_id}").status_code == 404
    assert client.get(f"/api/v1/reports/annual/{report_id}/docx").status_code == 404
    assert [r["id"] for r in client.get("/api/v1/reports/annual").json()["items"]] == [own]
    assert api_client("grid_b1").get(f"/api/v1/reports/annual/{own}").status_code == 404


def test_the_report_list_pins_its_queries(world, django_assert_max_num_queries):
    clerk = api_client("clerk")
    for name in ("少海街道", "锦秋社区", "湖滨社区"):
        clerk.post("/api/v1/reports/annual", {"unit": name, "year": 2022}, content_type="application/json")
    with django_assert_max_num_queries(LIST_QUERIES):
        body = clerk.get("/api/v1/reports/annual", {"year": 2022}).json()
    assert body["count"] == 3


def test_the_docx_downloads_with_a_chinese_file_name(world):
    clerk = api_client("clerk")
    report_id = clerk.post(
        "/api/v1/reports/annual", {"unit": "SH", "year": 2022}, content_type="application/json"
    ).json()["id"]
    response = clerk.get(f"/api/v1/reports/annual/{report_id}/docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert response.content[:2] == b"PK"


def test_restoring_and_regenerating_through_the_api(world):
    clerk = api_client("clerk")
    report_id = clerk.post(
        "/api/v1/reports/annual", {"unit": "SH", "year": 2022}, content_type="application/json"
    ).json()["id"]
    clerk.patch(
        f"/api/v1/reports/annual/{report_id}",
        {"base_version": 1, "sections": {"other.main": "甲"}},
        content_type="application/json",
    )
    restored = clerk.post(
        f"/api/v1/reports/annual/{report_id}/versions/1/restore", {}, content_type="application/json"
    ).json()
    assert restored["version"] == 3 and restored["current"]["restored_from"] == 1
    world.set("SH", "petitions.received", 75, list(range(1, 76)))
    regenerated = clerk.post(
        f"/api/v1/reports/annual/{report_id}/regenerate", {}, content_type="application/json"
    ).json()
    assert regenerated["version"] == 4
    assert next(f for f in regenerated["figures"] if f["code"] == "petitions.received")["value"] == 75


def test_the_bulletin_ranks_communities_for_a_month(world):
    body = api_client("leader").get("/api/v1/reports/bulletin", {"year": 2022, "month": 6}).json()
    assert body["title"] == "少海街道2022年6月法治建设工作情况通报"
    received = body["areas"][0]["indicators"][0]
    assert [(e["unit_name"], e["rank"]) for e in received["entries"]] == [("湖滨社区", 1), ("锦秋社区", 2)]
    lost = next(i for a in body["areas"] for i in a["indicators"] if i["code"] == "people.out_of_control")
    assert [(e["unit_name"], e["rank"]) for e in lost["entries"]] == [("湖滨社区", 1), ("锦秋社区", 2)]


def test_a_bulletin_for_a_future_month_is_refused(world):
    response = api_client("leader").get("/api/v1/reports/bulletin", {"year": 2999, "month": 1})
    assert response.status_code == 400 and "year" in response.json()["fields"]


def test_targets_are_set_listed_and_cleared(world):
    clerk = api_client("clerk")
    response = clerk.put(
        "/api/v1/reports/targets/petitions.on_time_rate",
        {"target": 98, "note": "县考核"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["target"] == 98
    assert [t["code"] for t in clerk.get("/api/v1/reports/targets").json()] == ["petitions.on_time_rate"]
    body = clerk.get(URL, {"year": 2022}).json()
    rate = next(f for f in body["figures"] if f["code"] == "petitions.on_time_rate")
    assert rate["target"] == 98 and rate["missed_target"]
    assert (
        clerk.put(
            "/api/v1/reports/targets/petitions.on_time_rate",
            {"target": None},
            content_type="application/json",
        ).status_code
        == 204
    )
    assert (
        clerk.put("/api/v1/reports/targets/x.y", {"target": -1}, content_type="application/json").status_code
        == 400
    )
    assert AnnualReport.objects.count() == 0


def test_from_january_to_march_the_countdown_to_the_deadline_comes_with_the_indicators(world, today):
    from datetime import date

    client = api_client("leader")
    assert client.get(URL, {"year": 2022}).json()["deadline"] is None
    today(date(2023, 3, 2))
    deadline = client.get(URL, {"year": 2022}).json()["deadline"]
    assert deadline == {
        "year": 2022,
        "deadline": "2023-04-01",
        "days_left": 30,
        "basis": "《法治政府建设与责任落实督察工作规定》第二十四条",
        "report_id": None,
        "report_status": "missing",
    }


def test_a_versions_frozen_records_are_paged_by_the_api(world):
    clerk = api_client("clerk")
    world.set("SH", "petitions.received", 75, list(range(1, 76)))
    body = clerk.post("/api/v1/reports/annual", {"unit": "SH", "year": 2022}, content_type="application/json")
    figure = next(f for f in body.json()["figures"] if f["code"] == "petitions.received")
    assert "record_set" not in figure and figure["record_count"] == 75
    page = clerk.get(figure["records"], {"page": 2, "page_size": 50}).json()
    assert (page["count"], page["version"], page["ids"]) == (75, 1, list(range(51, 76)))
    world.set("SH", "petitions.received", 80, list(range(1, 81)))  # later data leaves the version alone
    assert clerk.get(figure["records"], {"page_size": 100}).json()["ids"] == list(range(1, 76))
    refused = clerk.get(figure["records"], {"page_size": 0})
    assert refused.status_code == 400 and "page_size" in refused.json()["fields"]
    assert api_client("grid_b1").get(figure["records"]).status_code in (403, 404)
