"""The pages: 领导驾驶舱, the annual report (generate, read, edit, versions, finalise), bulletin, targets."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from django.utils import timezone

from fazhi.reports.models import AnnualReport
from fazhi.testing import COMMUNITY_A, GRID_A1, page_client, unit

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


@pytest.fixture
def march(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2023, 3, 2))


def test_the_dashboard_shows_alerts_first_then_each_areas_figures_with_drill_down(world):
    page = html(page_client("leader").get("/reports/", {"period": "year", "year": 2022}))
    assert page.index('data-testid="alerts"') < page.index('<h2 id="area-1">信访</h2>')
    assert (
        page.index("XF-2022-0003 已逾期")
        < page.index("JF-2022-0011 挂牌督办")
        < page.index("XF-2022-0007 即将到期")
    )
    assert (
        '<a class="drill" href="/fake/petitions.received/?unit=SH&amp;start=2022-01-01&amp;end=2022-12-31">查看53条记录'
        in page
    )
    assert "echarts.min.js" in page and "https://" not in page


def test_every_chart_is_also_a_table_and_described_for_screen_readers(world):
    page = html(page_client("leader").get("/reports/", {"year": 2022}))
    options = json.loads(
        re.search(r'<script id="dashboard-charts" type="application/json">(.*?)</script>', page, re.S).group(
            1
        )
    )
    ids = [c["id"] for c in options]
    assert len(ids) == 5 and all(f'id="{i}"' in page for i in ids)
    assert all(c["option"]["aria"]["enabled"] for c in options)
    assert page.count('<details class="data">') == len(ids)
    assert page.count('role="img"') == len(ids)
    bars = options[0]["option"]["series"][0]["data"]
    assert bars[0]["link"].startswith("/fake/petitions.received/")


def test_a_community_clerk_chooses_only_among_their_community_and_its_grids(world):
    page = html(page_client("community_a").get("/reports/", {"year": 2022}))
    assert _picker(page) == ["锦秋社区", "锦秋社区第一网格", "锦秋社区第二网格", "锦秋社区第三网格"]
    assert "12件" in page and "53件" not in page
    assert page_client("community_a").get("/reports/", {"unit": unit("SH").pk}).status_code == 404


def _picker(page: str) -> list[str]:
    return re.findall(
        r'<option value="\d+" (?:selected)?>[　]*([^<]+)</option>',
        page.split('name="unit"')[1].split("</select>")[0],
    )


def test_in_a_large_scope_the_picker_offers_the_units_above_beside_and_below_the_chosen_one(
    world, monkeypatch
):
    from fazhi.org import selectors as org_selectors

    everything = _picker(html(page_client("leader").get("/reports/", {"year": 2022})))
    assert {"少海街道", "锦秋社区", "锦秋社区第一网格", "湖滨社区第一网格"} <= set(everything)
    monkeypatch.setattr(org_selectors, "PICKER_ALL_UP_TO", 5)  # as a county's 6,351 units would be
    page = html(page_client("leader").get("/reports/", {"year": 2022, "unit": unit(COMMUNITY_A).pk}))
    near = _picker(page)
    assert near[0] == "少海街道" and "锦秋社区" in near and "湖滨社区" in near
    assert {"锦秋社区第一网格", "锦秋社区第二网格", "锦秋社区第三网格"} <= set(near)
    assert not any(name.startswith("湖滨社区第") for name in near)  # another community's grids
    assert "上级、同级和下级单位" in page
    # One step down: the grid's line and its sibling grids; still no other community's grids.
    grid = _picker(html(page_client("leader").get("/reports/", {"year": 2022, "unit": unit(GRID_A1).pk})))
    assert {"少海街道", "锦秋社区", "锦秋社区第一网格", "锦秋社区第二网格"} <= set(grid)
    assert "湖滨社区" not in grid and not any(name.startswith("湖滨社区第") for name in grid)


def test_people_without_the_dashboard_are_refused_and_the_menu_does_not_offer_it(world):
    assert page_client("grid_a1").get("/reports/").status_code == 403
    assert "领导驾驶舱" not in html(page_client("grid_a1").get("/"))
    assert "领导驾驶舱" in html(page_client("community_a").get("/"))


def test_a_bad_period_is_explained_and_the_year_shown(world):
    page = html(
        page_client("leader").get(
            "/reports/", {"period": "custom", "start": "2022-07-01", "end": "2022-06-01"}
        )
    )
    assert "开始日期不能晚于结束日期" in page


def test_without_any_module_the_dashboard_says_what_will_appear(no_sources):
    assert "暂无统计指标" in html(page_client("leader").get("/reports/"))


def test_from_january_to_march_the_dashboard_counts_down_to_the_deadline(world, march):
    page = html(page_client("leader").get("/reports/"))
    assert "2022年度法治政府建设工作情况报告" in page and "剩余 30 天" in page
    assert "第二十四条" in page and "尚未起草" in page


def test_the_annual_report_is_generated_read_edited_and_finalised_on_the_pages(world):
    clerk, leader = page_client("clerk"), page_client("leader")
    response = clerk.post("/reports/annual/", {"unit": unit("SH").pk, "year": 2022})
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/annual/{report.pk}/"
    page = html(clerk.get(f"/reports/annual/{report.pk}/"))
    assert '<mark class="todo">【待填写：本部分暂无系统数据，请据实填写】</mark>' in page
    assert f'<a class="fig" href="/reports/annual/{report.pk}/versions/1/figures/petitions.received/"' in page
    assert "50多件</a><sup>[1]</sup>" in page
    assert 'data-testid="todo"' in page

    form = html(clerk.get(f"/reports/annual/{report.pk}/edit/"))
    fields = dict(re.findall(r'<textarea name="(s__[^"]+)"[^>]*>\n?(.*?)</textarea>', form, re.S))
    data = {name: ("已据实填写。" if "【待填写" in text else text) for name, text in fields.items()}
    data.update(
        {
            "base_version": 1,
            "title": "少海街道关于2022年度法治政府建设工作情况的报告",
            "issuer": "少海街道办事处",
            "note": "补写",
        }
    )
    response = clerk.post(f"/reports/annual/{report.pk}/edit/", data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.version_count == 2

    response = leader.post(f"/reports/annual/{report.pk}/finalise/", {"base_version": 2}, follow=True)
    page = html(response)
    assert "第2版已定稿" in page and 'data-testid="final"' in page
    assert "编辑</a>" not in page


def test_finalising_with_text_still_to_write_explains_what_is_missing(world):
    clerk = page_client("clerk")
    clerk.post("/reports/annual/", {"unit": unit("SH").pk, "year": 2022})
    report = AnnualReport.objects.get()
    page = html(
        page_client("leader").post(f"/reports/annual/{report.pk}/finalise/", {"base_version": 1}, follow=True)
    )
    assert "不能定稿" in page and "一、（一）高度重视" in page


def test_an_edit_citing_an_unknown_figure_is_shown_beside_its_section(world):
    clerk = page_client("clerk")
    clerk.post("/reports/annual/", {"unit": unit("SH").pk, "year": 2022})
    report = AnnualReport.objects.get()
    page = html(
        clerk.post(
            f"/reports/annual/{report.pk}/edit/",
            {"base_version": 1, "title": "标题", "s__plans.main": "计划{{nope.x}}"},
        )
    )
    assert "引用的指标“nope.x”不在本报告数据中" in page


def test_versions_show_who_changed_what_and_an_old_one_can_be_restored(world):
    from fazhi.reports import services
    from fazhi.testing import persona

    clerk = page_client("clerk")
    clerk.post("/reports/annual/", {"unit": unit("SH").pk, "year": 2022})
    report = AnnualReport.objects.get()
    services.annual_report_edit(
        actor=persona("clerk"),
        report_id=report.pk,
        base_version=1,
        texts={"measures.leadership": "成立领导小组。"},
        note="补写",
    )
    history = html(clerk.get(f"/reports/annual/{report.pk}/versions/"))
    assert (
        "第2版" in history and "补写" in history and "李敏（信访办）" in history and "恢复此版本" in history
    )
    diff = html(clerk.get(f"/reports/annual/{report.pk}/versions/2/"))
    assert "<del>【待填写：本部分暂无系统数据，请据实填写】</del><ins>成立领导小组。</ins>" in diff
    response = clerk.post(f"/reports/annual/{report.pk}/versions/1/restore/")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.version_count == 3


def test_a_figure_page_shows_its_frozen_provenance(world):
    clerk = page_client("clerk")
    clerk.post("/reports/annual/", {"unit": unit("SH").pk, "year": 2022})
    report = AnnualReport.objects.get()
    page = html(clerk.get(f"/reports/annual/{report.pk}/versions/1/figures/petitions.received/"))
    assert "53件" in page and "50多件" in page and "按登记日期统计" in page
    assert "1、2、3" in page and "/fake/petitions.received/" in page
    assert clerk.get(f"/reports/annual/{report.pk}/versions/1/figures/nope/").status_code == 404


def test_the_report_pages_are_404_for_the_outsider_and_403_without_the_module(world):
    page_client("clerk").post("/reports/annual/", {"unit": unit("SH").pk, "year": 2022})
    report = AnnualReport.objects.get()
    for path in ("", "edit/", "versions/", "versions/1/", "docx/"):
        assert page_client("grid_b1").get(f"/reports/annual/{report.pk}/{path}").status_code == 404
    assert page_client("grid_b1").get("/reports/annual/").status_code == 403
    assert page_client("leader").get(f"/reports/annual/{report.pk}/edit/").status_code == 403


def test_a_year_without_data_is_a_report_that_says_so(world):
    clerk = page_client("clerk")
    clerk.post("/reports/annual/", {"unit": unit("SH").pk, "year": 2018})
    report = AnnualReport.objects.get()
    page = html(clerk.get(f"/reports/annual/{report.pk}/"))
    assert 'data-testid="no-data"' in page and "系统中没有少海街道2018年度的业务记录" in page


def test_generating_an_existing_report_opens_it(world):
    clerk = page_client("clerk")
    clerk.post("/reports/annual/", {"unit": unit("SH").pk, "year": 2022})
    response = clerk.post("/reports/annual/", {"unit": unit("SH").pk, "year": 2022})
    assert response["Location"] == f"/reports/annual/{AnnualReport.objects.get().pk}/"


def test_the_draft_docx_downloads_from_the_page(world):
    clerk = page_client("clerk")
    clerk.post("/reports/annual/", {"unit": unit("SH").pk, "year": 2022})
    report = AnnualReport.objects.get()
    response = clerk.get(f"/reports/annual/{report.pk}/docx/")
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_the_bulletin_page_ranks_and_downloads(world):
    leader = page_client("leader")
    page = html(leader.get("/reports/bulletin/", {"year": 2022, "month": 6}))
    assert "少海街道2022年6月法治建设工作情况通报" in page
    assert page.index("湖滨社区") < page.index("锦秋社区")
    response = leader.get("/reports/bulletin/docx/", {"year": 2022, "month": 6, "unit": unit("SH").pk})
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert page_client("community_a").get("/reports/bulletin/").status_code == 403


def test_targets_are_set_on_their_page(world):
    clerk = page_client("clerk")
    page = html(clerk.get("/reports/targets/"))
    assert "petitions.on_time_rate" in page
    response = clerk.post(
        "/reports/targets/", {"code": "petitions.on_time_rate", "target": "98", "note": "县考核"}
    )
    assert response.status_code == 302
    assert "县考核" in html(clerk.get("/reports/targets/"))
    page = html(clerk.post("/reports/targets/", {"code": "坏 代码", "target": "1"}))
    assert "指标代码须为" in page
