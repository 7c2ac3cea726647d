"""fazhi report annual / bulletin: the fixture year to .docx; bad input exits non-zero with one Chinese line."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.management import call_command

from fazhi import cli
from fazhi.reports import services
from fazhi.reports.tests.test_services import TODAY, fill_manual_sections
from fazhi.testing import persona, unit

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_annual_report_is_written_from_the_records_with_its_annex(world, tmp_path):
    out = tmp_path / "report.docx"
    printed = run("report_annual", "--year", "2022", "--unit", "少海街道", "--out", str(out))
    assert "引用数据4项" in printed
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "少海街道关于2022年度法治政府建设工作情况的报告"
    body = "\n".join(p.text for p in document.paragraphs)
    assert "受理信访事项50多件" in body and "调处矛盾纠纷630余件" in body
    rows = [[c.text for c in r.cells] for r in document.tables[-1].rows]
    assert [r[1] for r in rows[1:]] == [
        "受理信访事项",
        "按期办结率",
        "调处矛盾纠纷",
        "调解成功率",
    ]
    assert rows[1][3] == "按登记日期统计；2022年（1月1日至12月31日）"
    assert rows[1][6] == "/fake/petitions.received/?unit=SH&start=2022-01-01&end=2022-12-31"


def test_the_operator_sees_every_unit_and_a_named_account_only_its_own(world, tmp_path):
    out = tmp_path / "r.docx"
    run("report_annual", "--year", "2022", "--unit", "SH-JQ", "--out", str(out))
    assert world.calls[-1][1:] == ("operator", "SH-JQ")
    run("report_annual", "--year", "2022", "--unit", "SH", "--out", str(out), "--user", "clerk")
    assert world.calls[-1][1:] == ("clerk", "SH")


def test_a_year_without_records_still_writes_a_report_that_says_so(world, tmp_path):
    out = tmp_path / "empty.docx"
    printed = run("report_annual", "--year", "2015", "--unit", "SH", "--out", str(out))
    assert "系统中没有少海街道2015年度的业务记录" in printed
    assert "系统中没有少海街道2015年度的业务记录" in "\n".join(
        p.text for p in docx.Document(str(out)).paragraphs
    )


def test_the_finalised_version_is_exported_unchanged_after_the_data_moves(world, tmp_path):
    report = services.annual_report_create(
        actor=persona("clerk"), unit_id=unit("SH").pk, year=2022, today=TODAY
    )
    fill_manual_sections(report)
    services.annual_report_finalise(actor=persona("leader"), report_id=report.pk)
    world.set("SH", "petitions.received", 75, list(range(1, 76)))
    out = tmp_path / "final.docx"
    printed = run("report_annual", "--year", "2022", "--unit", "SH", "--out", str(out), "--final")
    assert "定稿版本（第2版）" in printed
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "受理信访事项50多件" in body and "尚未定稿" not in body
    printed = run("report_annual", "--year", "2022", "--unit", "SH", "--out", str(out))
    assert "已定稿（第2版）" in printed
    assert "受理信访事项70多件" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["report", "annual", "--year", "2022", "--unit", "火星街道", "--out", "x.docx"],
            "单位“火星街道”不存在或无权查看",
        ),
        (["report", "annual", "--year", "1999", "--unit", "SH", "--out", "x.docx"], "年度须在2000年"),
        (["report", "annual", "--year", "2022", "--unit", "SH", "--out", "/no/such/dir/x.docx"], "输出目录"),
        (["report", "annual", "--year", "2022", "--unit", "SH", "--out", "x.docx", "--final"], "尚未定稿"),
        (
            ["report", "annual", "--year", "2022", "--unit", "SH", "--out", "x.docx", "--user", "nobody"],
            "账号“nobody”不存在",
        ),
        (
            ["report", "bulletin", "--year", "2022", "--month", "13", "--unit", "SH", "--out", "b.docx"],
            "月份须在1至12之间",
        ),
        (
            ["report", "bulletin", "--year", "2022", "--month", "6", "--unit", "SH-JQ-01", "--out", "b.docx"],
            "不存在或无权查看",
        ),
    ],
)
def test_bad_input_exits_non_zero_with_one_chinese_line(world, tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert cli.main(args) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：") and message in err and "\n" not in err


def test_the_bulletin_ranks_each_community_for_the_month(world, tmp_path):
    out = tmp_path / "b.docx"
    printed = run(
        "report_bulletin", "--year", "2022", "--month", "6", "--unit", "少海街道", "--out", str(out)
    )
    assert "少海街道2022年6月法治建设工作情况通报" in printed
    document = docx.Document(str(out))
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    received = [r for r in rows if r[0] == "受理信访事项"]
    # 东城 and 荷香 have no records in the fixture module, so it reports nothing for them.
    assert [(r[1], r[2], r[3]) for r in received] == [
        ("第1名", "湖滨社区", "30件"),
        ("第2名", "锦秋社区", "12件"),
    ]
    rates = [r for r in rows if r[0] == "按期办结率"]
    assert [(r[1], r[2], r[3]) for r in rates] == [("第1名", "锦秋社区", "91.6%"), ("—", "湖滨社区", "—")]
