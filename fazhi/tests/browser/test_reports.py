"""Issue #7 in a real browser: the 2022 法治政府建设 annual report of 少海街道 is generated from the demo
data, a paragraph is written, the leader finalises it and downloads the .docx; the 领导驾驶舱 draws its
charts and alerts on a desktop and on a phone, each account within its scope."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from fazhi.tests.browser.conftest import DESKTOP, PHONE, login, shot

pytestmark = pytest.mark.browser

LEADERSHIP = (
    "街道党工委、办事处把法治政府建设纳入全年重点工作，成立由党工委书记任组长的法治政府建设领导小组，"
    "全年召开专题会议4次，研究部署依法行政重点任务。"
)
# What the office writes into the other parts the system has no data for (a real office writes its own).
WRITTEN = {
    "measures.enforcement": "严格落实行政执法“三项制度”，执法全过程记录，全年未发生行政复议被纠错案件。",
    "first_responsible.duty": "党政主要负责人带头学法，主持召开法治建设专题会议，亲自协调解决重点难点问题。",
    "first_responsible.decisions": "重大行政决策均经公众参与、专家论证、风险评估、合法性审查和集体讨论决定。",
    "first_responsible.advisers": "为每个社区配备一名法律顾问，全年开展法律咨询和法治讲座，群众知晓率明显提高。",
    "first_responsible.support": "将法治建设经费列入财政预算，配齐司法所工作人员，保障法治建设各项工作开展。",
    "first_responsible.publicity": "落实“谁执法谁普法”责任制，结合宪法宣传周等节点开展普法宣传活动。",
    "shortcomings.causes": "主要是网格员业务能力参差不齐，部分信访事项涉及多个部门，协调用时较长。",
    "plans.main": "一是深化网格化服务管理；二是规范信访事项办理流程；三是加强法治宣传教育。",
}
TODO_MARKS = ("【待填写", "【待核实")


def _todo_count(page) -> int:
    """How many sections the page says still hold 【待填写】/【待核实】 (0 when the warning is gone)."""
    warning = page.locator("[data-testid=todo]")
    if not warning.count():
        return 0
    found = re.search(r"尚有 (\d+) 处待填写或待核实", warning.inner_text())
    assert found, warning.inner_text()
    return int(found.group(1))


def _save_edit(page, note: str) -> None:
    page.fill("input[name=note]", note)
    with page.expect_navigation():
        page.click("button[type=submit]:text-is('保存为新版本')")


def _finalise(page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())  # 定稿后本版本的文字和数据将冻结，确定定稿吗？
    with page.expect_navigation():
        page.click(".toolbar button[type=submit]:text-is('定稿')")


def test_the_annual_report_is_generated_edited_finalised_and_downloaded(browser, server, tmp_path):
    clerk = login(browser, server, "clerk", DESKTOP)
    clerk.click(".sidebar a:text-is('法治政府建设年度报告')")
    clerk.wait_for_url("**/reports/annual/")
    shot(clerk, "report-01-list")

    # Generate the 2022 draft of 少海街道 from the system's records.
    clerk.select_option("select[name=unit]", label="少海街道")
    clerk.fill("form:has(select[name=unit]) input[name=year]", "2022")
    with clerk.expect_navigation():
        clerk.click("button[type=submit]:text-is('生成草稿')")
    assert re.search(r"/reports/annual/\d+/$", clerk.url), clerk.url
    report_url = clerk.url
    expect(clerk.locator(".messages .msg.success")).to_have_text("已按系统数据生成草稿（第1版）")
    expect(clerk.locator("h1")).to_contain_text("少海街道2022年度报告")
    expect(clerk.locator("[data-testid=status]")).to_have_text("草稿")
    document = clerk.locator("article.doc")
    expect(document.locator("h2.doc-title")).to_have_text("少海街道关于2022年度法治政府建设工作情况的报告")
    # The figures come from the petitions, disputes and grid demo records, each linked to its source.
    for phrase in (
        "信访方面，全年受理登记信访事项",
        "矛盾纠纷方面，全年排查发现矛盾纠纷",
        "网格方面，全年网格事件",
    ):
        expect(document).to_contain_text(phrase)
    assert document.locator("a[href*='/figures/']").count() >= 10
    annex = clerk.locator("section:has(h2:text-is('附件：数据来源')) tbody tr")
    for label in ("受理登记信访事项", "受理矛盾纠纷", "网格事件"):
        row = annex.filter(has=clerk.locator(f"td[data-label=指标]:text-is('{label}')"))
        expect(row).to_have_count(1)
        expect(row.locator("a:text-is('记录列表')")).to_be_visible()
    todo_before = _todo_count(clerk)
    assert todo_before >= 2  # the parts without system data are marked, never made up
    expect(clerk.locator("[data-testid=todo]")).to_contain_text("高度重视，加强依法行政组织领导")
    shot(clerk, "report-02-draft")

    # A figure opens its provenance: value, period, unit, the ids it counts, and the records themselves.
    document.locator("a[href$='/figures/petitions.received/']").first.click()
    clerk.wait_for_url("**/figures/petitions.received/")
    expect(clerk.locator("h1")).to_contain_text("受理登记信访事项")
    facts = clerk.locator("dl.kv")
    expect(facts).to_contain_text("2022年（2022-01-01至2022-12-31）")
    expect(facts).to_contain_text("少海街道（含下级）")
    count = int(facts.locator("dt:text-is('记录数') + dd").inner_text())
    assert count > 0
    assert len(clerk.locator("p.ids").inner_text().split("、")) == count
    shot(clerk, "report-03-figure")
    clerk.click("a:text-is('在业务模块中查看（当前数据）')")
    clerk.wait_for_url("**/petitions/?indicator=received*")
    expect(clerk.locator("main .msg.info")).to_contain_text("受理登记信访事项")
    expect(clerk.locator(".pager")).to_contain_text(f"共 {count} 条")
    shot(clerk, "report-04-figure-records")

    # Edit one paragraph (组织领导): a new version, in the history, with the change shown.
    clerk.goto(report_url)
    clerk.click(".toolbar a:text-is('编辑')")
    clerk.wait_for_url("**/edit/")
    leadership = clerk.locator("textarea[name='s__measures.leadership']")
    expect(leadership).to_have_value(re.compile("【待填写"))
    leadership.fill(LEADERSHIP)
    shot(clerk, "report-05-edit")
    _save_edit(clerk, "填写组织领导部分")
    clerk.wait_for_url(report_url)
    expect(clerk.locator(".messages .msg.success")).to_have_text("已保存为第2版")
    expect(clerk.locator("#sec-measures\\.leadership")).to_contain_text(LEADERSHIP)
    assert _todo_count(clerk) == todo_before - 1
    clerk.click("a:text-is('版本历史（2）')")
    clerk.wait_for_url("**/versions/")
    rows = clerk.locator("tbody tr")
    expect(rows).to_have_count(2)
    latest = rows.filter(has_text="第2版")
    expect(latest).to_contain_text("当前")
    expect(latest).to_contain_text("李敏（信访办）")
    expect(latest).to_contain_text("填写组织领导部分")
    expect(latest.locator("td[data-label=修改的部分]")).to_have_text("1 处")
    shot(clerk, "report-06-versions")
    latest.locator("a:text-is('第2版')").click()
    clerk.wait_for_url("**/versions/2/")
    expect(clerk.locator("[data-testid=diff]")).to_contain_text("与第1版相比")
    expect(clerk.locator("[data-testid=diff]")).to_contain_text("高度重视，加强依法行政组织领导")

    # The leader may not finalise while parts are still to be written: refused, naming them.
    leader = login(browser, server, "leader", DESKTOP)
    leader.goto(report_url)
    expect(leader.locator(".toolbar a:text-is('编辑')")).to_have_count(
        0
    )  # leaders sign off, the office drafts
    _finalise(leader)
    expect(leader.locator(".messages .msg.error")).to_contain_text(
        f"尚有{todo_before - 1}处待填写或待核实，不能定稿"
    )
    expect(leader.locator("[data-testid=status]")).to_have_text("草稿")
    shot(leader, "report-07-finalise-refused")

    # So the office writes the remaining parts, as it would before sending the report up.
    clerk.goto(report_url)
    clerk.click(".toolbar a:text-is('编辑')")
    clerk.wait_for_url("**/edit/")
    for area in clerk.locator("form textarea").all():
        if any(mark in area.input_value() for mark in TODO_MARKS):
            key = area.get_attribute("name").removeprefix("s__")
            area.fill(WRITTEN.get(key, f"本部分已据实填写（{key}）。"))
    _save_edit(clerk, "补齐待填写内容")
    expect(clerk.locator(".messages .msg.success")).to_have_text("已保存为第3版")
    expect(clerk.locator("[data-testid=todo]")).to_have_count(0)
    shot(clerk, "report-08-complete")

    # The leader's page still shows 第2版: finalising what they have not read is refused.
    _finalise(leader)
    expect(leader.locator(".messages .msg.error")).to_contain_text("报告已有新版本（第3版），请阅后再定稿")
    expect(leader.locator("h1")).to_contain_text("第3版")
    _finalise(leader)
    expect(leader.locator(".messages .msg.success")).to_have_text("第3版已定稿，数据已冻结")
    expect(leader.locator("[data-testid=status]")).to_have_text("已定稿")
    expect(leader.locator("[data-testid=final]")).to_contain_text("王建国（党工委书记）")
    expect(leader.locator(".signature")).not_to_contain_text("草稿")
    with leader.expect_download() as download_info:
        leader.click("a:text-is('下载 .docx')")
    saved = tmp_path / "report.docx"
    download_info.value.save_as(saved)
    assert download_info.value.suggested_filename.endswith(".docx")
    assert saved.read_bytes()[:2] == b"PK"
    shot(leader, "report-09-final")
    leader.context.close()

    # Once final, the office can no longer edit it; the list shows who finalised which version.
    clerk.goto(report_url)
    expect(clerk.locator(".toolbar a:text-is('编辑')")).to_have_count(0)
    clerk.goto(f"{server.url}/reports/annual/?year=2022")
    row = clerk.locator("tbody tr", has_text="少海街道2022年度法治政府建设工作情况报告")
    expect(row.locator("td[data-label=状态]")).to_have_text("已定稿")
    expect(row.locator("td[data-label=定稿]")).to_contain_text("第3版 · 王建国（党工委书记）")
    shot(clerk, "report-10-list-final")
    clerk.context.close()


def _charts_drawn(page) -> None:
    """Wait until ECharts has drawn every chart and its bars have stopped growing (the animation ends),
    so that what is checked and photographed is the finished chart."""
    page.wait_for_selector("div.chart svg")
    page.wait_for_function(
        """() => {
            const charts = [...document.querySelectorAll('div.chart')];
            if (!charts.length || charts.some(c => !c.querySelector('svg path'))) return false;
            const now = charts.map(c => [...c.querySelectorAll('svg path')].map(p => p.getAttribute('d')).join()).join('|');
            const still = window.__chartsBefore === now;
            window.__chartsBefore = now;
            return still;
        }""",
        polling=250,
    )


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_dashboard_draws_charts_and_lists_alerts(browser, server, size):
    page = login(browser, server, "leader", DESKTOP if size == "desktop" else PHONE)
    page.goto(f"{server.url}/reports/")
    expect(page.locator("h1")).to_contain_text("领导驾驶舱")
    expect(page.locator("h1")).to_contain_text("少海街道")
    _charts_drawn(page)
    charts = page.locator("div.chart")
    assert charts.count() >= 1
    first = charts.first
    expect(first.locator("svg text").first).to_be_visible()
    assert first.evaluate("el => el.getBoundingClientRect().width") <= page.viewport_size["width"]
    # Each bar's value is written beside it, and the same numbers are in the table under the chart.
    table = page.locator("details.data").first
    table.locator("summary").click()
    expect(table.locator("tbody tr").first).to_be_visible()
    alerts = page.locator("[data-testid=alerts]")
    expect(alerts).to_be_visible()
    items = alerts.locator("li")
    assert items.count() >= 1
    expect(items.first.locator("a")).to_have_attribute("href", re.compile(r"^/"))
    expect(items.first.locator(".tag")).to_have_text(re.compile("逾期|督办|临期|到期"))
    assert page.evaluate("document.body.scrollWidth <= window.innerWidth + 1")
    shot(page, f"dashboard-{size}")
    # A tile opens the records it counts.
    tile = page.locator(".tile[data-code='petitions.received']")
    label = tile.locator(".label").inner_text()
    with page.expect_navigation():
        tile.locator("a.drill").click()
    assert "/reports/" not in page.url
    expect(page.locator("main .msg.info")).to_contain_text(f"指标“{label}”统计的记录")
    page.context.close()


def test_a_community_sees_only_its_own_units_on_the_dashboard(browser, server):
    page = login(browser, server, "community_a", DESKTOP)
    page.goto(f"{server.url}/reports/")
    expect(page.locator("h1")).to_contain_text("锦秋社区")
    choices = [c.strip("\u3000 ") for c in page.locator("select[name=unit] option").all_inner_texts()]
    assert choices[0] == "锦秋社区", choices
    assert "少海街道" not in choices and "湖滨社区" not in choices, choices
    assert all(c.startswith("锦秋社区") for c in choices), choices
    shot(page, "dashboard-community_a")
    response = page.goto(f"{server.url}/reports/?unit=SH")
    assert response.status == 404
    assert "少海街道" not in page.content()
    page.context.close()
