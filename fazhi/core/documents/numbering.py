"""Chinese numerals, heading prefixes, dates and text widths as official documents write them."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from django.utils import timezone

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))


def cn_number(n: int) -> str:
    """Write 0 ≤ n < 10000 in Chinese numerals: 一, 十二, 二十, 一百零五, 一千零一十."""
    if not 0 <= n < 10_000:
        raise ValueError(f"cn_number covers 0–9999, got {n}")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        # 十二, never 一十二, when the number starts with the tens.
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    out, gap = "", False
    for value, unit in _UNITS:
        digit = n // value % 10
        if digit == 0:
            gap = bool(out)
            continue
        if gap:
            out += "零"
        out += _DIGITS[digit] + unit
        gap = False
    return out


def heading_prefix(level: int, n: int) -> str:
    """The n-th heading's prefix at a level: 一、 / （一） / 1. / （1） (GB/T 9704-2012 §7.3.3)."""
    if n < 1:
        raise ValueError(f"heading numbers start at 1, got {n}")
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"headings have levels 1–4, got {level}")


def format_date(d: date) -> str:
    """成文日期 in Arabic numerals, month and day without zero padding: 2023年1月5日 (GB/T 9704-2012 §7.3.5)."""
    if isinstance(d, datetime) and timezone.is_aware(d):
        d = timezone.localtime(d)
    return f"{d.year}年{d.month}月{d.day}日"


def text_width(text: str) -> float:
    """Width of text in characters of its size: CJK 1, digits and Latin ½, narrow punctuation ¼."""
    width = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("F", "W"):
            width += 1.0
        elif ch in ".,:;'!| ":
            width += 0.25
        else:
            width += 0.5
    return width
