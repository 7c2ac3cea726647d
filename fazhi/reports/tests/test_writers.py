"""The report and the bulletin as .docx: GB/T 9704 page and styles, the seed's order, the annex rows."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from fazhi.core.documents import STYLE_BODY, STYLE_HEADINGS, STYLE_TITLE
from fazhi.reports import builder, writers
from fazhi.reports.bulletin import assemble
from fazhi.reports.tests.test_builder import draft, figures, section


def snaps(figs=None):
    return builder.snapshots(figures() if figs is None else figs, unit_name="少海街道")


@pytest.fixture(scope="module")
def report():
    content = draft()
    content["issuer"] = "少海街道办事处"
    data = writers.annual_docx(content, snaps(), signed_on=date(2023, 3, 20), note="草稿，第1版，尚未定稿")
    return docx.Document(io.BytesIO(data))


def texts(document):
    return [p.text for p in document.paragraphs]


def test_the_page_is_a4_with_the_gbt9704_margins(report):
    section_ = report.sections[0]
    assert (round(section_.page_width.mm), round(section_.page_height.mm)) == (210, 297)
    assert [round(m.mm, 1) for m in (section_.top_margin, section_.left_margin)] == [37.0, 28.0]


def test_title_opening_and_headings_use_the_official_styles(report):
    title = report.paragraphs[0]
    assert (title.text, title.style.name) == ("少海街道关于2022年度法治政府建设工作情况的报告", STYLE_TITLE)
    opening = next(p for p in report.paragraphs if p.text.startswith("2022年，少海街道坚持"))
    assert opening.style.name == STYLE_BODY
    level1 = [p.text for p in report.paragraphs if p.style.name == STYLE_HEADINGS[0]]
    assert level1 == [
        "一、推进法治政府建设的主要举措和成效",
        "二、党政主要负责人履行推进法治建设第一责任人职责情况",
        "三、推进法治政府建设存在的不足和原因",
        "四、2023年推进法治政府建设的主要安排",
    ]


def test_sections_are_run_in_kaiti_headings_followed_by_their_text(report):
    paragraph = next(p for p in report.paragraphs if p.text.startswith("（二）依法行政"))
    assert paragraph.style.name == STYLE_HEADINGS[1]
    assert paragraph.runs[0].text == "（二）依法行政，积极防范化解社会矛盾。"
    assert paragraph.text.endswith("信访方面，全年受理信访事项50多件，按期办结率97.4%。")


def test_text_still_to_be_written_is_highlighted(report):
    paragraph = next(p for p in report.paragraphs if p.text.startswith("（一）高度重视"))
    mark = paragraph.runs[-1]
    assert mark.text == "【待填写：本部分暂无系统数据，请据实填写】"
    assert mark.font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert paragraph.runs[0].font.highlight_color is None


def test_the_annex_lists_every_cited_figure_in_reading_order_with_its_provenance(report):
    assert "附件：数据来源" in texts(report)
    table = report.tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "指标", "数值", "统计口径/期间", "单位", "记录数", "依据链接"]
    assert rows[1:] == [
        [
            "1",
            "受理信访事项",
            "53件",
            "2022年（1月1日至12月31日）",
            "少海街道",
            "53",
            "/x/petitions.received/",
        ],
        [
            "2",
            "按期办结率",
            "97.4%",
            "2022年（1月1日至12月31日）",
            "少海街道",
            "50",
            "/x/petitions.on_time_rate/",
        ],
        [
            "3",
            "调处矛盾纠纷",
            "634件",
            "2022年（1月1日至12月31日）",
            "少海街道",
            "634",
            "/x/disputes.mediated/",
        ],
        [
            "4",
            "调解成功率",
            "100%",
            "2022年（1月1日至12月31日）",
            "少海街道",
            "634",
            "/x/disputes.success_rate/",
        ],
    ]


def test_the_signature_names_the_issuer_and_a_draft_says_it_is_one(report):
    all_text = texts(report)
    assert "少海街道办事处" in all_text and "2023年3月20日" in all_text
    assert "（草稿，第1版，尚未定稿）" in all_text


def test_a_paragraph_numbered_by_its_author_becomes_a_run_in_heading():
    content = draft()
    section(content, "plans.main")["text"] = (
        "（一）进一步加强法制宣传。继续加大学习培训力度。\n（二）健全工作制度。不断完善。"
    )
    document = docx.Document(io.BytesIO(writers.annual_docx(content, snaps(), signed_on=date(2023, 3, 1))))
    numbered = [p for p in document.paragraphs if p.text.startswith("（一）进一步")]
    assert numbered[0].style.name == STYLE_HEADINGS[1]
    assert numbered[0].runs[0].text == "（一）进一步加强法制宣传。"


def test_a_report_without_citations_has_no_annex():
    content = draft({})
    document = docx.Document(io.BytesIO(writers.annual_docx(content, [], signed_on=date(2023, 3, 1))))
    assert not document.tables
    assert not any(p.text.startswith("附件") for p in document.paragraphs)


def test_the_bulletin_is_an_official_document_with_ranked_tables():
    from fazhi.core.indicators import Figure, Period

    june = Period.month(2022, 6)
    bulletin = assemble(
        unit_id=1,
        unit_name="少海街道",
        period=june,
        child_label="社区",
        children=[
            (
                2,
                "锦秋社区",
                {"信访": [Figure("p.n", "受理信访事项", 3, "件", june, 2, record_ids=[1, 2, 3])]},
            ),
            (3, "湖滨社区", {"信访": [Figure("p.n", "受理信访事项", 5, "件", june, 3, record_ids=[4])]}),
        ],
    )
    data = writers.bulletin_docx(bulletin, issuer="少海街道办事处", signed_on=date(2022, 7, 5))
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "少海街道2022年6月法治建设工作情况通报"
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows == [
        ["指标", "名次", "社区", "数值", "记录数"],
        ["受理信访事项", "第1名", "湖滨社区", "5件", "1"],
        ["受理信访事项", "第2名", "锦秋社区", "3件", "3"],
    ]
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"
