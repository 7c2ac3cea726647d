from __future__ import annotations

import pytest
from django.test import Client

from fazhi.core.models import AuditEntry
from fazhi.testing import COMMUNITY_A, PASSWORD, page_client, persona, totp_now, unit
from fazhi.workbench.services import notification_send

pytestmark = pytest.mark.django_db


def menu_labels(html: str) -> set[str]:
    import re

    aside = html.split('<aside class="sidebar"', 1)[1].split("</aside>", 1)[0]
    return set(re.findall(r'<a href="[^"]+" class="[^"]*">([^<]+)</a>', aside))


def test_logging_in_on_the_page_lands_on_my_todo_list():
    client = Client()
    response = client.post("/login/", {"username": "clerk", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "我的待办" in response.content.decode()


def test_a_wrong_password_shows_the_reason_beside_the_field():
    response = Client().post("/login/", {"username": "clerk", "password": "nope"})
    assert "用户名或密码错误" in response.content.decode()


def test_an_administrator_logs_in_with_the_totp_code():
    client = Client()
    response = client.post("/login/", {"username": "auditor", "password": PASSWORD})
    assert "请输入动态口令" in response.content.decode() or "6位动态口令" in response.content.decode()
    response = client.post(
        "/login/", {"username": "auditor", "password": PASSWORD, "otp": totp_now("auditor")}
    )
    assert response.status_code == 302
    assert client.get("/audit/").status_code == 200


@pytest.mark.parametrize(
    ("name", "present", "absent"),
    [
        ("grid_a1", {"我的待办", "组织机构"}, {"账号管理", "审计日志", "角色与权限"}),
        ("sysadmin", {"账号管理", "组织机构"}, {"审计日志", "角色与权限"}),
        ("secadmin", {"角色与权限", "登录日志"}, {"审计日志", "账号管理"}),
        ("auditor", {"审计日志"}, {"账号管理", "角色与权限", "组织机构"}),
    ],
)
def test_the_menu_shows_what_the_roles_allow(name, present, absent):
    labels = menu_labels(page_client(name).get("/").content.decode())
    assert present <= labels
    assert not (absent & labels)


def test_my_todo_list_has_a_plain_empty_state():
    assert "暂无待办事项" in page_client("grid_a1").get("/").content.decode()


def test_the_unread_count_shows_in_the_top_bar():
    notification_send(recipient=persona("clerk"), kind="system", title="测试消息")
    html = page_client("clerk").get("/").content.decode()
    assert 'data-testid="unread">1<' in html


def test_the_outsider_cannot_open_the_other_communitys_unit_page():
    assert page_client("grid_b1").get(f"/units/{unit(COMMUNITY_A).pk}/").status_code == 404
    assert page_client("community_a").get(f"/units/{unit(COMMUNITY_A).pk}/").status_code == 200


def test_the_unit_tree_shows_only_the_visible_part():
    html = page_client("community_a").get("/units/").content.decode()
    assert "锦秋社区第一网格" in html and "湖滨社区" not in html


def test_the_unit_list_sorts_only_by_whitelisted_columns():
    client = page_client("leader")
    assert client.get("/units/?sort=-households").status_code == 200
    assert client.get("/units/?sort=password").status_code == 200  # ignored, default order


def test_account_pages_are_for_the_system_administrator_only():
    assert page_client("leader").get("/accounts/").status_code == 404
    html = page_client("sysadmin").get("/accounts/").content.decode()
    assert "139****1001" in html and "13905431001" not in html


def test_creating_an_account_on_the_page_reports_a_weak_password_in_chinese():
    client = page_client("sysadmin")
    response = client.post("/accounts/new/", {"username": "x1", "display_name": "某某", "password": "abc"})
    assert "至少" in response.content.decode()


def test_revealing_a_phone_on_the_page_needs_a_purpose_and_is_audited():
    client = page_client("sysadmin")
    target = persona("leader")
    response = client.post(f"/accounts/{target.pk}/reveal-phone/", {"purpose": "核实"})
    assert response.status_code == 403  # the system administrator holds no reveal permission
    assert AuditEntry.objects.filter(action="core.pii_reveal", outcome="denied").exists()


def test_the_audit_page_verifies_the_chain():
    html = page_client("auditor").get("/audit/?verify=1").content.decode()
    assert "审计链完整" in html


def test_the_audit_page_is_refused_to_everyone_else():
    for name in ("leader", "sysadmin", "secadmin"):
        assert page_client(name).get("/audit/").status_code == 404


def test_a_missing_record_renders_a_chinese_page_not_a_trace():
    response = page_client("leader").get("/units/999999/")
    assert response.status_code == 404
    assert "不存在" in response.content.decode()


def test_the_admin_is_for_master_data_holders_and_themed_in_chinese():
    html = page_client("sysadmin").get("/admin/").content.decode()
    assert "法治平台 · 基础数据维护" in html and "节假日" in html
    assert page_client("clerk").get("/admin/").status_code == 302  # to the login page, like a stranger


def test_the_admin_login_page_hands_over_to_the_platform_login():
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_system_administrator_is_reminded_to_enter_next_years_holidays():
    from datetime import date

    from fazhi.workbench.calendar_todo import calendar_todo

    items = calendar_todo(persona("sysadmin"), date(2026, 11, 24))
    assert [i.title[:11] for i in items] == ["录入2027年节假日与"]
    assert calendar_todo(persona("sysadmin"), date(2026, 5, 1)) == []
    assert calendar_todo(persona("clerk"), date(2026, 11, 24)) == []
    assert calendar_todo(persona("sysadmin"), date(2025, 11, 24)) == []  # 2026 is known
