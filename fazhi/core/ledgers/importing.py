"""Importing a ledger: read every row, validate every row, then write all rows or none.

The caller supplies `upsert(rows) -> (created, updated)`, which writes by natural key (so the same
file imported twice changes nothing the second time), and holds the transaction around the call.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from fazhi.core.errors import ValidationFailed
from fazhi.core.ledgers.reading import Sheet, read_sheet
from fazhi.core.ledgers.spec import CellError, Column, Ledger
from fazhi.core.ledgers.xlsx import ERRORS_HEADER, PROGRESS_EVERY, Progress, write_errors

Upsert = Callable[[list[dict[str, Any]]], tuple[int, int]]


@dataclass(frozen=True, slots=True)
class RowError:
    """One broken rule in one row: `line` as Excel numbers it, `column` the header ("" for the row)."""

    line: int
    column: str
    reason: str

    @property
    def detail(self) -> str:
        return f"“{self.column}”：{self.reason}" if self.column else self.reason

    def __str__(self) -> str:
        return f"第{self.line}行 {self.detail}"


@dataclass(slots=True)
class Row:
    """A row that passed the column rules: its line and its typed values by column key.

    Columns missing from the file are missing from `values`, so a writer leaves those fields alone.
    """

    line: int
    values: dict[str, Any]


Check = Callable[[list[Row]], Iterable[RowError]]


@dataclass(frozen=True)
class ImportResult:
    ok: bool
    total: int
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    errors_file: bytes | None = None

    @property
    def message(self) -> str:
        if self.ok:
            unchanged = self.total - self.created - self.updated
            return (
                f"导入完成：共{self.total}行，新增{self.created}条，更新{self.updated}条，未变{unchanged}条"
            )
        failing = len({e.line for e in self.errors})
        return (
            f"导入未执行：共{self.total}行，其中{failing}行有误，未写入任何数据。请按“错误原因”修改后重新导入"
        )


def map_headers(ledger: Ledger, headers: Sequence[str]) -> list[tuple[int, Column]]:
    """(cell index, column) for each header of the file; raises naming unknown and missing headers."""
    by_header = {column.header: column for column in ledger.columns}
    found: dict[str, tuple[int, Column]] = {}
    unknown: list[str] = []
    repeated: list[str] = []
    for index, header in enumerate(headers):
        if not header or header == ERRORS_HEADER:  # 错误原因: a corrected errors file imports as is
            continue
        column = by_header.get(header)
        if column is None:
            unknown.append(header)
        elif column.key in found:
            repeated.append(header)
        else:
            found[column.key] = (index, column)
    problems = []
    missing = [column.header for column in ledger.columns if column.required and column.key not in found]
    if missing:
        problems.append("缺少必填列" + "、".join(f"“{h}”" for h in missing))
    if unknown:
        problems.append(
            "有无法识别的列"
            + "、".join(f"“{h}”" for h in unknown)
            + f"（本台账的列为：{'、'.join(by_header)}）"
        )
    if repeated:
        problems.append("列重复" + "、".join(f"“{h}”" for h in repeated))
    if problems:
        raise ValidationFailed.field("file", "表头有误：" + "；".join(problems))
    return sorted(found.values(), key=lambda pair: pair[0])


def import_file(
    ledger: Ledger,
    data: bytes,
    filename: str,
    *,
    upsert: Upsert,
    check: Check | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate every row of `data` (.xlsx/.xls/.csv by `filename`), then hand them all to `upsert`.

    Any row error: nothing is written and the result carries the failing rows as an .xlsx. `check`
    sees the rows that passed the column rules and returns cross-row or database errors. Raises
    ValidationFailed (field "file") for an unreadable file, bad headers or no data rows.
    """
    sheet = read_sheet(ledger, data, filename)
    columns = map_headers(ledger, sheet.headers)
    key_columns = [ledger[key] for key in ledger.natural_key]
    key_header = "、".join(column.header for column in key_columns)
    first_line_of: dict[tuple[Any, ...], int] = {}  # natural key → first line: duplicates in O(n)
    rows: list[Row] = []
    errors: list[RowError] = []
    total = 0
    for line, cells in sheet.rows:
        total += 1
        values: dict[str, Any] = {}
        failed = False
        for index, column in columns:
            try:
                values[column.key] = column.parse(cells[index] if index < len(cells) else None)
            except CellError as exc:
                errors.append(RowError(line, column.header, str(exc)))
                failed = True
        if all(column.key in values for column in key_columns):
            key = ledger.key_of(values)
            first = first_line_of.setdefault(key, line)
            if first != line:
                errors.append(
                    RowError(line, key_header, f"与第{first}行重复（同一条记录在文件中出现了两次）")
                )
                failed = True
        if not failed:
            rows.append(Row(line, values))
        if progress is not None and total % PROGRESS_EVERY == 0:
            progress(total, sheet.total)
    if total == 0:
        raise ValidationFailed.field("file", "文件中除表头外没有数据")
    if check is not None:
        errors.extend(check(rows))  # run even when some rows failed, so one round shows every error
    if progress is not None:
        progress(total, total)
    if errors:
        errors.sort(key=lambda e: e.line)  # stable: a row's errors stay in column order
        return ImportResult(
            ok=False, total=total, errors=errors, errors_file=_errors_file(ledger, data, filename, errors)
        )
    created, updated = upsert([row.values for row in rows])
    return ImportResult(ok=True, total=total, created=created, updated=updated)


def _errors_file(ledger: Ledger, data: bytes, filename: str, errors: list[RowError]) -> bytes:
    """Read the file a second time and copy out the failing rows, so no row was kept for this."""
    by_line: dict[int, list[RowError]] = {}
    for error in errors:
        by_line.setdefault(error.line, []).append(error)
    sheet = read_sheet(ledger, data, filename)
    keep = [i for i, header in enumerate(sheet.headers) if header and header != ERRORS_HEADER]
    buffer = io.BytesIO()
    write_errors(
        [sheet.headers[i] for i in keep],
        _failing(sheet, keep, by_line),
        buffer,
        title=ledger.sheet_title,
    )
    return buffer.getvalue()


def _failing(
    sheet: Sheet, keep: list[int], by_line: dict[int, list[RowError]]
) -> Iterator[tuple[list[Any], str]]:
    for line, cells in sheet.rows:
        row_errors = by_line.get(line)
        if row_errors:
            reason = f"第{line}行 " + "；".join(e.detail for e in row_errors)
            yield [cells[i] if i < len(cells) else None for i in keep], reason
