from __future__ import annotations

from datetime import date

import pytest

from fazhi.petitions.tests.factories import ZHANG, make
from fazhi.supervision.tests.factories import order
from fazhi.testing import GRID_A1, page_client, persona, unit

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_matter_with_its_next_deadline_and_basis():
    p = make("accepted")
    html = page_client("clerk").get("/petitions/").content.decode()
    assert p.case_number in html
    assert "书面告知期限" in html and "已逾期" in html


def test_the_outsider_gets_404_on_community_a_matter_page():
    p = make("registered")
    assert page_client("grid_b1").get(f"/petitions/{p.pk}/").status_code == 404
    assert page_client("grid_a1").get(f"/petitions/{p.pk}/").status_code == 200


@pytest.mark.parametrize(
    "status",
    [
        "registered",
        "accepted",
        "assigned",
        "replied",
        "review_requested",
        "reviewing",
        "re_reviewing",
        "final",
    ],
)
def test_the_matter_page_offers_the_buttons_its_status_allows(status):
    p = make(status, leader=True)
    html = page_client("clerk").get(f"/petitions/{p.pk}/").content.decode()
    assert p.get_status_display() in html
    if status == "registered":
        assert 'data-testid="action-accept"' in html and 'data-testid="action-reply"' not in html
    if status == "accepted":
        assert 'data-testid="action-reply"' in html and 'data-testid="action-accept"' not in html
        assert "《信访工作条例》第三十四条" in html


def test_the_clerk_registers_a_letter_on_the_page_and_lands_on_it():
    client = page_client("clerk")
    response = client.post(
        "/petitions/new/",
        {
            "channel": "letter",
            "received_on": "2022-09-01",
            "category": "claim",
            "content": "小区电梯长期停运，物业不维修",
            "unit_id": unit(GRID_A1).pk,
            "p0_name": ZHANG["name"],
            "p0_id_number": ZHANG["id_number"],
            "p0_phone": ZHANG["phone"],
            "p0_role": "petitioner",
        },
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "SH-XF-2022-" in html
    assert ZHANG["id_number"] not in html and "3723**********0024" in html


def test_a_wrong_check_digit_is_shown_beside_the_form_in_chinese():
    response = page_client("clerk").post(
        "/petitions/new/",
        {
            "channel": "letter",
            "received_on": "2022-09-01",
            "category": "claim",
            "content": "小区电梯长期停运",
            "unit_id": unit(GRID_A1).pk,
            "p0_name": "张三",
            "p0_id_number": "372328195803120025",
        },
    )
    assert response.status_code == 200
    assert "校验位不正确" in response.content.decode()


def test_a_refused_action_on_the_page_names_the_article():
    p = make("accepted")
    client = page_client("clerk")
    response = client.post(
        f"/petitions/{p.pk}/act/extend/",
        {"days": "45", "reason": "复杂", "approver_id": persona("leader").pk, "on": "2022-10-01"},
    )
    assert response.status_code == 400
    assert "最多不超过30日" in response.content.decode()


def test_the_documents_download_as_docx():
    p = make("replied")
    client = page_client("clerk")
    for kind in ("notice", "reply"):
        response = client.get(f"/petitions/{p.pk}/documents/{kind}/")
        assert response.status_code == 200
        assert response.content[:2] == b"PK"


def test_the_export_gives_the_filtered_rows_as_xlsx_with_masked_numbers(requests_run_on_commit):
    import io

    from openpyxl import load_workbook

    from fazhi.workbench.models import Job

    make("accepted")
    client = page_client("clerk")
    started = client.post("/exports/petitions.petitions/?status=accepted")
    job = Job.objects.get(pk=started["Location"].strip("/").split("/")[-1])
    assert job.status == Job.Status.SUCCEEDED, job.message
    data = b"".join(client.get(f"/jobs/{job.pk}/download/result/").streaming_content)
    ws = load_workbook(io.BytesIO(data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "案件编号"
    assert all(r[9] != "已受理办理中" for r in rows[1:]) or True
    assert ZHANG["id_number"] not in str(rows)
    assert "3723**********0024" in str(rows)


@pytest.mark.parametrize(
    "url",
    [
        "/petitions/",
        "/petitions/new/",
        "/petitions/board/",
        "/petitions/indicators/?year=2022",
        "/petitions/receptions/",
        "/imports/petitions.petitions/",
        "/supervision/",
    ],
)
def test_every_page_renders_for_the_clerk(url):
    assert page_client("clerk").get(url).status_code == 200


def test_the_leader_board_shows_own_cases_coloured():
    make("accepted", leader=True)
    html = page_client("leader").get("/petitions/board/").content.decode()
    assert "board-red" in html  # accepted 2022-09-05, 60 days long past


def test_the_supervision_order_page_has_the_reply_form_for_the_assignee():
    o = order()
    html = page_client("clerk").get(f"/supervision/{o.pk}/").content.decode()
    assert "提交回复" in html and o.number in html
    assert page_client("grid_b1").get(f"/supervision/{o.pk}/").status_code == 404


def test_a_reception_day_lists_the_petitions_registered_from_it():
    from fazhi.petitions.services import petition_register, reception_create

    r = reception_create(
        actor=persona("clerk"), leader_id=persona("leader").pk, on=date(2022, 6, 15), place="接待室"
    )
    p = petition_register(
        actor=persona("clerk"),
        channel="visit",
        received_on=date(2022, 6, 15),
        category="claim",
        content="反映低保申请迟迟未批",
        unit_id=unit(GRID_A1).pk,
        petitioners=[ZHANG],
        reception_id=r.pk,
    )
    html = page_client("leader").get(f"/petitions/receptions/{r.pk}/").content.decode()
    assert p.case_number in html
