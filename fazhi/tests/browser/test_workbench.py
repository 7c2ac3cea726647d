"""Each persona in a real browser, on a phone-sized and a desktop-sized window."""

from __future__ import annotations

import pytest

from fazhi.tests.browser.conftest import DESKTOP, PHONE, login, shot

pytestmark = pytest.mark.browser

MENUS = {
    "leader": ({"我的待办", "组织机构"}, {"账号管理", "审计日志"}),
    "clerk": ({"我的待办", "组织机构"}, {"账号管理", "审计日志"}),
    "community_a": ({"我的待办", "组织机构"}, {"账号管理"}),
    "grid_a1": ({"我的待办", "站内信"}, {"账号管理", "审计日志", "角色与权限"}),
    "grid_b1": ({"我的待办"}, {"账号管理"}),
    "adviser": ({"我的待办", "个人设置"}, {"组织机构", "账号管理"}),
    "sysadmin": ({"账号管理", "组织机构"}, {"审计日志", "角色与权限"}),
    "secadmin": ({"角色与权限", "登录日志"}, {"审计日志"}),
    "auditor": ({"审计日志"}, {"账号管理", "组织机构"}),
}


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("name", sorted(MENUS))
def test_each_persona_logs_in_and_sees_the_menu_their_roles_allow(browser, server, name, size):
    page = login(browser, server, name, DESKTOP if size == "desktop" else PHONE)
    assert page.url.rstrip("/") == server.url, page.content()[:500]
    if size == "phone":
        page.click(".menu-toggle")
    labels = set(page.locator(".sidebar a").all_inner_texts())
    present, absent = MENUS[name]
    assert present <= labels, labels
    assert not (absent & labels), labels
    assert page.locator("h1").first.inner_text() == "我的待办"
    shot(page, f"home-{name}-{size}")
    page.context.close()


def test_the_outsider_cannot_open_the_other_communitys_unit_page(browser, server):
    page = login(browser, server, "community_a")
    page.goto(f"{server.url}/units/")
    page.click(".tree a:text-is('锦秋社区')")
    page.wait_for_url("**/units/*/")
    unit_url = page.url
    assert "锦秋社区" in page.locator("h1").inner_text()
    shot(page, "unit-community_a")
    page.context.close()
    outsider = login(browser, server, "grid_b1", PHONE)
    response = outsider.goto(unit_url)
    assert response.status == 404
    assert "不存在" in outsider.content()
    shot(outsider, "unit-outsider-404")
    outsider.context.close()


def test_the_system_administrator_manages_accounts_with_phones_masked(browser, server):
    page = login(browser, server, "sysadmin")
    page.goto(f"{server.url}/accounts/")
    assert "139****1001" in page.content()
    assert "13905431001" not in page.content()
    shot(page, "accounts-sysadmin")
    page.context.close()


def test_the_auditor_verifies_the_audit_chain(browser, server):
    page = login(browser, server, "auditor")
    page.goto(f"{server.url}/audit/")
    page.click("text=校验审计链")
    assert "审计链完整" in page.content()
    shot(page, "audit-auditor")
    page.context.close()


def test_exporting_a_list_gives_an_xlsx_of_the_filtered_rows(browser, server, tmp_path):
    import openpyxl

    page = login(browser, server, "community_a")
    page.goto(f"{server.url}/units/?kind=grid")
    page.click("[data-testid=export]")
    page.wait_for_url("**/jobs/**")
    assert page.locator("#job").get_attribute("data-status") == "succeeded"
    with page.expect_download() as download_info:
        page.click("text=下载结果")
    path = tmp_path / "units.xlsx"
    download_info.value.save_as(path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert {r[2] for r in rows[1:]} == {"SH-JQ-01", "SH-JQ-02", "SH-JQ-03"}
    shot(page, "export-job")
    page.context.close()


def test_an_import_with_one_bad_row_reports_it_and_writes_nothing(browser, server, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["名称", "类型", "编码", "上级编码", "电话", "户数"])
    ws.append(["锦秋社区第八网格", "网格", "SH-JQ-08", "SH-JQ", "", 420])
    ws.append(["锦秋社区第九网格", "网格", "SH-JQ-09", "SH-JQ", "", "很多"])
    source = tmp_path / "units.xlsx"
    wb.save(source)
    page = login(browser, server, "sysadmin", PHONE)
    page.goto(f"{server.url}/imports/org.units/")
    shot(page, "import-form-phone")
    page.set_input_files("input[name=file]", str(source))
    page.click("text=上传并导入")
    page.wait_for_url("**/jobs/**")
    assert page.locator("#job").get_attribute("data-status") == "failed"
    assert "未写入任何数据" in page.content()
    with page.expect_download() as download_info:
        page.click("[data-testid=errors-download]")
    errors = tmp_path / "errors.xlsx"
    download_info.value.save_as(errors)
    rows = list(openpyxl.load_workbook(errors).active.iter_rows(values_only=True))
    assert rows[0][-1] == "错误原因" and rows[1][2] == "SH-JQ-09" and "户数" in rows[1][-1]
    shot(page, "import-failed-phone")
    page.goto(f"{server.url}/units/?q=SH-JQ-08")
    assert "没有符合条件的单位" in page.content()
    page.context.close()
