"""Reading an uploaded sheet row by row: .xlsx/.xls/.ods through python-calamine, .csv in UTF-8 or GBK.

Line numbers are the ones the user sees in Excel (the header is usually line 1), so an error's
"第5行" points at the right row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from python_calamine import CalamineWorkbook

from fazhi.core.errors import ValidationFailed
from fazhi.core.ledgers.spec import Ledger

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt"}
# A sheet may carry a title such as "锦秋社区单位台账" above its headers; look this far for them.
HEADER_SEARCH_ROWS = 10
_SPACES = re.compile(r"\s+")


def normalise_header(value: Any) -> str:
    """Header text as matched: no whitespace anywhere, no * marking a required column."""
    if value is None:
        return ""
    return _SPACES.sub("", str(value)).strip("*＊")


def is_empty(cells: list[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


@dataclass
class Sheet:
    """The header row found in a file and an iterator over its non-empty data rows as (line, cells)."""

    header_line: int
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    total: int | None


def read_sheet(ledger: Ledger, data: bytes, filename: str) -> Sheet:
    """Open `data` by the suffix of `filename`; raises ValidationFailed when the file cannot be read."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        lines, total = _spreadsheet_lines(ledger, data)
    elif suffix in CSV_SUFFIXES:
        lines, total = _csv_lines(data), None
    else:
        raise ValidationFailed.field("file", "只能导入 Excel 文件（.xlsx、.xls）或 CSV 文件（.csv）")
    return _split_header(ledger, lines, total)


def _spreadsheet_lines(ledger: Ledger, data: bytes) -> tuple[Iterator[tuple[int, list[Any]]], int]:
    try:
        workbook = CalamineWorkbook.from_object(io.BytesIO(data))
        names = workbook.sheet_names
        sheet = workbook.get_sheet_by_name(ledger.sheet_title if ledger.sheet_title in names else names[0])
    except Exception:  # calamine's error set is open-ended; any failure here means an unreadable file
        raise ValidationFailed.field(
            "file", "文件无法读取：不是有效的 Excel 文件，或已加密、已损坏"
        ) from None
    # calamine yields rows from the sheet's first line, so enumerate gives Excel's row numbers.
    return enumerate(sheet.iter_rows(), start=1), sheet.height


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")  # Excel's "Unicode 文本" export
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Chinese Excel saves CSV in the system code page (GBK); GB18030 is its superset.
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ValidationFailed.field("file", "无法识别文件编码：请将 CSV 另存为 UTF-8 或 GBK 编码") from None


def _csv_lines(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    text = _decode(data)
    end = text.find("\n")
    first = text if end < 0 else text[:end]  # not split(): that would copy the whole file once more
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    # Records, not physical lines: a quoted cell may span lines, and Excel shows it as one row.
    return enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1)


def _split_header(ledger: Ledger, lines: Iterator[tuple[int, list[Any]]], total: int | None) -> Sheet:
    known = set(ledger.headers)
    skipped: list[tuple[int, list[Any]]] = []
    header: tuple[int, list[Any]] | None = None
    for line, cells in lines:
        if is_empty(cells):
            continue
        if any(normalise_header(c) in known for c in cells):
            header = (line, cells)
            break
        skipped.append((line, cells))
        if len(skipped) >= HEADER_SEARCH_ROWS:
            break
    if header is None:
        if not skipped:
            raise ValidationFailed.field("file", f"文件是空的：第一行应为表头（{'、'.join(ledger.headers)}）")
        header = skipped[0]  # no known header anywhere: report this row's headers as unknown
    header_line, cells = header
    data_rows = ((line, cells) for line, cells in lines if not is_empty(cells))
    return Sheet(
        header_line=header_line,
        headers=[normalise_header(c) for c in cells],
        rows=data_rows,
        total=None if total is None else max(total - header_line, 0),
    )
