"""Fictitious, valid-checksum ID numbers for the demo, tests and benchmarks.

Region prefix 371625 (博兴县) is valid for births from 2000 on; python-stdnum checks a prefix against
the birth year, and 博兴's numbers before 2000 carry the old code 372328 (惠民地区博兴县), so older
people get that prefix — as real 博兴 residents born before 2000 do.
"""

from __future__ import annotations

import datetime as dt

from stdnum.cn import ric

PREFIX_NEW, PREFIX_OLD = "371625", "372328"


def fictitious_id_number(birth: dt.date, serial: int, *, female: bool = False) -> str:
    """An 18-digit number with a valid check digit; `serial` 0–499 picks the order code."""
    order = (serial % 500) * 2 + (0 if female else 1)  # the 17th digit: odd for men, even for women
    prefix = PREFIX_NEW if birth.year >= 2000 else PREFIX_OLD
    body = f"{prefix}{birth:%Y%m%d}{order:03d}"
    return body + ric.calc_check_digit(body + "0")
