"""Writing ledgers to .xlsx: the streamed export, the template with its 填写说明 sheet, the errors file.

Exports use openpyxl's write-only mode: each row goes to a temporary file as it is appended, so an
export of 100,000 rows holds one row in memory, not the sheet.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.core.ledgers.spec import TYPES, Column, Ledger, cells_of

Progress = Callable[[int, int | None], None]
Destination = str | os.PathLike[str] | IO[bytes]

PROGRESS_EVERY = 1000
RULES_SHEET = "填写说明"
ERRORS_HEADER = "错误原因"
_HEADER_FONT = Font(bold=True)
_REQUIRED_FONT = Font(bold=True, color="C00000")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_DATE_FORMAT = "yyyy-mm-dd"
_KEY_RULE = "用于识别同一条记录，同一文件内不能重复"
_TYPE_WIDTH = {"date": 12, "int": 10, "decimal": 12, "bool": 8}


def display_width(text: str) -> int:
    """Columns a text takes in Excel: CJK characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_width(column: Column) -> float:
    """A width fitting the header, the example and the type, between 8 and 50 characters."""
    if column.width is not None:
        return column.width
    widths = [display_width(column.header) + 4, _TYPE_WIDTH.get(column.type, 12)]
    if column.example not in (None, ""):
        widths.append(display_width(str(column.format(column.example))) + 2)
    if column.type == "choice":
        widths.append(max(display_width(label) for _, label in column.choices) + 4)
    if column.type == "text" and column.max_length:
        widths.append(min(column.max_length, 30))
    return float(min(max(max(widths), 8), 50))


def _safe(ws: Any, value: Any) -> Any:
    """A cell value that cannot turn into a formula and holds no character Excel rejects."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            # openpyxl writes "=..." as a formula: a name typed as =HYPERLINK(...) would run in the
            # reader's Excel (CSV/formula injection). Forcing the string type keeps it inert text.
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            return cell
    elif isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # Excel has no time zones; Column.format already localised
    return value


def _header_cells(ws: Any, headers: Sequence[str], required: Sequence[bool]) -> list[WriteOnlyCell]:
    cells = []
    for header, is_required in zip(headers, required, strict=True):
        cell = WriteOnlyCell(ws, value=header)
        cell.font = _REQUIRED_FONT if is_required else _HEADER_FONT
        cell.fill = _HEADER_FILL
        cells.append(cell)
    return cells


def _start_sheet(ws: Any, headers: Sequence[str], widths: Sequence[float], required: Sequence[bool]) -> None:
    # Widths and panes must be set before the first append: write-only mode emits them up front.
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.append(_header_cells(ws, headers, required))


def _finish_sheet(ws: Any, columns: int, rows: int) -> None:
    ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


def export_xlsx(
    ledger: Ledger,
    rows: Iterable[Any],
    dest: Destination,
    *,
    total: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Write `rows` (mappings by column key, or sequences in column order) to `dest` as they come.

    `progress(done, total)` is called every 1000 rows and at the end; `total` is only passed through.
    Returns the number of rows written.
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(ledger.sheet_title)
    columns = ledger.columns
    _start_sheet(ws, ledger.headers, [column_width(c) for c in columns], [c.required for c in columns])
    done = 0
    for row in rows:
        ws.append([_safe(ws, value) for value in cells_of(ledger, row)])
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
    _finish_sheet(ws, len(columns), done)
    wb.save(dest)
    if progress is not None:
        progress(done, total if total is not None else done)
    return done


def template_xlsx(ledger: Ledger, dest: Destination) -> None:
    """The import template: headers (required ones in red), one example row, drop-downs for choices,
    and a 填写说明 sheet giving every column's rule."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new Workbook always has its first sheet
    ws.title = ledger.sheet_title
    ws.freeze_panes = "A2"
    for index, column in enumerate(ledger.columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column_width(column)
        header = ws.cell(row=1, column=index, value=column.header)
        header.font = _REQUIRED_FONT if column.required else _HEADER_FONT
        header.fill = _HEADER_FILL
        example = ws.cell(row=2, column=index, value=_plain(column.format(column.example)))
        if column.type == "date":
            example.number_format = _DATE_FORMAT
        if column.type in ("choice", "bool"):
            labels = [label for _, label in column.choices] if column.type == "choice" else ["是", "否"]
            formula = '"' + ",".join(labels) + '"'
            # Excel caps an inline list at 255 characters and splits on commas; longer lists go
            # without a drop-down and rely on the 填写说明 sheet and import validation.
            if len(formula) <= 255 and not any("," in label or '"' in label for label in labels):
                validation = DataValidation(type="list", formula1=formula, allow_blank=not column.required)
                validation.error = f"“{column.header}”{column.describe()}"
                validation.errorTitle = "输入有误"
                ws.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}10000")
    rules = wb.create_sheet(RULES_SHEET)
    _rules_sheet(ledger, rules)
    wb.save(dest)


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _rules_sheet(ledger: Ledger, ws: Any) -> None:
    head = ["列名", "是否必填", "类型", "填写规则与可选值", "示例"]
    for index, (title, width) in enumerate(zip(head, [16, 10, 8, 60, 20], strict=True), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
        cell = ws.cell(row=1, column=index, value=title)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for row, column in enumerate(ledger.columns, start=2):
        example = column.format(column.example)
        values = [
            column.header,
            "必填" if column.required else "选填",
            TYPES[column.type],
            "；".join(
                filter(None, [column.describe(), _KEY_RULE if column.key in ledger.natural_key else ""])
            ),
            example.isoformat()
            if isinstance(example, dt.date)
            else _plain("" if example is None else str(example)),
        ]
        for index, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=index, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    notes = [
        "说明：",
        "1. 第一行为表头，按列名识别，列的顺序可以调整；红色列名为必填列。",
        f"2. 以{ledger.key_headers()}识别同一条记录：已存在的更新，不存在的新增；同一文件内不能重复。",
        "3. 导入时先逐行检查全部数据，只要有一行有误就不写入任何数据，并返回出错行及其错误原因。",
        "4. 空行会被跳过；单元格前后的空格会被去掉。",
    ]
    start = len(ledger.columns) + 3
    for offset, note in enumerate(notes):
        ws.cell(row=start + offset, column=1, value=note)


def write_errors(
    headers: Sequence[str], rows: Iterable[tuple[Sequence[Any], str]], dest: Destination, *, title: str
) -> None:
    """The failing rows with their original cells, under the file's own headers, plus 错误原因."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    all_headers = [*headers, ERRORS_HEADER]
    widths = [float(min(max(display_width(h) + 4, 10), 40)) for h in headers] + [60.0]
    _start_sheet(ws, all_headers, widths, [False] * len(headers) + [True])
    count = 0
    width = len(headers)
    for cells, reason in rows:
        values = list(cells[:width]) + [None] * (width - len(cells))
        ws.append([*(_safe(ws, _original(v)) for v in values), reason])
        count += 1
    _finish_sheet(ws, len(all_headers), count)
    wb.save(dest)


def _original(value: Any) -> Any:
    # calamine gives "" for an empty cell; an empty cell stays empty rather than an empty string.
    return None if value == "" else value
