"""How the annual report writes a figure in its text: the one rounding rule, never rounding up.

The seed writes "1000余份", "50多次", "600余人次": an approximate number that never overstates. The
report's text follows one rule (the annex and the dashboard show the exact value beside it):

- Percentages (unit "%") and other non-whole values: one decimal place, the rest cut off, a trailing
  ".0" dropped — 97.46% → "97.4%", 99.99% → "99.9%", 100.0% → "100%", 12.78天 → "12.7天".
- Whole numbers n (counts):
    n < 10          exactly:                                   7 → "7件"
    10 ≤ n < 100    cut to the tens, followed by "多":          53 → "50多次", 19 → "10多次"
    n ≥ 100         cut to the first two significant digits,   634 → "630余人次", 1003 → "1000余份",
                    followed by "余":                           12345 → "12000余人次"
  When cutting changes nothing, the number is written exactly, without "多" or "余":
  50 → "50次", 600 → "600人次", 1000 → "1000份".
- A value that cannot be computed (None, e.g. a rate over zero cases) is not written into the text.
- Negative values (none are expected) are written exactly.

Cutting (ROUND_DOWN) means the written number is never larger than the true one.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Any

PERCENT = "%"
_ONE_DECIMAL = Decimal("0.1")


def _decimal(value: Any) -> Decimal:
    # str() first: Decimal(0.1) would carry the binary float's tail (0.1000000000000000055…).
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _one_decimal(value: Decimal) -> str:
    cut = value.quantize(_ONE_DECIMAL, rounding=ROUND_DOWN)
    text = f"{cut:f}"
    return text[:-2] if text.endswith(".0") else text


def approximate(value: int | float | Decimal, unit: str = "") -> str:
    """The number as the report's text writes it (see the module docstring): "1000余", "50多", "97.4"."""
    number = _decimal(value)
    if unit == PERCENT or number != number.to_integral_value():
        return _one_decimal(number)
    n = int(number)
    if n < 10:
        return str(n)
    if n < 100:
        tens = n // 10 * 10
        return str(n) if tens == n else f"{tens}多"
    step = 10 ** (len(str(n)) - 2)  # keep the first two significant digits
    cut = n // step * step
    return str(n) if cut == n else f"{cut}余"


def words(value: int | float | Decimal | None, unit: str) -> str:
    """The figure with its unit as the text writes it ("1000余份", "97.4%"); "" when not computable."""
    if value is None:
        return ""
    return f"{approximate(value, unit)}{unit}"


def exact(value: int | float | Decimal | None, unit: str = "") -> str:
    """The exact value for tables (annex, dashboard, bulletin): percentages and fractions to one decimal."""
    if value is None:
        return "—"
    number = _decimal(value)
    if number == number.to_integral_value():
        text = str(int(number))
    else:
        text = f"{number.quantize(_ONE_DECIMAL, rounding=ROUND_DOWN):f}"
    return f"{text}{unit}"
