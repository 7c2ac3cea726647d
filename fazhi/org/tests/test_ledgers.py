from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from fazhi.core import crypto
from fazhi.core.errors import Conflict, NotAllowed, ValidationFailed
from fazhi.core.ledgers import ERRORS_HEADER, export_xlsx, template_xlsx
from fazhi.core.models import AuditEntry
from fazhi.org import permissions as P
from fazhi.org.auth import password_expired
from fazhi.org.ledgers import ACCOUNTS, UNITS, creation_order
from fazhi.org.models import DataScope, Role, Unit, User
from fazhi.org.selectors import accounts_export_rows, units_export_rows
from fazhi.org.services import accounts_import, units_import
from fazhi.testing import persona, unit

UNIT_HEADERS = ["名称", "类型", "编码", "上级编码", "电话", "户数"]
ACCOUNT_HEADERS = ["用户名", "姓名", "所属单位编码", "角色", "手机号", "状态"]
INITIAL = "Chushi-2022-mima"


def xlsx(headers: list[str], *rows: list[Any]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def exported(ledger: Any, rows: Any) -> bytes:
    buffer = io.BytesIO()
    export_xlsx(ledger, rows, buffer)
    return buffer.getvalue()


def import_units(data: bytes, actor: str = "sysadmin") -> Any:
    return units_import(actor=persona(actor), file_bytes=data, filename="单位台账.xlsx")


def import_accounts(data: bytes, actor: str = "sysadmin", initial_password: str = INITIAL) -> Any:
    return accounts_import(
        actor=persona(actor), file_bytes=data, filename="账号台账.xlsx", initial_password=initial_password
    )


def parent_code(code: str) -> str:
    return Unit.objects.get_parent(unit(code)).code


NEW_UNITS = xlsx(
    UNIT_HEADERS,
    ["新阳社区第一网格", "grid", "SH-XY-01", "SH-XY", "", 300.0],  # its parent comes later in the file
    ["新阳社区", "社区", "SH-XY", "SH", "0543-8809000", None],
    ["新阳社区第二网格", "网格", "SH-XY-02", "SH-XY", "", 210],
    ["锦秋社区第四网格", "网格", "SH-JQ-04", "SH-JQ", "", 400],
    ["锦秋社区第一网格", "网格", "SH-JQ-01", "SH-JQ", "0543-8801200", 425],
)


# --- units ---------------------------------------------------------------------------------------


def test_importing_units_adds_them_under_their_parents_and_updates_the_rest(db):
    result = import_units(NEW_UNITS)
    assert result.ok, [str(e) for e in result.errors]
    assert (result.total, result.created, result.updated) == (5, 4, 1)
    assert parent_code("SH-XY") == "SH"
    assert parent_code("SH-XY-01") == "SH-XY"
    assert parent_code("SH-JQ-04") == "SH-JQ"
    assert parent_code("SH-XY-02") == "SH-XY"
    assert unit("SH-XY-01").households == 300
    assert unit("SH-XY").phone == "0543-8809000"
    assert unit("SH-JQ-01").households == 425


def test_the_tree_stays_consistent_after_an_import(db):
    import_units(NEW_UNITS)
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    descendants = Unit.objects.get_descendants(unit("SH-XY"))
    assert [u.code for u in descendants] == ["SH-XY-01", "SH-XY-02"]
    assert unit("SH").numchild == 10


def test_one_bad_unit_row_writes_nothing_and_names_the_row(db):
    before = Unit.objects.count()
    data = xlsx(
        UNIT_HEADERS,
        ["新阳社区", "社区", "SH-XY", "SH", "", None],
        ["新阳社区第一网格", "网格", "SH-XY-01", "SH-XY", "", 300],
        ["无主网格", "网格", "SH-NO-01", "SH-NO", "", 100],
    )
    result = import_units(data)
    assert not result.ok
    assert Unit.objects.count() == before
    assert [str(e) for e in result.errors] == [
        "第4行 “上级编码”：上级编码“SH-NO”不存在：上级单位须已存在或在本文件中列出"
    ]
    failing = CalamineWorkbook.from_object(io.BytesIO(result.errors_file)).get_sheet_by_index(0).to_python()
    assert failing[0][-1] == ERRORS_HEADER
    assert failing[1][2] == "SH-NO-01"
    assert not AuditEntry.objects.filter(action="org.units_import").exists()


def test_importing_the_same_units_file_twice_creates_nothing_the_second_time(db):
    first = import_units(NEW_UNITS)
    count = Unit.objects.count()
    second = import_units(NEW_UNITS)
    assert (first.created, second.created, second.updated) == (4, 0, 0)
    assert second.ok and Unit.objects.count() == count


def test_each_units_import_writes_one_audit_entry_with_its_counts(db):
    before = AuditEntry.objects.count()
    import_units(NEW_UNITS)
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("seq")
    assert (entry.action, entry.actor_name) == ("org.units_import", "sysadmin")
    assert entry.data == {"created": 4, "updated": 1, "total": 5}


def test_a_failure_while_writing_leaves_no_unit_and_no_audit_entry_behind(db, monkeypatch):
    from django.db import IntegrityError

    from fazhi.org import ledgers

    calls = []

    def flaky_add(parent, **fields):
        calls.append(fields["code"])
        if len(calls) == 3:
            raise IntegrityError("UNIQUE constraint failed: org_unit.code")
        return real_add(parent, **fields)

    real_add = ledgers.unit_add
    monkeypatch.setattr(ledgers, "unit_add", flaky_add)
    units, entries = Unit.objects.count(), AuditEntry.objects.count()
    with pytest.raises(Conflict, match="未写入任何数据"):
        import_units(NEW_UNITS)
    assert len(calls) == 3
    assert (Unit.objects.count(), AuditEntry.objects.count()) == (units, entries)
    assert unit("SH-JQ-01").households == 420


def test_the_unit_and_account_templates_import_into_the_demo_tree(db):
    for ledger, run in ((UNITS, import_units), (ACCOUNTS, import_accounts)):
        buffer = io.BytesIO()
        template_xlsx(ledger, buffer)
        result = run(buffer.getvalue())
        assert result.ok and result.created == 1, [str(e) for e in result.errors]
    assert unit("SH-JQ-04").households == 400
    assert User.objects.get(username="wangwu").unit.code == "SH-JQ"


def test_a_unit_cannot_go_under_a_kind_that_does_not_take_it(db):
    data = xlsx(UNIT_HEADERS, ["司法所网格", "网格", "SH-SFS-01", "SH-SFS", "", None])
    result = import_units(data)
    assert [str(e) for e in result.errors] == ["第2行 “类型”：“科室”下不能设立“网格”"]


def test_a_new_community_must_name_its_parent(db):
    result = import_units(xlsx(UNIT_HEADERS, ["孤岛社区", "社区", "SH-GD", "", "", None]))
    assert [str(e) for e in result.errors] == ["第2行 “上级编码”：新建社区、网格、科室必须填写上级编码"]


def test_units_whose_parents_form_a_cycle_are_refused(db):
    data = xlsx(
        UNIT_HEADERS,
        ["甲", "网格", "SH-A", "SH-B", "", None],
        ["乙", "网格", "SH-B", "SH-A", "", None],
    )
    result = import_units(data)
    assert not result.ok
    assert {e.line for e in result.errors if "循环" in e.reason} == {2, 3}


def test_creation_order_puts_parents_first_and_finds_cycles():
    depth, cyclic = creation_order({"c": "b", "b": "a", "a": "SH", "x": "y", "y": "x"})
    assert depth == {"a": 0, "b": 1, "c": 2}
    assert cyclic == {"x", "y"}


def test_an_import_does_not_change_a_units_kind_or_move_it(db):
    data = xlsx(
        UNIT_HEADERS,
        ["锦秋社区", "网格", "SH-JQ", "SH", "", None],
        ["锦秋社区第一网格", "网格", "SH-JQ-01", "SH-HB", "", None],
    )
    result = import_units(data)
    assert [str(e) for e in result.errors] == [
        "第2行 “类型”：不能通过导入修改单位类型（现为“社区”）",
        "第3行 “上级编码”：不能通过导入调整上级单位（现为“SH-JQ”），请在组织机构页面操作",
    ]
    assert parent_code("SH-JQ-01") == "SH-JQ"


@pytest.mark.parametrize("name", ["community_a", "grid_b1", "leader", "secadmin", "auditor"])
def test_importing_units_without_the_permission_is_refused_and_writes_nothing(db, name):
    before = Unit.objects.count()
    with pytest.raises(NotAllowed, match="维护组织机构"):
        import_units(NEW_UNITS, actor=name)
    assert Unit.objects.count() == before


def test_a_unit_administrator_cannot_import_under_or_over_units_outside_their_scope(db):
    role = Role.objects.create(
        code="community_admin",
        name="社区管理员",
        permissions=[P.UNITS_MANAGE],
        data_scope=DataScope.UNIT_AND_BELOW,
    )
    persona("community_a").roles.add(role)
    data = xlsx(
        UNIT_HEADERS,
        ["锦秋社区第四网格", "网格", "SH-JQ-04", "SH-JQ", "", None],
        ["湖滨社区第四网格", "网格", "SH-HB-04", "SH-HB", "", None],
        ["湖滨社区第一网格", "网格", "SH-HB-01", "", "", 1],
    )
    result = import_units(data, actor="community_a")
    assert [str(e) for e in result.errors] == [
        "第3行 “上级编码”：上级编码“SH-HB”不存在：上级单位须已存在或在本文件中列出",
        "第4行 “编码”：编码“SH-HB-01”已被其他单位使用",
    ]
    assert unit("SH-HB-01").households != 1


def test_a_community_clerk_exports_only_their_own_units(db):
    rows = list(units_export_rows(actor=persona("community_a")))
    assert [r["code"] for r in rows] == ["SH-JQ", "SH-JQ-01", "SH-JQ-02", "SH-JQ-03"]
    # The subdistrict above is outside the clerk's scope, so it is not named as the parent.
    assert rows[0]["parent_code"] == ""
    assert rows[1]["parent_code"] == "SH-JQ"


def test_a_unit_export_reimports_without_changes(db):
    data = exported(UNITS, units_export_rows(actor=persona("sysadmin")))
    result = import_units(data)
    assert result.ok, [str(e) for e in result.errors]
    assert (result.total, result.created, result.updated) == (Unit.objects.count(), 0, 0)


def test_a_unit_csv_saved_by_chinese_excel_imports(db):
    text = "编码,名称,类型,上级编码,户数\r\nSH-JQ-04,锦秋社区第四网格,网格,SH-JQ,380\r\n"
    result = units_import(actor=persona("sysadmin"), file_bytes=text.encode("gbk"), filename="单位.csv")
    assert result.ok and result.created == 1
    assert unit("SH-JQ-04").households == 380


# --- accounts ------------------------------------------------------------------------------------


NEW_ACCOUNTS = xlsx(
    ACCOUNT_HEADERS,
    ["wangwu", "王五", "SH-JQ", "社区工作人员、grid_worker", "139 0543 1234", "启用"],
    ["zhaoliu", "赵六", "SH-HB-02", "专职网格员", "", "停用"],
)


def test_accounts_import_creates_accounts_that_must_change_the_password_at_first_login(db):
    result = import_accounts(NEW_ACCOUNTS)
    assert result.ok, [str(e) for e in result.errors]
    assert (result.created, result.updated) == (2, 0)
    wangwu = User.objects.get(username="wangwu")
    assert wangwu.check_password(INITIAL)
    assert password_expired(wangwu)
    assert wangwu.unit.code == "SH-JQ"
    assert sorted(r.code for r in wangwu.roles.all()) == ["community_clerk", "grid_worker"]
    assert wangwu.is_active
    assert not User.objects.get(username="zhaoliu").is_active


def test_an_imported_phone_is_cleaned_and_findable_by_its_blind_index(db):
    import_accounts(NEW_ACCOUNTS)
    wangwu = User.objects.get(username="wangwu")
    assert wangwu.phone == "13905431234"
    assert User.objects.get(phone_index=crypto.blind_index("13905431234", purpose="phone")) == wangwu


def test_accounts_import_without_an_initial_password_is_refused_when_it_adds_accounts(db):
    with pytest.raises(ValidationFailed) as caught:
        import_accounts(NEW_ACCOUNTS, initial_password="")
    assert "initial_password" in caught.value.fields
    assert not User.objects.filter(username="wangwu").exists()


def test_a_weak_initial_password_is_reported_and_nothing_is_written(db):
    result = import_accounts(NEW_ACCOUNTS, initial_password="abc")
    assert not result.ok
    assert {e.line for e in result.errors} == {2, 3}
    assert all(e.reason.startswith("初始密码不能用于此账号") for e in result.errors)
    assert not User.objects.filter(username__in=["wangwu", "zhaoliu"]).exists()


def test_accounts_import_refuses_unknown_roles_and_combined_administrator_roles(db):
    data = xlsx(
        ACCOUNT_HEADERS,
        ["wangwu", "王五", "SH-JQ", "社区工作人员,村长", "", "启用"],
        ["zhaoliu", "赵六", "SH-DZB", "sysadmin、auditor", "", "启用"],
        ["sunqi", "孙七", "SH-JQ", "", "1390543", "启用"],
        ["zhouba", "周八", "SH-NOPE", "", "", "启用"],
    )
    result = import_accounts(data)
    assert [str(e) for e in result.errors] == [
        "第2行 “角色”：角色不存在：村长",
        "第3行 “角色”：系统、安全、审计管理员须由不同账号担任（三权分立），不能兼任：审计管理员、系统管理员",
        "第4行 “手机号”：格式不正确：应为11位手机号或带区号的固定电话",
        "第5行 “所属单位编码”：单位编码“SH-NOPE”不存在",
    ]
    assert not User.objects.filter(username__in=["wangwu", "zhaoliu", "sunqi", "zhouba"]).exists()


def test_accounts_import_updates_an_account_without_touching_its_password(db):
    before = persona("grid_a1")
    data = xlsx(ACCOUNT_HEADERS, ["grid_a1", "孙强", "SH-JQ-02", "专职网格员", "13905439999", "启用"])
    result = import_accounts(data)
    assert (result.created, result.updated) == (0, 1)
    after = persona("grid_a1")
    assert (after.display_name, after.unit.code, after.phone) == ("孙强", "SH-JQ-02", "13905439999")
    assert after.password == before.password
    assert not password_expired(after)


def test_exported_accounts_have_masked_phones_and_reimport_without_changes(db):
    rows = list(accounts_export_rows(actor=persona("sysadmin")))
    community_a = next(r for r in rows if r["username"] == "community_a")
    assert community_a["phone"] == "139****1003"
    assert community_a["roles"] == "社区工作人员"
    result = import_accounts(exported(ACCOUNTS, rows))
    assert result.ok, [str(e) for e in result.errors]
    assert (result.created, result.updated) == (0, 0)
    assert persona("community_a").phone == "13905431003"


def test_a_masked_phone_cannot_be_given_to_a_new_account(db):
    data = xlsx(ACCOUNT_HEADERS, ["wangwu", "王五", "SH-JQ", "", "139****1003", "启用"])
    result = import_accounts(data)
    assert [str(e) for e in result.errors] == [
        "第2行 “手机号”：脱敏号码只能原样保留已有号码，新号码请填写完整的11位号码"
    ]


def test_the_administrator_cannot_disable_their_own_account_by_import(db):
    data = xlsx(ACCOUNT_HEADERS, ["sysadmin", "系统管理员", "SH-DZB", "系统管理员", "", "停用"])
    result = import_accounts(data)
    assert [str(e) for e in result.errors] == ["第2行 “状态”：不能停用自己的账号"]
    assert persona("sysadmin").is_active


def test_importing_accounts_writes_one_audit_entry(db):
    import_accounts(NEW_ACCOUNTS)
    entries = list(AuditEntry.objects.filter(action="org.accounts_import"))
    assert [e.data for e in entries] == [{"created": 2, "updated": 0, "total": 2}]


@pytest.mark.parametrize("name", ["community_a", "grid_b1", "secadmin", "leader"])
def test_importing_accounts_needs_the_account_administrator(db, name):
    with pytest.raises(NotAllowed, match="管理账号"):
        import_accounts(NEW_ACCOUNTS, actor=name)
    assert not User.objects.filter(username="wangwu").exists()


def test_accounts_export_is_empty_for_a_community_clerk(db):
    assert list(accounts_export_rows(actor=persona("community_a"))) == []
