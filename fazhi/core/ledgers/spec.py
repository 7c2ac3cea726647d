"""Declaring a ledger (台账): its columns, their types and rules, and how one cell is read and written."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from django.utils import timezone

from fazhi.core.errors import ValidationFailed

ColumnType = Literal["text", "int", "decimal", "date", "bool", "choice"]
TYPES: dict[str, str] = {
    "text": "文本",
    "int": "整数",
    "decimal": "数字",
    "date": "日期",
    "bool": "是/否",
    "choice": "选项",
}
TRUE_WORDS = frozenset({"是", "对", "有", "√", "y", "yes", "true", "1"})
FALSE_WORDS = frozenset({"否", "错", "无", "×", "n", "no", "false", "0"})
# 2022-5-1, 2022/05/01, 2022.5.1, 2022年5月1日, each optionally followed by a time of day
# (what a CSV saved from a datetime column carries).
_DATE_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_COMPACT_DATE_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")
# Excel counts days from 1899-12-30 (the 1900 leap-year bug folded in); 2958465 is 9999-12-31.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_MAX_SERIAL = 2958465


class CellError(ValueError):
    """One cell broke one rule; the message is the rule in Chinese, without the column name."""


@dataclass(frozen=True, eq=False)
class Column:
    """One column: `key` in code, `header` in the sheet. `validator` gets the typed, non-empty value
    and returns it cleaned, raising ValidationFailed or ValueError with the rule; `rule` words it for
    the template's 填写说明 sheet. Empty cells read as "" in text columns and None in the others."""

    key: str
    header: str
    type: ColumnType = "text"
    required: bool = False
    max_length: int | None = None
    choices: Sequence[tuple[Any, str]] = ()
    validator: Callable[[Any], Any] | None = None
    example: Any = None
    rule: str = ""
    width: float | None = None
    _by_label: dict[str, Any] = field(init=False, repr=False, default_factory=dict)
    _by_code: dict[str, Any] = field(init=False, repr=False, default_factory=dict)
    _label_of: dict[Any, str] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"列“{self.header}”的类型 {self.type!r} 不受支持")
        if self.type == "choice" and not self.choices:
            raise ValueError(f"选项列“{self.header}”须给出 choices")
        object.__setattr__(self, "choices", tuple((value, str(label)) for value, label in self.choices))
        for value, label in self.choices:
            self._by_label[label] = value
            self._by_code[str(value).casefold()] = value
            self._label_of[value] = label

    # --- reading -------------------------------------------------------------------------------

    def parse(self, raw: Any) -> Any:
        """The typed value of one cell as Excel or a CSV gives it; raises CellError naming the rule."""
        if isinstance(raw, str):
            raw = raw.strip()
        if raw is None or raw == "":
            if self.required:
                raise CellError("不能为空")
            return "" if self.type == "text" else None
        value = _PARSERS[self.type](self, raw)
        if self.validator is not None:
            try:
                value = self.validator(value)
            except ValidationFailed as exc:
                raise CellError(self._without_header(exc.message)) from None
            except ValueError as exc:
                raise CellError(self._without_header(str(exc))) from None
        return value

    def _without_header(self, message: str) -> str:
        # Validators shared with forms name their field ("身份证号校验位不正确"); the row error
        # already names the column, so "“身份证号”：校验位不正确" reads better than saying it twice.
        if message.startswith(self.header) and len(message) > len(self.header):
            return message[len(self.header) :].lstrip("：:，, ")
        return message

    def _text(self, raw: Any) -> str:
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))  # a phone or code typed as a number comes back from Excel as 1.39e10
        elif isinstance(raw, dt.datetime):
            text = raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
        elif isinstance(raw, dt.date):
            text = raw.isoformat()
        else:
            text = str(raw).strip()
        if self.max_length is not None and len(text) > self.max_length:
            raise CellError(f"不能超过{self.max_length}个字（现有{len(text)}个）")
        return text

    def _int(self, raw: Any) -> int:
        if isinstance(raw, bool | dt.date | dt.time | dt.timedelta):
            raise CellError("应为整数")
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float):
            if raw.is_integer():
                return int(raw)
            raise CellError(f"应为整数（现为 {raw:g}）")
        number = _decimal_of(str(raw))
        if number is None:
            raise CellError("应为整数")
        if number != number.to_integral_value():
            raise CellError(f"应为整数（现为 {raw}）")
        return int(number)

    def _decimal(self, raw: Any) -> Decimal:
        if isinstance(raw, bool | dt.date | dt.time | dt.timedelta):
            raise CellError("应为数字")
        # str() first: Decimal(0.1) would carry the binary float's 55 digits.
        number = _decimal_of(str(raw))
        if number is None:
            raise CellError("应为数字")
        return number

    def _date(self, raw: Any) -> dt.date:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            # A date cell that lost its date format shows as its serial number, e.g. 44682.
            if 1 <= raw <= _EXCEL_MAX_SERIAL:
                return _EXCEL_EPOCH + dt.timedelta(days=int(raw))
            raise CellError("应为日期，如 2022-05-01")
        text = str(raw).strip()
        match = _DATE_RE.fullmatch(text) or _COMPACT_DATE_RE.fullmatch(text)
        if match is None:
            raise CellError("应为日期，如 2022-05-01、2022/5/1 或 2022年5月1日")
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise CellError(f"日期“{text}”不存在") from None

    def _bool(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        word = self._text(raw).casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise CellError("应填“是”或“否”")

    def _choice(self, raw: Any) -> Any:
        text = self._text(raw) if not isinstance(raw, str) else raw
        if text in self._by_label:
            return self._by_label[text]
        code = text.casefold()
        if code in self._by_code:
            return self._by_code[code]
        raise CellError(f"应为以下之一：{'、'.join(label for _, label in self.choices)}")

    # --- writing -------------------------------------------------------------------------------

    def format(self, value: Any) -> Any:
        """The cell value to export: labels for choices, 是/否 for booleans, real dates for dates."""
        if value is None or value == "":
            return None
        if self.type == "choice":
            return self._label_of.get(value, str(value))
        if self.type == "bool":
            return "是" if value else "否"
        if self.type == "date" and isinstance(value, dt.datetime):
            return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
        if self.type == "int" and isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    def describe(self) -> str:
        """This column's rule in words, for the 填写说明 sheet."""
        parts = []
        if self.type == "choice":
            parts.append(f"可选值：{'、'.join(label for _, label in self.choices)}")
        elif self.type == "date":
            parts.append("日期，如 2022-05-01、2022/5/1 或 2022年5月1日")
        elif self.type == "bool":
            parts.append("填“是”或“否”")
        elif self.type == "int":
            parts.append("整数")
        elif self.type == "decimal":
            parts.append("数字，可带小数")
        if self.max_length is not None:
            parts.append(f"不超过{self.max_length}个字")
        if self.rule:
            parts.append(self.rule)
        return "；".join(parts)


def _decimal_of(text: str) -> Decimal | None:
    try:
        number = Decimal(text.replace(",", "").replace("，", "").strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


_PARSERS: dict[str, Callable[[Column, Any], Any]] = {
    "text": Column._text,
    "int": Column._int,
    "decimal": Column._decimal,
    "date": Column._date,
    "bool": Column._bool,
    "choice": Column._choice,
}


@dataclass(frozen=True, eq=False)
class Ledger:
    """A ledger: `name` titles its sheet and files; rows with equal `natural_key` values are one record."""

    name: str
    columns: Sequence[Column]
    natural_key: tuple[str, ...]
    _by_key: dict[str, Column] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        # A record cannot be matched without its key, so key columns are required whatever they say.
        columns = tuple(
            replace(c, required=True) if c.key in self.natural_key and not c.required else c
            for c in self.columns
        )
        object.__setattr__(self, "columns", columns)
        headers: set[str] = set()
        for column in self.columns:
            if column.key in self._by_key:
                raise ValueError(f"台账“{self.name}”的列键 {column.key!r} 重复")
            if column.header in headers:
                raise ValueError(f"台账“{self.name}”的列名“{column.header}”重复")
            self._by_key[column.key] = column
            headers.add(column.header)
        if not self.natural_key:
            raise ValueError(f"台账“{self.name}”须指定识别记录的列（natural_key）")
        unknown = [key for key in self.natural_key if key not in self._by_key]
        if unknown:
            raise ValueError(f"台账“{self.name}”的 natural_key 含未声明的列：{', '.join(unknown)}")

    def __getitem__(self, key: str) -> Column:
        return self._by_key[key]

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    @property
    def sheet_title(self) -> str:
        """The name as Excel allows a sheet title: at most 31 characters, none of []:*?/\\."""
        return re.sub(r"[\[\]:*?/\\]", "", self.name)[:31] or "台账"

    def key_of(self, values: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(values.get(key) for key in self.natural_key)

    def key_headers(self) -> str:
        return "、".join(f"“{self[key].header}”" for key in self.natural_key)


def cells_of(ledger: Ledger, row: Any) -> Iterable[Any]:
    """A row given as a mapping (by column key) or a sequence (in column order), as export values."""
    if isinstance(row, Mapping):
        return (column.format(row.get(column.key)) for column in ledger.columns)
    return (column.format(value) for column, value in zip(ledger.columns, row, strict=False))
