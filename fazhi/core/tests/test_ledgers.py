from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook

from fazhi.core.errors import ValidationFailed
from fazhi.core.idcard import id_number_clean
from fazhi.core.ledgers import (
    ERRORS_HEADER,
    RULES_SHEET,
    CellError,
    Column,
    Ledger,
    RowError,
    export_xlsx,
    import_file,
    template_xlsx,
)

ID_OK = "11010519491231002X"
ID_BAD = "110105194912310021"  # the check digit should be X

PEOPLE = Ledger(
    "帮扶人员台账",
    [
        Column("code", "编号", max_length=20, example="BF-001"),
        Column("name", "姓名", required=True, max_length=20, example="张三"),
        Column("id_number", "身份证号", validator=id_number_clean, example=ID_OK, rule="18位，校验位须正确"),
        Column("since", "登记日期", type="date", example=dt.date(2022, 5, 1)),
        Column("sex", "性别", type="choice", choices=[("m", "男"), ("f", "女")], example="f"),
        Column("members", "家庭人数", type="int", example=3),
        Column("allowance", "补助金额", type="decimal", example=Decimal("350.50")),
        Column("party", "党员", type="bool", example=False),
    ],
    natural_key=("code",),
)
HEADERS = PEOPLE.headers


class Store:
    """An in-memory writer keyed by the natural key, as a real upsert would be."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Any]] = {}
        self.calls = 0

    def upsert(self, rows: list[dict[str, Any]]) -> tuple[int, int]:
        self.calls += 1
        created = updated = 0
        for row in rows:
            old = self.records.get(row["code"])
            if old is None:
                created += 1
            elif old != row:
                updated += 1
            self.records[row["code"]] = row
        return created, updated


def xlsx(rows: list[list[Any]], title: str = "Sheet") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def sheet_values(data: bytes, index: int = 0) -> list[list[Any]]:
    return CalamineWorkbook.from_object(io.BytesIO(data)).get_sheet_by_index(index).to_python()


def row(code: str = "BF-001", **over: Any) -> list[Any]:
    values = {
        "编号": code,
        "姓名": "张三",
        "身份证号": ID_OK,
        "登记日期": dt.date(2022, 5, 1),
        "性别": "女",
        "家庭人数": 3,
        "补助金额": 350.5,
        "党员": "否",
    }
    values.update({PEOPLE[k].header: v for k, v in over.items()})
    return [values[h] for h in HEADERS]


# --- declaration --------------------------------------------------------------------------------


def test_a_natural_key_must_name_a_declared_column():
    with pytest.raises(ValueError, match="natural_key"):
        Ledger("台账", [Column("a", "甲")], natural_key=("b",))


def test_two_columns_may_not_share_a_header():
    with pytest.raises(ValueError, match="列名“甲”重复"):
        Ledger("台账", [Column("a", "甲"), Column("b", "甲")], natural_key=("a",))


def test_a_choice_column_needs_its_choices():
    with pytest.raises(ValueError, match="choices"):
        Column("kind", "类型", type="choice")


def test_natural_key_columns_are_required_even_when_not_declared_so():
    assert PEOPLE["code"].required
    assert not PEOPLE["members"].required


# --- cell rules -------------------------------------------------------------------------------


def test_whole_number_floats_from_excel_become_ints_and_fractions_are_refused():
    members = PEOPLE["members"]
    assert members.parse(3.0) == 3
    assert members.parse(" 1,200 ") == 1200
    assert members.parse("3.0") == 3
    with pytest.raises(CellError, match="应为整数"):
        members.parse(3.5)
    with pytest.raises(CellError, match="应为整数"):
        members.parse("三")


def test_a_number_typed_into_a_text_column_reads_without_its_decimal_point():
    assert PEOPLE["code"].parse(13905431001.0) == "13905431001"


@pytest.mark.parametrize(
    "raw",
    [
        dt.date(2022, 5, 1),
        dt.datetime(2022, 5, 1, 9, 30),
        "2022-5-1",
        "2022/05/01",
        "2022年5月1日",
        "2022.5.1",
        "20220501",
        "2022-05-01 00:00:00",
        44682,  # the same day as an Excel serial number, when the cell lost its date format
    ],
)
def test_dates_are_read_in_the_forms_excel_and_people_write_them(raw):
    assert PEOPLE["since"].parse(raw) == dt.date(2022, 5, 1)


def test_an_impossible_date_is_named_as_such():
    with pytest.raises(CellError, match="“2022-2-30”不存在"):
        PEOPLE["since"].parse("2022-2-30")
    with pytest.raises(CellError, match="应为日期"):
        PEOPLE["since"].parse("五一")


def test_choices_accept_the_chinese_label_or_the_code():
    sex = PEOPLE["sex"]
    assert sex.parse("女") == "f"
    assert sex.parse(" f ") == "f"
    assert sex.parse("F") == "f"
    with pytest.raises(CellError, match="应为以下之一：男、女"):
        sex.parse("未知")


def test_booleans_accept_shi_and_fou():
    party = PEOPLE["party"]
    assert party.parse("是") is True
    assert party.parse("否") is False
    assert party.parse(1.0) is True
    with pytest.raises(CellError, match="应填“是”或“否”"):
        party.parse("也许")


def test_a_validator_message_names_the_rule_without_repeating_the_column():
    with pytest.raises(CellError) as caught:
        PEOPLE["id_number"].parse(ID_BAD)
    assert str(caught.value) == "校验位不正确（GB 11643 校验码）"


def test_text_longer_than_its_limit_is_refused_with_the_limit():
    with pytest.raises(CellError, match="不能超过20个字"):
        PEOPLE["name"].parse("张" * 21)


# --- export -------------------------------------------------------------------------------------


def people_records() -> list[dict[str, Any]]:
    return [
        {
            "code": "BF-001",
            "name": "张三",
            "id_number": ID_OK,
            "since": dt.date(2022, 5, 1),
            "sex": "f",
            "members": 3,
            "allowance": Decimal("350.5"),
            "party": True,
        },
        {
            "code": "BF-002",
            "name": "李四",
            "id_number": "",
            "since": None,
            "sex": "m",
            "members": None,
            "allowance": None,
            "party": False,
        },
    ]


def test_an_export_imports_back_to_the_same_values():
    buffer = io.BytesIO()
    export_xlsx(PEOPLE, people_records(), buffer)
    store = Store()
    result = import_file(PEOPLE, buffer.getvalue(), "帮扶人员台账.xlsx", upsert=store.upsert)
    assert result.ok, [str(e) for e in result.errors]
    assert (result.total, result.created, result.updated) == (2, 2, 0)
    assert list(store.records.values()) == people_records()


def test_an_export_has_chinese_headers_bold_and_frozen_real_dates_and_labels():
    buffer = io.BytesIO()
    export_xlsx(PEOPLE, people_records(), buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue()))["帮扶人员台账"]
    assert [c.value for c in ws[1]] == HEADERS
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width >= 8
    since = ws.cell(row=2, column=HEADERS.index("登记日期") + 1)
    assert since.is_date and since.value.date() == dt.date(2022, 5, 1)
    assert ws.cell(row=2, column=HEADERS.index("性别") + 1).value == "女"
    assert ws.cell(row=2, column=HEADERS.index("党员") + 1).value == "是"


def test_a_value_starting_with_an_equals_sign_is_exported_as_text_not_a_formula():
    buffer = io.BytesIO()
    export_xlsx(PEOPLE, [{"code": "X", "name": '=HYPERLINK("http://evil","点我")'}], buffer)
    cell = load_workbook(io.BytesIO(buffer.getvalue())).active.cell(row=2, column=2)
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")


def test_rows_may_also_be_given_as_sequences_in_column_order():
    buffer = io.BytesIO()
    export_xlsx(PEOPLE, [["BF-9", "王五", "", "2023-01-02", "m", 2, None, None]], buffer)
    assert sheet_values(buffer.getvalue())[1][:2] == ["BF-9", "王五"]


def test_an_export_of_100000_rows_pulls_them_one_at_a_time(tmp_path):
    small = Ledger(
        "大台账", [Column("code", "编号"), Column("day", "日期", type="date")], natural_key=("code",)
    )
    pulled = 0

    def rows():
        nonlocal pulled
        for i in range(100_000):
            pulled += 1
            yield {"code": f"R{i:06d}", "day": dt.date(2022, 1, 1)}

    seen: list[tuple[int, int | None, int]] = []
    path = tmp_path / "big.xlsx"
    written = export_xlsx(
        small, rows(), path, total=100_000, progress=lambda d, t: seen.append((d, t, pulled))
    )
    assert written == 100_000
    # Were the rows collected first, the first report would find all 100,000 pulled already.
    assert seen[0] == (1000, 100_000, 1000)
    assert all(pulled_then == done for done, _, pulled_then in seen)
    assert len(seen) == 101
    assert CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).height == 100_001


# --- template -------------------------------------------------------------------------------------


def test_the_template_has_the_headers_an_example_row_and_a_rules_sheet():
    buffer = io.BytesIO()
    template_xlsx(PEOPLE, buffer)
    wb = load_workbook(io.BytesIO(buffer.getvalue()))
    assert wb.sheetnames == ["帮扶人员台账", RULES_SHEET]
    ws = wb["帮扶人员台账"]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.cell(row=2, column=1).value == "BF-001"
    assert ws.cell(row=2, column=4).is_date
    assert ws.cell(row=2, column=5).value == "女"
    assert any("女" in v.formula1 for v in ws.data_validations.dataValidation)
    rules = {r[0]: r[1:] for r in sheet_values(buffer.getvalue(), 1)[1:] if r[0] in HEADERS}
    assert rules["编号"][0] == "必填"
    assert "同一文件内不能重复" in rules["编号"][2]
    assert rules["姓名"][2] == "不超过20个字"
    assert rules["性别"][2] == "可选值：男、女"
    assert rules["身份证号"][2] == "18位，校验位须正确"
    assert rules["登记日期"][1] == "日期"


def test_the_template_example_row_imports_cleanly():
    buffer = io.BytesIO()
    template_xlsx(PEOPLE, buffer)
    store = Store()
    result = import_file(PEOPLE, buffer.getvalue(), "模板.xlsx", upsert=store.upsert)
    assert result.ok and result.created == 1
    assert store.records["BF-001"]["since"] == dt.date(2022, 5, 1)
    assert store.records["BF-001"]["allowance"] == Decimal("350.5")


# --- import -----------------------------------------------------------------------------------------


def test_an_xlsx_imports_every_row_through_the_writer_once():
    data = xlsx([HEADERS, row("BF-001"), row("BF-002", name="李四", sex="m", members=4.0)])
    store = Store()
    result = import_file(PEOPLE, data, "a.xlsx", upsert=store.upsert)
    assert result.ok and (result.created, result.updated) == (2, 0)
    assert store.calls == 1
    assert store.records["BF-002"]["members"] == 4
    assert isinstance(store.records["BF-002"]["members"], int)
    assert store.records["BF-002"]["sex"] == "m"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_a_csv_imports_in_utf8_with_or_without_bom_and_in_gbk(encoding):
    text = "编号,姓名,性别,登记日期,家庭人数\r\nBF-001,张三,女,2022年5月1日,3\r\nBF-002,李四,男,2022/5/2,\r\n"
    store = Store()
    result = import_file(PEOPLE, text.encode(encoding), "台账.csv", upsert=store.upsert)
    assert result.ok, [str(e) for e in result.errors]
    assert store.records["BF-001"]["name"] == "张三"
    assert store.records["BF-002"]["since"] == dt.date(2022, 5, 2)
    assert store.records["BF-002"]["members"] is None


def test_headers_are_matched_by_name_in_any_order_and_absent_columns_stay_absent():
    data = xlsx([["姓名", " 编号 ", "性别*"], ["张三", "BF-001", "女"]])
    store = Store()
    assert import_file(PEOPLE, data, "a.xlsx", upsert=store.upsert).ok
    assert store.records["BF-001"] == {"name": "张三", "code": "BF-001", "sex": "f"}


def test_a_title_row_above_the_headers_is_skipped_and_lines_keep_excel_numbers():
    data = xlsx([["锦秋社区帮扶人员台账"], [], HEADERS, row("BF-001", name="")])
    result = import_file(PEOPLE, data, "a.xlsx", upsert=Store().upsert)
    assert [str(e) for e in result.errors] == ["第4行 “姓名”：不能为空"]


def test_unknown_and_missing_required_headers_are_named():
    data = xlsx([["编号", "备注", "电话"], ["BF-001", "", ""]])
    with pytest.raises(ValidationFailed) as caught:
        import_file(PEOPLE, data, "a.xlsx", upsert=Store().upsert)
    message = caught.value.message
    assert "缺少必填列“姓名”" in message
    assert "无法识别的列“备注”、“电话”" in message
    assert caught.value.fields == {"file": message}


def test_a_file_that_is_not_a_spreadsheet_is_refused_clearly():
    with pytest.raises(ValidationFailed, match="不是有效的 Excel 文件"):
        import_file(PEOPLE, b"hello", "a.xlsx", upsert=Store().upsert)
    with pytest.raises(ValidationFailed, match="只能导入 Excel 文件"):
        import_file(PEOPLE, b"hello", "a.pdf", upsert=Store().upsert)


def test_a_file_with_headers_only_is_refused():
    with pytest.raises(ValidationFailed, match="除表头外没有数据"):
        import_file(PEOPLE, xlsx([HEADERS, [None] * len(HEADERS)]), "a.xlsx", upsert=Store().upsert)


def test_empty_rows_are_skipped_and_whitespace_is_trimmed():
    data = xlsx([HEADERS, [], row("  BF-001 ", name=" 张三\u3000"), ["", "  ", None]])
    store = Store()
    result = import_file(PEOPLE, data, "a.xlsx", upsert=store.upsert)
    assert result.ok and result.total == 1
    assert store.records["BF-001"]["name"] == "张三"


def test_one_bad_row_writes_nothing_and_comes_back_with_its_reason():
    data = xlsx([HEADERS, row("BF-001"), row("BF-002"), row("BF-003"), row("BF-004", id_number=ID_BAD)])
    store = Store()
    result = import_file(PEOPLE, data, "a.xlsx", upsert=store.upsert)
    assert not result.ok
    assert store.calls == 0 and store.records == {}
    assert [str(e) for e in result.errors] == ["第5行 “身份证号”：校验位不正确（GB 11643 校验码）"]
    assert "未写入任何数据" in result.message
    values = sheet_values(result.errors_file)
    assert values[0] == [*HEADERS, ERRORS_HEADER]
    assert len(values) == 2
    failing = dict(zip(values[0], values[1], strict=True))
    assert failing["编号"] == "BF-004"
    assert failing["身份证号"] == ID_BAD
    assert failing["登记日期"] == dt.date(2022, 5, 1)
    assert failing[ERRORS_HEADER] == "第5行 “身份证号”：校验位不正确（GB 11643 校验码）"


def test_every_error_of_a_row_is_reported_together():
    data = xlsx([HEADERS, row("BF-001", name="", sex="其他", members=2.5)])
    result = import_file(PEOPLE, data, "a.xlsx", upsert=Store().upsert)
    assert [e.column for e in result.errors] == ["姓名", "性别", "家庭人数"]
    reason = sheet_values(result.errors_file)[1][-1]
    assert reason.startswith("第2行 “姓名”：不能为空；“性别”：应为以下之一")


def test_a_natural_key_repeated_in_the_file_is_an_error_naming_the_first_line():
    data = xlsx([HEADERS, row("BF-001"), row("BF-002"), row("BF-001", name="李四")])
    store = Store()
    result = import_file(PEOPLE, data, "a.xlsx", upsert=store.upsert)
    assert not result.ok and store.calls == 0
    assert [str(e) for e in result.errors] == ["第4行 “编号”：与第2行重复（同一条记录在文件中出现了两次）"]


def test_importing_the_same_file_twice_creates_nothing_the_second_time():
    data = xlsx([HEADERS, row("BF-001"), row("BF-002")])
    store = Store()
    first = import_file(PEOPLE, data, "a.xlsx", upsert=store.upsert)
    second = import_file(PEOPLE, data, "a.xlsx", upsert=store.upsert)
    assert (first.created, first.updated) == (2, 0)
    assert (second.created, second.updated) == (0, 0)
    assert len(store.records) == 2


def test_a_caller_check_adds_its_own_row_errors():
    def no_li(rows):
        return [RowError(r.line, "姓名", "不能姓李") for r in rows if r.values["name"].startswith("李")]

    data = xlsx([HEADERS, row("BF-001"), row("BF-002", name="李四"), row("BF-003", sex="x")])
    result = import_file(PEOPLE, data, "a.xlsx", upsert=Store().upsert, check=no_li)
    assert [str(e) for e in result.errors] == ["第3行 “姓名”：不能姓李", "第4行 “性别”：应为以下之一：男、女"]


def test_a_corrected_errors_file_imports_as_it_is():
    data = xlsx([HEADERS, row("BF-001"), row("BF-002", members="两")])
    store = Store()
    failed = import_file(PEOPLE, data, "a.xlsx", upsert=store.upsert)
    wb = load_workbook(io.BytesIO(failed.errors_file))
    ws = wb.active
    ws.cell(row=2, column=HEADERS.index("家庭人数") + 1, value=2)
    buffer = io.BytesIO()
    wb.save(buffer)
    fixed = import_file(PEOPLE, buffer.getvalue(), "a-错误.xlsx", upsert=store.upsert)
    assert fixed.ok and fixed.created == 1
    assert store.records["BF-002"]["members"] == 2


def test_import_reports_progress_up_to_the_total():
    seen: list[tuple[int, int | None]] = []
    data = xlsx([HEADERS, *(row(f"BF-{i:04d}") for i in range(2500))])
    import_file(PEOPLE, data, "a.xlsx", upsert=Store().upsert, progress=lambda d, t: seen.append((d, t)))
    assert [d for d, _ in seen] == [1000, 2000, 2500]
    assert seen[-1] == (2500, 2500)
