"""OfficialDocument: an official document built block by block, in reading order, as GB/T 9704-2012 lays it out."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from datetime import date

import docx
from django.utils import timezone
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph

from fazhi.core.documents.layout import (
    CHAR_STYLE_BODY,
    SIZE_4HAO,
    STYLE_ADDRESSEE,
    STYLE_ANNEX_LABEL,
    STYLE_ATTACHMENTS,
    STYLE_BODY,
    STYLE_CLOSING,
    STYLE_HEADINGS,
    STYLE_TABLE_CELL,
    STYLE_TABLE_HEADER,
    STYLE_TABLE_TITLE,
    STYLE_TITLE,
    TYPE_AREA_MM,
    set_indent,
    setup_document,
)
from fazhi.core.documents.numbering import format_date, heading_prefix, text_width

_ATTACHMENT_LABEL = "附件："
# A column asks for room for its longest text up to this many characters; longer text wraps.
_MAX_COLUMN_CHARS = 16.0
_MIN_WRAPPED_CHARS = 6.0  # a column whose text must wrap keeps at least this many characters a line
_CELL_PADDING_CHARS = 0.8  # Table Grid's 108-twip cell margins on both sides, in 4号 characters
_MM_PER_PT = 25.4 / 72


class OfficialDocument:
    """A GB/T 9704-2012 document: title, optional 主送机关, then blocks in the order they are added.

    `document` is the python-docx Document underneath, for the rare block this class does not offer.
    """

    def __init__(self, *, title: str, addressee: str = "", author: str = "") -> None:
        self.document = docx.Document()
        setup_document(self.document)
        self._heading_counts = [0, 0, 0, 0]
        self._title_lines(title)
        # §7.3.4: 主送机关 on the line after one blank line under the title, flush left, ending in "：".
        self._blank()
        if addressee:
            self.document.add_paragraph(addressee, style=STYLE_ADDRESSEE)
        props = self.document.core_properties
        now = timezone.now()
        props.title, props.author, props.last_modified_by = title.replace("\n", ""), author, author
        props.comments, props.language, props.created, props.modified = "", "zh-CN", now, now

    def paragraph(self, text: str) -> Paragraph:
        """A body paragraph: 3号仿宋, first line indented two characters (§7.3.4)."""
        return self.document.add_paragraph(text, style=STYLE_BODY)

    def heading(self, level: int, text: str, *, run_in: str = "", number: bool = False) -> Paragraph:
        """A heading of level 1–4; `number=True` prefixes 一、/（一）/1./（1） counted per level.

        With `run_in`, body text follows the heading in the same paragraph, as the seed report writes
        "（一）高度重视，加强依法行政组织领导。街道党工委……": the heading keeps its font, the rest is 仿宋.
        """
        if not 1 <= level <= len(STYLE_HEADINGS):
            raise ValueError(f"headings have levels 1–4, got {level}")
        self._heading_counts[level - 1] += 1
        for deeper in range(level, len(self._heading_counts)):
            self._heading_counts[deeper] = 0
        if number:
            text = heading_prefix(level, self._heading_counts[level - 1]) + text
        paragraph = self.document.add_paragraph(style=STYLE_HEADINGS[level - 1])
        paragraph.add_run(text)
        if run_in:
            paragraph.add_run(run_in, style=CHAR_STYLE_BODY)
            # A run-in heading is mostly body text; keeping it with the next paragraph would push whole
            # paragraphs to the next page.
            paragraph.paragraph_format.keep_with_next = False
        return paragraph

    def attachments(self, names: Sequence[str]) -> None:
        """附件说明 (§7.3.6): one blank line under the body, 左空二字, "附件：1.…", wrapped names aligned."""
        if not names:
            return
        self._blank()
        label = text_width(_ATTACHMENT_LABEL)
        for i, name in enumerate(names, start=1):
            number = f"{i}." if len(names) > 1 else ""
            width = text_width(number)
            paragraph = self.document.add_paragraph(
                (_ATTACHMENT_LABEL if i == 1 else "") + number + name, style=STYLE_ATTACHMENTS
            )
            # Hanging indents put every wrapped line under the first character of the name, and the
            # second and later numbers under the first.
            hanging = width + (label if i == 1 else 0)
            set_indent(paragraph._p.get_or_add_pPr(), left=2 + label + width, hanging=hanging)

    def signature(self, *, issuer: str, date: date, sealed: bool = True, note: str = "") -> None:
        """发文机关署名 and 成文日期 on the right (§7.3.5), and an optional 附注 below them (§7.3.7).

        Sealed (§7.3.5.1): the date 右空四字, the issuer centred over the date, two blank lines above for
        the seal. Unsealed (§7.3.5.2): the issuer 右空二字, the date starting two characters to its right,
        the issuer moving left when the date is longer, one blank line above.
        """
        date_text = format_date(date)
        issuer_width, date_width = text_width(issuer), text_width(date_text)
        if sealed:
            date_right = 4.0
            issuer_right = max(0.0, date_right + (date_width - issuer_width) / 2)
            blank_lines = 2
        else:
            issuer_right = max(2.0, 4 + date_width - issuer_width)
            date_right = issuer_right + issuer_width - 2 - date_width
            blank_lines = 1
        # §7.3.5.4: the signature and date never stand alone on a page; keeping the paragraph above with
        # them carries its last lines over when the closing would not fit.
        *_, last = self.document.iter_inner_content()
        if isinstance(last, Paragraph):
            last.paragraph_format.keep_with_next = True
        for _ in range(blank_lines):
            self._blank().paragraph_format.keep_with_next = True
        issuer_line = self.document.add_paragraph(issuer, style=STYLE_CLOSING)
        issuer_line.paragraph_format.keep_with_next = True
        set_indent(issuer_line._p.get_or_add_pPr(), right=issuer_right)
        date_line = self.document.add_paragraph(date_text, style=STYLE_CLOSING)
        set_indent(date_line._p.get_or_add_pPr(), right=date_right)
        if note:
            date_line.paragraph_format.keep_with_next = True
            self.document.add_paragraph(f"（{note}）", style=STYLE_BODY)

    def annex(self, *, title: str, label: str = "附件") -> None:
        """Start an annex on a new page (§8): the label 3号黑体 on line 1, its title centred on line 3."""
        label_line = self.document.add_paragraph(label, style=STYLE_ANNEX_LABEL)
        label_line.paragraph_format.page_break_before = True
        self._blank()
        self._title_lines(title)
        self._blank()

    def table(
        self,
        *,
        headers: Sequence[str],
        rows: Sequence[Sequence[object]],
        title: str = "",
        numbered: bool = True,
    ) -> Table:
        """A full-width table in 4号仿宋 with a 黑体 header row repeated on each page; rows numbered 序号."""
        columns = (["序号"] if numbered else []) + list(headers)
        cells = [
            ([str(i)] if numbered else []) + [_cell_text(value) for value in row]
            for i, row in enumerate(rows, start=1)
        ]
        for i, row_cells in enumerate(cells, start=1):
            if len(row_cells) != len(columns):
                raise ValueError(f"第{i}行有{len(row_cells)}列，表头有{len(columns)}列")
        if title:
            self.document.add_paragraph(title, style=STYLE_TABLE_TITLE)
        table = self.document.add_table(rows=1 + len(cells), cols=len(columns))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _repeat_as_header(table)
        for row, texts, style in zip(
            table.rows, [columns, *cells], [STYLE_TABLE_HEADER] + [STYLE_TABLE_CELL] * len(cells), strict=True
        ):
            for column, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                paragraph = cell.paragraphs[0]
                paragraph.style = style
                paragraph.add_run(text)
                if numbered and column == 0:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for column, width in enumerate(_column_widths(columns, cells)):
            table.columns[column].width = width
            for cell in table.columns[column].cells:
                cell.width = width
        return table

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def save(self, path: str | os.PathLike[str]) -> None:
        self.document.save(os.fspath(path))

    def _title_lines(self, title: str) -> Paragraph:
        """One centred 2号小标宋 paragraph; "\n" in the title breaks it into lines (§7.3.3 分一行或多行)."""
        paragraph = self.document.add_paragraph(style=STYLE_TITLE)
        for i, line in enumerate(title.split("\n")):
            run = paragraph.add_run()
            if i:
                run.add_break()
            run.add_text(line)
        return paragraph

    def _blank(self) -> Paragraph:
        return self.document.add_paragraph(style=STYLE_BODY)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def _repeat_as_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def _column_widths(columns: Sequence[str], cells: Sequence[Sequence[str]]) -> list[Mm]:
    """Fit the type-area width: short columns (序号, 数值, dates) whole, long text wrapping in what is left."""
    available = TYPE_AREA_MM[0] / (SIZE_4HAO * _MM_PER_PT)
    least = [text_width(header) + _CELL_PADDING_CHARS for header in columns]
    longest = [max(text_width(row[i]) for row in cells) if cells else 0.0 for i in range(len(columns))]
    wanted = [
        max(low, min(long, _MAX_COLUMN_CHARS) + _CELL_PADDING_CHARS)
        for low, long in zip(least, longest, strict=True)
    ]
    if sum(wanted) <= available:
        chars = [want * available / sum(wanted) for want in wanted]
    else:
        chars, remaining = [0.0] * len(columns), available
        order = sorted(range(len(columns)), key=wanted.__getitem__)
        for k, i in enumerate(order):
            later = order[k + 1 :]
            if remaining - wanted[i] < sum(max(least[j], _MIN_WRAPPED_CHARS) for j in later):
                share = sum(wanted[j] for j in order[k:])
                for j in order[k:]:
                    chars[j] = remaining * wanted[j] / share
                break
            chars[i], remaining = wanted[i], remaining - wanted[i]
    return [Mm(TYPE_AREA_MM[0] * c / available) for c in chars]
