"""The annual report and the monthly bulletin as GB/T 9704 .docx, through fazhi.core.documents.

The annual report follows the seed: title, opening, 一、… with run-in （一） headings, 附件说明, signature
and date, then the annex 数据来源 listing every figure cited, numbered in reading order, with its exact
value, period and definition, unit, number of records and the link to them. Text still to be written
(【待填写】/【待核实】) is highlighted in yellow so nobody sends a draft with holes in it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from fazhi.core.documents import CHAR_STYLE_BODY, OfficialDocument
from fazhi.reports.builder import Content, sections_of, visible_parts
from fazhi.reports.render import Segment, Snapshot, cited_codes, paragraphs, segments

ANNEX_NAME = "数据来源"
ANNEX_HEADERS = ["指标", "数值", "统计口径/期间", "单位", "记录数", "依据链接"]
ANNEX_WIDTHS_MM = (11, 30, 20, 33, 16, 14, 32)  # 序号 first; 156 mm, the GB/T 9704 type area
# A paragraph the author numbered "（一）进一步加强……。" is written as a run-in 楷体 heading like the seed's.
_NUMBERED = re.compile(r"^(（[一二三四五六七八九十]+）[^。；]{1,40}。)(.*)$")


def annex_rows(content: Content, figures: dict[str, Snapshot], *, base_url: str = "") -> list[list[Any]]:
    """One row per cited figure in reading order: 指标, 数值, 统计口径/期间, 单位, 记录数, 依据链接."""
    rows = []
    for code in cited_codes([s["text"] for s in sections_of(content)]):
        figure = figures.get(code)
        if figure is None or figure["value"] is None:
            continue
        scope = period_text(figure["period"])
        if figure.get("definition"):
            scope = f"{figure['definition']}；{scope}"
        link = figure["link"]
        rows.append(
            [
                figure["label"],
                figure["exact"],
                scope,
                figure["unit_name"],
                figure["record_count"],
                f"{base_url}{link}" if link.startswith("/") else link,
            ]
        )
    return rows


def period_text(period: dict[str, str]) -> str:
    """ "2022年（1月1日至12月31日）": the period's label and its first and last day."""
    start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
    if start.year == end.year:
        days = f"{start.month}月{start.day}日至{end.month}月{end.day}日"
    else:
        days = f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"
    return f"{period['label']}（{days}）"


def _write_segments(paragraph: Paragraph, parts: list[Segment], *, style: str | None = None) -> None:
    for segment in parts:
        run = paragraph.add_run(segment.text, style=style)
        if segment.kind == "todo":
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _body(doc: OfficialDocument, text: str, figures: dict[str, Snapshot]) -> None:
    numbered = _NUMBERED.match(text)
    if numbered:
        _run_in(doc, 2, numbered.group(1), numbered.group(2), figures, number=False)
        return
    paragraph = doc.paragraph("")
    _write_segments(paragraph, segments(text, figures))


def _run_in(
    doc: OfficialDocument, level: int, heading: str, text: str, figures: dict[str, Snapshot], *, number: bool
) -> None:
    parts = segments(text, figures) if text else []
    first, rest = (parts[0], parts[1:]) if parts else (None, [])
    paragraph = doc.heading(level, heading, number=number, run_in=first.text if first else "")
    if first is not None and first.kind == "todo":
        paragraph.runs[-1].font.highlight_color = WD_COLOR_INDEX.YELLOW
    _write_segments(paragraph, rest, style=CHAR_STYLE_BODY)


def annual_docx(
    content: Content,
    figures: list[Snapshot],
    *,
    signed_on: date,
    note: str = "",
    base_url: str = "",
    author: str = "",
) -> bytes:
    """The report as .docx bytes. `note` (e.g. "草稿，第3版，尚未定稿") is printed as the 附注."""
    by_code = {f["code"]: f for f in figures}
    doc = OfficialDocument(title=content["title"], addressee=content.get("addressee", ""), author=author)
    for text in paragraphs(content["opening"]["text"]):
        _body(doc, text, by_code)
    for part in visible_parts(content):
        if part["key"] == "opening":
            continue
        doc.heading(1, part["heading"], number=True)
        for section in part["sections"]:
            lines = paragraphs(section["text"])
            if section["heading"]:
                _run_in(doc, 2, section["heading"], lines[0] if lines else "", by_code, number=True)
                lines = lines[1:]
            for text in lines:
                _body(doc, text, by_code)
    rows = annex_rows(content, by_code, base_url=base_url)
    if rows:
        doc.attachments([ANNEX_NAME])
    doc.signature(
        issuer=content.get("issuer") or content["title"].split("关于", 1)[0], date=signed_on, note=note
    )
    if rows:
        doc.annex(title=ANNEX_NAME)
        table = doc.table(headers=ANNEX_HEADERS, rows=rows)
        # The value and count columns stay whole; names, periods and links wrap in what is left.
        for column, width in zip(table.columns, ANNEX_WIDTHS_MM, strict=True):
            for cell in column.cells:
                cell.width = Mm(width)
            column.width = Mm(width)
    return doc.to_bytes()


def bulletin_docx(bulletin: Any, *, issuer: str, signed_on: date, author: str = "") -> bytes:
    """每月通报: one ranked table per area (名次 best first; equal values share a place)."""
    doc = OfficialDocument(title=bulletin.title, author=author)
    doc.paragraph(bulletin.opening)
    if not bulletin.areas:
        doc.paragraph(bulletin.empty_text)
    for area in bulletin.areas:
        doc.heading(1, area.name, number=True)
        rows = []
        for indicator in area.indicators:
            for entry in indicator.entries:
                rows.append(
                    [
                        indicator.label,
                        entry.rank_text,
                        entry.unit_name,
                        entry.exact,
                        entry.record_count,
                    ]
                )
        doc.table(headers=["指标", "名次", bulletin.child_label, "数值", "记录数"], rows=rows, numbered=False)
    doc.signature(issuer=issuer, date=signed_on)
    return doc.to_bytes()
