"""The pages: each step a user takes, from the phone intake to the printed agreement; the outsider
gets 404; personal data masked; a refused step shows its reason beside the field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fazhi.disputes import services
from fazhi.disputes.models import Agreement, Dispute, Mediator, ScreeningItem, TalkDayIssue
from fazhi.disputes.tests.factories import (
    ID_A,
    PHONE_A,
    WRITTEN,
    committee,
    dispute,
    mediating,
    sign_all,
    written_agreement,
)
from fazhi.testing import COMMUNITY_A, COMMUNITY_B, GRID_A1, page_client, persona, unit

pytestmark = pytest.mark.django_db
D = date(2022, 5, 10)


def html(response) -> str:
    return response.content.decode()


def test_a_grid_worker_registers_a_dispute_from_the_phone_form():
    client = page_client("grid_a1")
    assert "纠纷登记" in html(client.get("/disputes/new/"))
    response = client.post(
        "/disputes/new/",
        {
            "unit_id": unit(GRID_A1).pk,
            "category": "neighbour",
            "source": "screening",
            "summary": "楼上漏水，楼下天花板受损",
            "people_involved": 2,
            "p0-name": "张明",
            "p0-kind": "person",
            "p0-role": "applicant",
            "p0-id_number": ID_A,
            "p0-phone": PHONE_A,
            "p1-name": "李芳",
            "p1-kind": "person",
            "p1-role": "respondent",
            "p2-kind": "person",
            "p2-role": "third",
        },
    )
    d = Dispute.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/disputes/{d.pk}/"
    page = html(client.get(response["Location"]))
    assert d.number in page and "3716**********0015" in page and "139****9001" in page
    assert ID_A not in page and PHONE_A not in page
    assert "司法部《人民调解工作若干规定》第三十三条" in page


def test_a_bad_id_number_is_shown_beside_the_partys_field():
    response = page_client("grid_a1").post(
        "/disputes/new/",
        {
            "unit_id": unit(GRID_A1).pk,
            "category": "neighbour",
            "source": "screening",
            "summary": "x",
            "people_involved": 2,
            "p0-name": "张明",
            "p0-kind": "person",
            "p0-role": "applicant",
            "p0-id_number": "371625200103120016",
            "p1-kind": "person",
            "p1-role": "respondent",
            "p2-kind": "person",
            "p2-role": "third",
        },
    )
    assert response.status_code == 200 and "校验位不正确" in html(response)
    assert not Dispute.objects.exists()


def test_the_outsider_gets_404_on_every_page_of_community_as_dispute():
    d = mediating()
    agreement = written_agreement(d, reached_on=date.today())
    client = page_client("grid_b1")
    for url in (
        f"/disputes/{d.pk}/",
        f"/disputes/{d.pk}/edit/",
        f"/disputes/{d.pk}/sessions/new/",
        f"/disputes/agreements/{agreement.pk}/",
        f"/disputes/agreements/{agreement.pk}/document/",
    ):
        assert client.get(url).status_code == 404, url


def test_the_list_shows_the_scope_and_filters_by_category():
    mine = dispute(registered_on=D)
    dispute(registered_on=D, category="labour")
    client = page_client("community_a")
    page = html(client.get("/disputes/?category=neighbour"))
    assert mine.number in page and "劳动欠薪" not in page.split("<tbody>")[1]
    assert mine.number not in html(page_client("grid_b1").get("/disputes/"))


def test_the_committee_mediates_over_two_sessions_and_prints_and_signs_the_agreement():
    org = committee()
    director = Mediator.objects.get(org=org, role="director")
    d = dispute(registered_on=date.today() - timedelta(days=12))
    client = page_client("community_a")
    response = client.post(
        f"/disputes/{d.pk}/assign/", {"org_id": org.pk, "mediator_ids": [director.pk], "on": d.registered_on}
    )
    assert response.status_code == 302
    for party in d.parties.all():
        client.post(
            f"/disputes/{d.pk}/parties/{party.pk}/consent/", {"consent": "agreed", "on": d.registered_on}
        )
    for n in (1, 2):
        response = client.post(
            f"/disputes/{d.pk}/sessions/new/",
            {
                "held_on": date.today() - timedelta(days=10 - n),
                "place": "调解室",
                "mediator_ids": [director.pk],
                "record": f"第{n}次",
            },
        )
        assert response.status_code == 302, html(response)
    assert Dispute.objects.get(pk=d.pk).sessions.count() == 2
    today = date.today()
    response = client.post(
        f"/disputes/{d.pk}/agreements/new/",
        {
            "form": "written",
            "scope": "full",
            "reached_on": today,
            **WRITTEN,
            "performance_deadline": today + timedelta(days=10),
        },
    )
    agreement = Agreement.objects.get(dispute=d)
    assert response["Location"] == f"/disputes/agreements/{agreement.pk}/"
    document = client.get(f"/disputes/agreements/{agreement.pk}/document/")
    assert document.status_code == 200 and document.content[:2] == b"PK"
    for party in d.parties.all():
        client.post(
            f"/disputes/agreements/{agreement.pk}/sign/",
            {"signer": f"p{party.pk}", "method": "signature", "signed_on": today},
        )
    client.post(
        f"/disputes/agreements/{agreement.pk}/sign/",
        {"signer": f"m{director.pk}", "signed_on": today, "sealed": "on"},
    )
    page = html(client.get(f"/disputes/agreements/{agreement.pk}/"))
    assert "已生效" in page and "司法确认申请书（双方当事人共同申请）" in page and "第三十三条" in page


def test_a_written_agreement_missing_article_29_items_shows_them_named():
    d = mediating()
    response = page_client("community_a").post(
        f"/disputes/{d.pk}/agreements/new/",
        {"form": "written", "scope": "full", "content": "赔偿2000元", "parties_info": ""},
    )
    page = html(response)
    assert (
        response.status_code == 200
        and "第二十九条" in page
        and "当事人的基本情况" in page
        and "履行的期限" in page
    )


def test_a_read_only_persona_does_not_get_the_mediation_buttons():
    d = dispute()
    page = html(page_client("grid_a1").get(f"/disputes/{d.pk}/"))
    assert "修改登记信息" in page and "指派调解" not in page
    assert page_client("grid_a1").post(f"/disputes/{d.pk}/settle/", {"note": "x"}).status_code == 403


def test_revealing_a_phone_on_the_page_needs_a_purpose():
    d = dispute()
    party = d.parties.first()
    client = page_client("community_a")
    assert (
        client.post(
            f"/disputes/{d.pk}/parties/{party.pk}/reveal/", {"field": "phone", "purpose": ""}
        ).status_code
        == 400
    )
    assert PHONE_A in html(
        client.post(f"/disputes/{d.pk}/parties/{party.pk}/reveal/", {"field": "phone", "purpose": "通知调解"})
    )
    assert (
        page_client("grid_a1")
        .post(f"/disputes/{d.pk}/parties/{party.pk}/reveal/", {"field": "phone", "purpose": "x"})
        .status_code
        == 403
    )


def test_a_termination_prints_the_notice_with_the_routes():
    d = mediating(category="labour")
    client = page_client("community_a")
    response = client.post(
        f"/disputes/{d.pk}/terminate/",
        {"reason": "欠薪数额分歧", "ended_on": date.today(), "routes": ["labour_arbitration", "court"]},
    )
    assert response.status_code == 302
    notice = client.get(f"/disputes/{d.pk}/termination-notice/")
    assert notice.status_code == 200
    from io import BytesIO

    import docx

    text = "\n".join(p.text for p in docx.Document(BytesIO(notice.content)).paragraphs)
    assert "终止人民调解告知书" in text and "劳动人事争议仲裁" in text and "第二十六条" in text


def test_the_committee_page_warns_and_disables_confirmation_when_no_woman_serves():
    org = committee(women=0)
    page = html(page_client("community_a").get(f"/disputes/orgs/{org.pk}/"))
    assert "妇女成员" in page and 'data-testid="warning"' in page and "disabled" in page


def test_a_grid_worker_reports_a_screening_item_and_registers_the_dispute_in_one_step():
    today = date.today()
    campaign = services.campaign_create(
        actor=persona("clerk"),
        unit_id=unit("SH").pk,
        name="常态化排查",
        kind="routine",
        start_on=today - timedelta(days=5),
        end_on=today + timedelta(days=5),
        cadence="weekly",
    )
    client = page_client("grid_a1")
    assert "常态化排查" in html(client.get("/disputes/screening/report/"))
    response = client.post(
        "/disputes/screening/report/",
        {
            "campaign_id": campaign.pk,
            "unit_id": unit(GRID_A1).pk,
            "subject": "dispute",
            "category": "neighbour",
            "description": "两户因晾晒衣物争吵",
            "people_involved": 2,
            "found_on": today,
            "convert": "on",
            "p0-name": "赵大勇",
            "p0-role": "applicant",
            "p1-name": "钱桂兰",
            "p1-role": "respondent",
        },
    )
    item = ScreeningItem.objects.get()
    d = Dispute.objects.get()
    assert response["Location"] == f"/disputes/{d.pk}/"
    page = html(client.get(f"/disputes/{d.pk}/"))
    assert f"来源：排查上报 {item.pk}" in page


def test_the_campaign_page_lists_the_communities_that_have_not_reported():
    today = date.today()
    campaign = services.campaign_create(
        actor=persona("clerk"),
        unit_id=unit("SH").pk,
        name="二十大期间专项排查",
        kind="special",
        topic="党的二十大",
        start_on=today - timedelta(days=2),
        end_on=today + timedelta(days=2),
        cadence="daily",
    )
    client = page_client("community_a")
    response = client.post(
        f"/disputes/screening/{campaign.pk}/",
        {"unit_id": unit(COMMUNITY_A).pk, "period_start": today, "zero": "on"},
    )
    assert response.status_code == 302
    page = html(page_client("clerk").get(f"/disputes/screening/{campaign.pk}/"))
    missing = page.split('data-testid="missing"', 1)[1].split("</p>", 1)[0]
    assert "湖滨社区" in missing and "锦秋社区" not in missing


def test_a_talk_day_issue_becomes_a_dispute_from_the_phone_page():
    client = page_client("grid_a1")
    response = client.post(
        "/disputes/talk-days/", {"unit_id": unit(GRID_A1).pk, "held_on": date.today(), "place": "3号楼下"}
    )
    talk_day_url = response["Location"]
    client.post(talk_day_url, {"form": "record", "attendance": 16})
    client.post(
        talk_day_url,
        {
            "form": "issue",
            "description": "两户因停车位争执",
            "outcome": "converted",
            "category": "neighbour",
            "p0-name": "周建",
            "p0-role": "applicant",
            "p1-role": "respondent",
        },
    )
    issue = TalkDayIssue.objects.get()
    assert issue.outcome == "converted"
    page = html(client.get(f"/disputes/{issue.dispute_id}/"))
    assert f"来源：拉呱日议题 {issue.pk}" in page


def test_the_indicators_page_links_every_figure_to_its_records():
    d = mediating(on=date(2022, 3, 1))
    sign_all(written_agreement(d, reached_on=date(2022, 3, 10)), date(2022, 3, 10))
    page = html(page_client("clerk").get("/disputes/indicators/?year=2022"))
    assert "锦秋社区" in page and "concluded_from=2022-01-01" in page and "100.0%" in page


def test_the_indicators_page_has_a_row_per_unit_one_level_below_the_chosen_one():
    mediating(on=date(2022, 3, 1))
    rows = html(page_client("clerk").get("/disputes/indicators/?year=2022")).split('data-testid="by-unit"')[1]
    assert "锦秋社区" in rows and "湖滨社区" in rows and "锦秋社区第一网格" not in rows
    community = html(
        page_client("clerk").get("/disputes/indicators/", {"year": 2022, "unit": unit(COMMUNITY_A).pk})
    )
    rows = community.split('data-testid="by-unit"')[1].split("</table>")[0]
    assert "锦秋社区第一网格" in rows and "湖滨社区" not in rows
    # Outside the actor's scope the page falls back to the actor's own unit.
    outside = page_client("community_a").get("/disputes/indicators/", {"unit": unit(COMMUNITY_B).pk})
    assert "湖滨社区" not in html(outside).split('data-testid="by-unit"')[1]


@pytest.mark.parametrize(
    "url",
    [
        "/disputes/",
        "/disputes/orgs/",
        "/disputes/mediators/",
        "/disputes/screening/",
        "/disputes/screening/items/",
        "/disputes/talk-days/",
        "/disputes/indicators/",
    ],
)
def test_every_list_page_answers_the_viewers_and_hides_from_the_administrators(url):
    assert page_client("grid_a1").get(url).status_code == 200
    assert page_client("sysadmin").get(url).status_code == 404


def test_pages_load_no_external_resources():
    d = mediating()
    page = html(page_client("community_a").get(f"/disputes/{d.pk}/"))
    assert "http://" not in page and "https://" not in page


def test_the_agreement_document_carries_every_article_29_item_and_the_signatures():
    from io import BytesIO

    import docx

    d = mediating(on=D)
    agreement = sign_all(
        written_agreement(
            d,
            reached_on=D,
            terms=[
                {
                    "content": "修复渗漏管道",
                    "due_on": D + timedelta(days=5),
                    "obligor_id": d.parties.last().pk,
                }
            ],
        ),
        D,
    )
    response = page_client("community_a").get(f"/disputes/agreements/{agreement.pk}/document/")
    document = docx.Document(BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for part in (
        "人民调解协议书",
        "（2022）锦调字第1号",
        "申请人张明",
        WRITTEN["facts"],
        WRITTEN["disputed_points"],
        WRITTEN["responsibilities"],
        WRITTEN["content"],
        WRITTEN["performance_method"],
        "1. 李芳于2022年5月15日前修复渗漏管道",
        "三十日内",
        "博兴县人民法院",
    ):
        assert part in text, part
    assert "当事人：张明" in cells and "2022年5月10日" in cells
    assert ID_A not in text


def test_the_mediator_roster_counts_each_mediators_trainings_and_cases_apart():
    org = committee()
    for day in (1, 2, 3):
        mediating(org, on=date(2022, 3, day))
    director = Mediator.objects.get(org=org, role="director")
    for day in (4, 5):
        services.training_add(
            actor=persona("community_a"),
            mediator_id=director.pk,
            held_on=date(2022, 4, day),
            title="调解技巧培训",
        )
    page = html(page_client("community_a").get("/disputes/mediators/", {"q": director.name}))
    row = page.split(f'/disputes/mediators/{director.pk}/"')[1].split("</tr>")[0]
    assert "2 次" in row and "3 件" in row  # not 2 × 3 of one joined count
