"""GB/T 9704-2012 format of generated documents, read back with python-docx and from the XML."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from fazhi.core.documents import (
    STYLE_ADDRESSEE,
    STYLE_ANNEX_LABEL,
    STYLE_BODY,
    STYLE_CLOSING,
    STYLE_HEADINGS,
    STYLE_PAGE_NUMBER,
    STYLE_TABLE_CELL,
    STYLE_TABLE_HEADER,
    STYLE_TITLE,
    OfficialDocument,
    cn_number,
    format_date,
    heading_prefix,
)

TITLE = "少海街道关于2022年度法治政府建设工作情况的报告"
OPENING = "2022年，少海街道坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想。"
RUN_IN = "街道党工委政府高度重视，将法治工作纳入2022年党工委政府年度工作计划中。"


def reopen(doc: OfficialDocument) -> Document:
    return docx.Document(io.BytesIO(doc.to_bytes()))


@pytest.fixture(scope="module")
def report() -> Document:
    doc = OfficialDocument(title=TITLE, addressee="县委、县政府：")
    doc.paragraph(OPENING)
    doc.heading(1, "推进法治政府建设的主要举措和成效", number=True)
    doc.heading(2, "高度重视，加强依法行政组织领导。", number=True, run_in=RUN_IN)
    doc.heading(3, "健全人民调解委员会", number=True)
    doc.heading(4, "锦秋社区“和事佬”", number=True)
    doc.attachments(["2022年度法治政府建设数据来源", "推进依法行政工作领导小组成员名单"])
    doc.signature(issuer="少海街道办事处", date=date(2023, 1, 5))
    doc.annex(title="2022年度法治政府建设数据来源")
    doc.table(
        headers=["指标", "数值", "来源"],
        rows=[
            ["发放法治宣传资料", "1000余份", "宣传活动台账"],
            ["接待法律咨询", "600余人次", "法律咨询台账"],
        ],
        title="表1 报告数字与台账对照",
    )
    return reopen(doc)


def paragraph_with(document: Document, text: str) -> Paragraph:
    return next(p for p in document.paragraphs if p.text.startswith(text))


def east_asia_font(run: Run, paragraph: Paragraph) -> str | None:
    """The eastAsia font a run shows: its own, then its character style's, then its paragraph style's chain."""
    elements = [run._r]
    style = run.style
    while style is not None:
        elements.append(style.element)
        style = style.base_style
    style = paragraph.style
    while style is not None:
        elements.append(style.element)
        style = style.base_style
    for element in elements:
        fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
    return None


def style_fonts(document: Document, name: str) -> dict[str, str | None]:
    fonts = document.styles[name].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts is not None
    return {attr: fonts.get(qn(f"w:{attr}")) for attr in ("ascii", "eastAsia")}


def indent(paragraph_or_style_element, attr: str) -> str | None:
    ind = paragraph_or_style_element.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    return None if ind is None else ind.get(qn(f"w:{attr}"))


def test_the_page_is_a4_with_the_gbt9704_margins(report):
    section = report.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.left_margin, section.right_margin, section.bottom_margin)
    assert [round(m.mm, 1) for m in margins] == [37.0, 28.0, 26.0, 35.0]


def test_the_document_grid_holds_22_lines_of_28_characters(report):
    section = report.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    type_height = section.page_height.twips - section.top_margin.twips - section.bottom_margin.twips
    line_pitch = int(grid.get(qn("w:linePitch")))
    assert 22 * line_pitch <= type_height < 23 * line_pitch
    assert line_pitch == 579  # 28.95 pt
    type_width_pt = (section.page_width.twips - section.left_margin.twips - section.right_margin.twips) / 20
    char_pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert 28 * char_pitch <= type_width_pt < 29 * char_pitch


def test_lines_are_spaced_exactly_at_the_grid_pitch(report):
    spacing = report.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}"
    )
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")


def test_3hao_text_is_condensed_just_enough_for_28_characters_a_line(report):
    normal = report.styles["Normal"].element
    condensed_pt = -int(normal.find(f"{qn('w:rPr')}/{qn('w:spacing')}").get(qn("w:val"))) / 20
    section = report.sections[0]
    type_width_pt = (section.page_width.twips - section.left_margin.twips - section.right_margin.twips) / 20
    assert 28 * (16 - condensed_pt) <= type_width_pt < 29 * (16 - condensed_pt)
    assert condensed_pt <= 0.5


def test_the_title_is_2hao_xiaobiaosong_centred(report):
    title = report.paragraphs[0]
    assert (title.text, title.style.name) == (TITLE, STYLE_TITLE)
    style = report.styles[STYLE_TITLE]
    assert style_fonts(report, STYLE_TITLE)["eastAsia"] == "方正小标宋简体"
    assert style.font.size == Pt(22)
    assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_the_addressee_follows_a_blank_line_flush_left(report):
    blank, addressee = report.paragraphs[1], report.paragraphs[2]
    assert blank.text == ""
    assert (addressee.text, addressee.style.name) == ("县委、县政府：", STYLE_ADDRESSEE)
    assert indent(report.styles[STYLE_ADDRESSEE].element, "firstLineChars") is None


def test_body_paragraphs_are_fangsong_3hao_indented_two_characters(report):
    body = paragraph_with(report, OPENING)
    assert body.style.name == STYLE_BODY
    assert style_fonts(report, STYLE_BODY) == {"ascii": "Times New Roman", "eastAsia": "仿宋_GB2312"}
    assert report.styles[STYLE_BODY].font.size == Pt(16)
    style = report.styles[STYLE_BODY].element
    assert (indent(style, "firstLineChars"), indent(style, "firstLine")) == ("200", "640")


@pytest.mark.parametrize(
    ("level", "font", "text"),
    [
        (1, "黑体", "一、推进"),
        (2, "楷体_GB2312", "（一）高度重视"),
        (3, "仿宋_GB2312", "1.健全"),
        (4, "仿宋_GB2312", "（1）锦秋"),
    ],
)
def test_heading_levels_have_their_named_style_font_and_prefix(report, level, font, text):
    name = STYLE_HEADINGS[level - 1]
    assert paragraph_with(report, text).style.name == name
    assert style_fonts(report, name)["eastAsia"] == font
    assert report.styles[name].font.size == Pt(16)
    outline = report.styles[name].element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    assert outline.get(qn("w:val")) == str(level - 1)


def test_a_run_in_heading_is_kaiti_followed_by_fangsong_body_text(report):
    paragraph = paragraph_with(report, "（一）高度重视")
    heading, body = paragraph.runs
    assert (heading.text, body.text) == ("（一）高度重视，加强依法行政组织领导。", RUN_IN)
    assert east_asia_font(heading, paragraph) == "楷体_GB2312"
    assert east_asia_font(body, paragraph) == "仿宋_GB2312"


def test_numbered_headings_count_per_level_and_restart_under_a_new_parent():
    doc = OfficialDocument(title="测试")
    for level, text in [(1, "甲"), (2, "乙"), (2, "丙"), (1, "丁"), (2, "戊"), (3, "己")]:
        doc.heading(level, text, number=True)
    texts = [p.text for p in reopen(doc).paragraphs[2:]]
    assert texts == ["一、甲", "（一）乙", "（二）丙", "二、丁", "（一）戊", "1.己"]


def test_odd_and_even_pages_have_their_own_footers(report):
    assert report.settings.odd_and_even_pages_header_footer
    section = report.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert (odd.alignment, indent(odd._p, "rightChars")) == (WD_ALIGN_PARAGRAPH.RIGHT, "100")
    assert (even.alignment, indent(even._p, "leftChars")) == (WD_ALIGN_PARAGRAPH.LEFT, "100")


@pytest.mark.parametrize("which", ["footer", "even_page_footer"])
def test_page_numbers_are_a_page_field_between_em_dashes(report, which):
    paragraph = getattr(report.sections[0], which).paragraphs[0]
    pieces = []
    for r in paragraph._p.iter(qn("w:r")):
        for child in r:
            if child.tag == qn("w:t"):
                pieces.append(child.text)
            elif child.tag == qn("w:fldChar"):
                pieces.append(child.get(qn("w:fldCharType")))
            elif child.tag == qn("w:instrText"):
                pieces.append(child.text.strip())
    assert pieces == ["— ", "begin", "PAGE", "separate", "1", "end", " —"]


def test_page_numbers_are_songti_4hao(report):
    paragraph = report.sections[0].footer.paragraphs[0]
    assert paragraph.style.name == STYLE_PAGE_NUMBER
    assert style_fonts(report, STYLE_PAGE_NUMBER) == {"ascii": "宋体", "eastAsia": "宋体"}
    assert report.styles[STYLE_PAGE_NUMBER].font.size == Pt(14)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2023, 1, 5), "2023年1月5日"),
        (date(2022, 12, 31), "2022年12月31日"),
        (datetime(2022, 12, 31, 20, 0, tzinfo=UTC), "2023年1月1日"),  # already 1 January in Asia/Shanghai
    ],
)
def test_dates_are_written_in_arabic_numerals_without_zero_padding(value, text):
    assert format_date(value) == text


def test_the_sealed_date_sits_four_characters_from_the_right_under_the_centred_issuer(report):
    date_line = paragraph_with(report, "2023年1月5日")
    issuer = paragraph_with(report, "少海街道办事处")
    assert date_line.style.name == issuer.style.name == STYLE_CLOSING
    assert report.styles[STYLE_CLOSING].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert indent(date_line._p, "rightChars") == "400"
    # The date is 6 characters wide (six half-width digits, 年月日), the issuer 7: centred over the date,
    # the issuer's right edge is half a character further right.
    assert indent(issuer._p, "rightChars") == "350"


def test_an_unsealed_issuer_sits_two_characters_from_the_right_and_the_date_two_characters_in():
    doc = OfficialDocument(title="测试")
    doc.paragraph("正文。")
    doc.signature(issuer="少海街道综合治理中心", date=date(2023, 1, 5), sealed=False)
    document = reopen(doc)
    issuer, date_line = document.paragraphs[-2:]
    assert indent(issuer._p, "rightChars") == "200"
    # The issuer (10 characters) starts 12 from the right; the date (6) starts two to the right of it.
    assert indent(date_line._p, "rightChars") == "400"


def test_the_attachment_note_aligns_numbers_and_wrapped_names(report):
    first = paragraph_with(report, "附件：1.")
    second = paragraph_with(report, "2.推进")
    starts = [int(indent(p._p, "leftChars")) - int(indent(p._p, "hangingChars")) for p in (first, second)]
    # "附件：1." starts two characters in; "2." starts under "1.", three characters (附件：) further.
    assert starts == [200, 500]
    assert indent(first._p, "leftChars") == indent(second._p, "leftChars")


def test_the_annex_starts_a_new_page_with_its_label_and_title(report):
    paragraphs = report.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == "附件")
    label, title = paragraphs[index], paragraphs[index + 2]
    assert label.style.name == STYLE_ANNEX_LABEL
    assert label.paragraph_format.page_break_before
    assert style_fonts(report, STYLE_ANNEX_LABEL)["eastAsia"] == "黑体"
    assert (title.text, title.style.name) == ("2022年度法治政府建设数据来源", STYLE_TITLE)


def test_the_table_numbers_its_rows_and_repeats_its_header_on_each_page(report):
    table = report.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["序号", "指标", "数值", "来源"],
        ["1", "发放法治宣传资料", "1000余份", "宣传活动台账"],
        ["2", "接待法律咨询", "600余人次", "法律咨询台账"],
    ]
    assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert table.rows[0].cells[1].paragraphs[0].style.name == STYLE_TABLE_HEADER
    assert table.rows[1].cells[1].paragraphs[0].style.name == STYLE_TABLE_CELL
    assert style_fonts(report, STYLE_TABLE_HEADER)["eastAsia"] == "黑体"
    assert style_fonts(report, STYLE_TABLE_CELL)["eastAsia"] == "仿宋_GB2312"
    assert report.styles[STYLE_TABLE_CELL].font.size == Pt(14)
    assert sum(column.width.mm for column in table.columns) == pytest.approx(156, abs=0.5)


def test_short_table_columns_stay_on_one_line_and_long_text_wraps_in_the_rest():
    doc = OfficialDocument(title="测试")
    source = "信访登记：2022年度全部登记记录中去向为进京、赴省的记录，按登记日期统计，不含重复件"
    table = doc.table(
        headers=["指标", "数值", "来源", "统计日期"],
        rows=[["进京赴省上访", "0件", source, date(2022, 12, 31)]],
    )
    widths_in_4hao_chars = [column.width.pt / 14 for column in table.columns]
    number, indicator, value, _, day = widths_in_4hao_chars
    assert number > 2 and value > 2 and day > 7  # 序号, "0件", "2022年12月31日" each on one line
    assert indicator > 6
    assert table.rows[1].cells[4].text == "2022年12月31日"


def test_the_text_above_the_signature_is_kept_on_its_page(report):
    paragraphs = report.paragraphs
    issuer = next(i for i, p in enumerate(paragraphs) if p.text == "少海街道办事处")
    assert [p.text for p in paragraphs[issuer - 2 : issuer]] == ["", ""]  # room for the seal
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[issuer - 3 : issuer + 1])


def test_a_table_row_of_the_wrong_length_is_refused():
    doc = OfficialDocument(title="测试")
    with pytest.raises(ValueError, match="第2行有2列，表头有3列"):
        doc.table(headers=["指标", "数值"], rows=[["甲", "1"], ["乙"]])


def test_the_file_carries_the_title_and_no_generator_boilerplate(tmp_path):
    doc = OfficialDocument(title=TITLE, author="少海街道办事处")
    path = tmp_path / "report.docx"
    doc.save(path)
    props = docx.Document(str(path)).core_properties
    assert (props.title, props.author, props.comments) == (TITLE, "少海街道办事处", "")


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "零"),
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1010, "一千零一十"),
    ],
)
def test_cn_number_writes_chinese_numerals(n, text):
    assert cn_number(n) == text


@pytest.mark.parametrize(
    ("level", "n", "prefix"), [(1, 3, "三、"), (2, 11, "（十一）"), (3, 2, "2."), (4, 12, "（12）")]
)
def test_heading_prefix_follows_the_four_levels(level, n, prefix):
    assert heading_prefix(level, n) == prefix


@pytest.mark.parametrize(("level", "n"), [(0, 1), (5, 1), (1, 0)])
def test_heading_prefix_refuses_levels_and_numbers_out_of_range(level, n):
    with pytest.raises(ValueError):
        heading_prefix(level, n)
