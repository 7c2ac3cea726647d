"""GB/T 9704-2012 page, grid, named styles and page-number footers, applied to a python-docx Document.

Section numbers cited below are those of GB/T 9704-2012 《党政机关公文格式》.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.text.parfmt import CT_PPr
from docx.section import Section
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

# Type sizes in points (the Chinese 号 system): 2号 22, 3号 16, 4号 14.
SIZE_2HAO = 22.0
SIZE_3HAO = 16.0
SIZE_4HAO = 14.0

FONT_TITLE = "方正小标宋简体"  # §7.3.3 标题 2号小标宋体
FONT_FANGSONG = "仿宋_GB2312"  # §7.1 elements default to 3号仿宋体; 3rd and 4th heading levels too
FONT_HEITI = "黑体"  # §7.3.3 first heading level
FONT_KAITI = "楷体_GB2312"  # §7.3.3 second heading level
FONT_SONGTI = "宋体"  # §7.5 页码 4号半角宋体
FONT_LATIN = "Times New Roman"

STYLE_TITLE = "公文标题"
STYLE_BODY = "公文正文"
STYLE_ADDRESSEE = "主送机关"
STYLE_ATTACHMENTS = "附件说明"
STYLE_HEADINGS = ("一级标题", "二级标题", "三级标题", "四级标题")
STYLE_CLOSING = "公文落款"
STYLE_ANNEX_LABEL = "附件标识"
STYLE_TABLE_TITLE = "表格标题"
STYLE_TABLE_HEADER = "表格表头"
STYLE_TABLE_CELL = "表格正文"
STYLE_PAGE_NUMBER = "公文页码"
CHAR_STYLE_BODY = "正文字符"

# §5.1 A4; §5.2.1 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; §5.2.2 22 lines of 28 characters.
PAGE_MM = (210, 297)
MARGIN_TOP_MM = 37
MARGIN_LEFT_MM = 28
TYPE_AREA_MM = (156, 225)
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
# §7.5: the page number's dashes sit 7 mm below the type area. A 4号 dash is drawn about 3 mm above the
# footer's bottom edge (measured in a LibreOffice render), so the footer sits 35 − 7 − 3 = 25 mm up.
FOOTER_DISTANCE_MM = 25

_TWIPS_PER_PT = 20
# w:docGrid/@w:charSpace is in 1/4096 pt, added to the pitch of Normal's (3号) character.
_CHAR_SPACE_UNIT = 4096
_RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:lang")
_PPR_AFTER_AUTOSPACE = (
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:jc",
    "w:outlineLvl",
)
_PPR_AFTER_SNAP_TO_GRID = ("w:spacing", "w:ind", "w:contextualSpacing", "w:jc", "w:outlineLvl", "w:rPr")


@dataclass(frozen=True)
class _Style:
    name: str
    style_id: str  # ASCII ids: Word, WPS and LibreOffice all keep them; the Chinese name is what users see
    east_asia: str
    size: float = SIZE_3HAO
    latin: str = FONT_LATIN
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    first_line_chars: int = 0
    outline_level: int | None = None
    keep_next: bool = False
    # Word and LibreOffice add a gap between Chinese and Latin or digits; off where a line's width must be
    # known to place it (the issuer centred over the date).
    autospace: bool = True


def _heading(level: int, font: str) -> _Style:
    """Headings sit in the body's indent (空二字) and show in Word's navigation pane at their level."""
    return _Style(
        STYLE_HEADINGS[level - 1],
        f"GongwenHeading{level}",
        font,
        first_line_chars=2,
        outline_level=level - 1,
        keep_next=True,
    )


_CENTER, _LEFT, _RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
_STYLES = (
    _Style(STYLE_BODY, "GongwenBody", FONT_FANGSONG, first_line_chars=2),  # §7.3.4 每段首行缩进二字
    _Style(STYLE_TITLE, "GongwenTitle", FONT_TITLE, SIZE_2HAO, align=_CENTER),
    _Style(STYLE_ADDRESSEE, "GongwenAddressee", FONT_FANGSONG),  # §7.3.4 主送机关 居左顶格
    _Style(STYLE_ATTACHMENTS, "GongwenAttachments", FONT_FANGSONG),  # §7.3.6 hanging indents set per line
    _heading(1, FONT_HEITI),
    _heading(2, FONT_KAITI),
    _heading(3, FONT_FANGSONG),
    _heading(4, FONT_FANGSONG),
    _Style(STYLE_CLOSING, "GongwenClosing", FONT_FANGSONG, align=_RIGHT, autospace=False),  # §7.3.5
    _Style(STYLE_ANNEX_LABEL, "GongwenAnnexLabel", FONT_HEITI, align=_LEFT),  # §8 3号黑体顶格
    _Style(STYLE_TABLE_TITLE, "GongwenTableTitle", FONT_HEITI, align=_CENTER, keep_next=True),
    _Style(STYLE_TABLE_HEADER, "GongwenTableHeader", FONT_HEITI, SIZE_4HAO, align=_CENTER),
    _Style(STYLE_TABLE_CELL, "GongwenTableCell", FONT_FANGSONG, SIZE_4HAO, align=_LEFT),
    # §7.5 页码 4号半角宋体阿拉伯数字
    _Style(STYLE_PAGE_NUMBER, "GongwenPageNumber", FONT_SONGTI, SIZE_4HAO, latin=FONT_SONGTI, align=_RIGHT),
)


def setup_document(document: Document) -> None:
    """Apply the GB/T 9704 page, grid, defaults, named styles and odd/even page numbers to a new document."""
    section = document.sections[0]
    _page(section)
    _defaults(document)
    for spec in _STYLES:
        _add_paragraph_style(document, spec)
    char_style = document.styles.add_style(CHAR_STYLE_BODY, WD_STYLE_TYPE.CHARACTER)
    char_style.style_id = "GongwenBodyChar"
    set_fonts(char_style.element.get_or_add_rPr(), east_asia=FONT_FANGSONG, latin=FONT_LATIN)
    char_style.font.size = Pt(SIZE_3HAO)
    _page_numbers(document, section)


def grid_pitches(section: Section) -> tuple[int, int]:
    """(linePitch in twips, charSpace in 1/4096 pt) that fit exactly 22 lines and 28 3号 characters (§5.2.2)."""
    assert section.page_height and section.page_width and section.top_margin and section.bottom_margin
    assert section.left_margin and section.right_margin
    type_height = section.page_height.twips - section.top_margin.twips - section.bottom_margin.twips
    type_width = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    # Rounded down, so that 22 lines (28 characters) still fit in the type area rather than 21 (27).
    line_pitch = type_height // LINES_PER_PAGE
    char_pitch = type_width / _TWIPS_PER_PT / CHARS_PER_LINE
    return line_pitch, math.floor((char_pitch - SIZE_3HAO) * _CHAR_SPACE_UNIT)


def set_fonts(r_pr: CT_RPr, *, east_asia: str, latin: str) -> None:
    """Name the fonts explicitly; theme-font attributes would override the names, so they go."""
    r_fonts = r_pr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        r_fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr, value in (("ascii", latin), ("hAnsi", latin), ("eastAsia", east_asia), ("cs", latin)):
        r_fonts.set(qn(f"w:{attr}"), value)


def set_indent(
    p_pr: CT_PPr,
    *,
    size: float = SIZE_3HAO,
    first_line: float | None = None,
    left: float | None = None,
    right: float | None = None,
    hanging: float | None = None,
) -> None:
    """Indents counted in characters, as GB/T 9704 counts them (空二字), written as *Chars and as twips."""
    ind = p_pr.get_or_add_ind()
    for side, chars in (("firstLine", first_line), ("left", left), ("right", right), ("hanging", hanging)):
        if chars is not None:
            ind.set(qn(f"w:{side}Chars"), str(round(chars * 100)))
            ind.set(qn(f"w:{side}"), str(round(chars * size * _TWIPS_PER_PT)))


def set_snap_to_grid(p_pr: CT_PPr, *, on: bool) -> None:
    """Whether the paragraph follows the section's document grid (w:snapToGrid)."""
    for old in p_pr.findall(qn("w:snapToGrid")):
        p_pr.remove(old)
    snap = OxmlElement("w:snapToGrid", attrs={qn("w:val"): "1" if on else "0"})
    p_pr.insert_element_before(snap, *_PPR_AFTER_SNAP_TO_GRID)


def _page(section: Section) -> None:
    width, height = PAGE_MM
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(width - MARGIN_LEFT_MM - TYPE_AREA_MM[0])
    section.bottom_margin = Mm(height - MARGIN_TOP_MM - TYPE_AREA_MM[1])
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    line_pitch, char_space = grid_pitches(section)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.insert_element_before(grid, "w:printerSettings", "w:sectPrChange")
    grid.attrib.clear()
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(line_pitch))
    grid.set(qn("w:charSpace"), str(char_space))


def _defaults(document: Document) -> None:
    """Defaults and Normal: 3号仿宋, Chinese, exact 22-line spacing, 28 characters a line, no widow moves."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert r_pr is not None
    set_fonts(r_pr, east_asia=FONT_FANGSONG, latin=FONT_LATIN)
    for tag in ("w:sz", "w:szCs"):
        size = r_pr.find(qn(tag))
        if size is not None:
            size.set(qn("w:val"), str(int(SIZE_3HAO * 2)))
    lang = r_pr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    p_pr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    assert p_pr is not None
    line_pitch, char_space = grid_pitches(document.sections[0])
    for old in p_pr.findall(qn("w:spacing")):
        p_pr.remove(old)
    spacing = {qn("w:after"): "0", qn("w:line"): str(line_pitch), qn("w:lineRule"): "exact"}
    p_pr.append(OxmlElement("w:spacing", attrs=spacing))

    normal = document.styles["Normal"]
    normal_r_pr = normal.element.get_or_add_rPr()
    set_fonts(normal_r_pr, east_asia=FONT_FANGSONG, latin=FONT_LATIN)
    normal.font.size = Pt(SIZE_3HAO)  # the grid's character pitch is measured from Normal's size
    normal.paragraph_format.widow_control = False  # a widow moved down would leave a page of 21 lines
    # 28 characters of 3号 (16 pt) need a 15.79 pt pitch. Word squeezes them onto the character grid,
    # but LibreOffice gives a character wider than the pitch two cells (14 a line). So text stays off
    # the grid and is condensed instead, which fills 28 a line in Word, WPS and LibreOffice alike; the
    # section keeps its 22 × 28 grid, which is what Page Setup shows an office checking the format.
    # One twentieth of a point more than the arithmetic needs absorbs the layout engines' rounding.
    set_condensed(normal_r_pr, twips=math.ceil(-char_space / _CHAR_SPACE_UNIT * _TWIPS_PER_PT) + 1)
    set_snap_to_grid(normal.element.get_or_add_pPr(), on=False)


def _add_paragraph_style(document: Document, spec: _Style) -> None:
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = spec.style_id
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(spec.size)
    r_pr = style.element.get_or_add_rPr()
    set_fonts(r_pr, east_asia=spec.east_asia, latin=spec.latin)
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    if spec.keep_next:
        fmt.keep_with_next = True
    p_pr = style.element.get_or_add_pPr()
    if spec.first_line_chars:
        set_indent(p_pr, size=spec.size, first_line=spec.first_line_chars)
    if spec.size != SIZE_3HAO:
        set_condensed(r_pr, twips=0)  # only 3号 text has to fit the 28-character line
    if spec.size < SIZE_3HAO:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if spec.outline_level is not None:
        p_pr.get_or_add_outlineLvl().val = spec.outline_level
    if not spec.autospace:
        for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
            p_pr.insert_element_before(OxmlElement(tag, attrs={qn("w:val"): "0"}), *_PPR_AFTER_AUTOSPACE)


def set_condensed(r_pr: CT_RPr, *, twips: int) -> None:
    """Character spacing (w:spacing in rPr), condensed by `twips` twentieths of a point."""
    for old in r_pr.findall(qn("w:spacing")):
        r_pr.remove(old)
    spacing = OxmlElement("w:spacing", attrs={qn("w:val"): str(-twips)})
    r_pr.insert_element_before(spacing, *_RPR_AFTER_SPACING)


def _page_numbers(document: Document, section: Section) -> None:
    """§7.5: "— n —" in 4号宋体; odd pages right with one character right, even pages left with one left."""
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_paragraph(section.footer.paragraphs[0], align=WD_ALIGN_PARAGRAPH.RIGHT, right=1)
    _page_number_paragraph(section.even_page_footer.paragraphs[0], align=WD_ALIGN_PARAGRAPH.LEFT, left=1)


def _page_number_paragraph(
    paragraph: Paragraph, *, align: WD_ALIGN_PARAGRAPH, left: float | None = None, right: float | None = None
) -> None:
    paragraph.style = STYLE_PAGE_NUMBER
    paragraph.alignment = align
    set_indent(paragraph._p.get_or_add_pPr(), size=SIZE_4HAO, left=left, right=right)
    paragraph.add_run("— ")
    _page_field(paragraph)
    paragraph.add_run(" —")


def _page_field(paragraph: Paragraph) -> None:
    """A complex PAGE field (begin, instruction, separate, cached "1", end): Word, WPS and LibreOffice read it."""
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "begin"}))
    instruction = OxmlElement("w:instrText", attrs={qn("xml:space"): "preserve"})
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "separate"}))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "end"}))
