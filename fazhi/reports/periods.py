"""Reading a period (month, quarter, year, custom range) from request parameters, in one place for the
dashboard page and the API."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from fazhi.core.errors import ValidationFailed, collect
from fazhi.core.indicators import Period

KINDS = {"year": "年度", "quarter": "季度", "month": "月份", "custom": "自定义"}
FIRST_YEAR = 2000
MAX_DAYS = 366 * 5  # a custom range longer than five years is almost certainly a typo


@dataclass(frozen=True)
class PeriodChoice:
    kind: str
    year: int
    quarter: int
    month: int
    start: date
    end: date
    period: Period


def _int(
    params: Mapping[str, Any],
    name: str,
    default: int,
    low: int,
    high: int,
    label: str,
    errors: dict[str, str],
) -> int:
    raw = str(params.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        errors[name] = f"{label}须为{low}至{high}之间的整数"
        return default
    return int(raw)


def _date(params: Mapping[str, Any], name: str, default: date, label: str, errors: dict[str, str]) -> date:
    raw = str(params.get(name) or "").strip()
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[name] = f"{label}须为日期，格式如 2022-06-30"
        return default


def period_from(params: Mapping[str, Any], today: date) -> PeriodChoice:
    """The period the parameters name (default: this year). ValidationFailed names each bad parameter."""
    errors: dict[str, str] = {}
    kind = str(params.get("period") or "year")
    if kind not in KINDS:
        errors["period"] = "统计期间须为 year（年度）、quarter（季度）、month（月份）或 custom（自定义）"
        kind = "year"
    year = _int(params, "year", today.year, FIRST_YEAR, today.year + 1, "年度", errors)
    quarter = _int(params, "quarter", (today.month - 1) // 3 + 1, 1, 4, "季度", errors)
    month = _int(params, "month", today.month, 1, 12, "月份", errors)
    start = _date(params, "start", date(today.year, 1, 1), "开始日期", errors)
    end = _date(params, "end", today, "结束日期", errors)
    if kind == "custom" and "start" not in errors and "end" not in errors:
        if start > end:
            errors["start"] = "开始日期不能晚于结束日期"
        elif (end - start).days > MAX_DAYS:
            errors["end"] = "自定义期间不能超过五年"
    collect(errors)
    period = {
        "year": lambda: Period.year(year),
        "quarter": lambda: Period.quarter(year, quarter),
        "month": lambda: Period.month(year, month),
        "custom": lambda: Period.custom(start, end),
    }[kind]()
    return PeriodChoice(kind, year, quarter, month, start, end, period)


def bulletin_month(year: int | None, month: int | None, today: date) -> tuple[int, int]:
    """The month a bulletin covers: the one given, else last month. No month after this one."""
    last = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    year = last[0] if year is None else year
    month = last[1] if month is None else month
    if not 1 <= month <= 12:
        raise ValidationFailed.field("month", "月份须在1至12之间")
    if year < FIRST_YEAR or (year, month) > (today.year, today.month):
        raise ValidationFailed.field("year", f"通报月份须在{FIRST_YEAR}年1月至本月之间")
    return year, month
