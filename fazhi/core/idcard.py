"""居民身份证号码 (GB 11643) validation with python-stdnum, errors in Chinese naming the rule."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from stdnum import exceptions
from stdnum.cn import ric
from stdnum.util import isdigits

from fazhi.core.errors import ValidationFailed


def id_number_clean(value: str, *, field: str = "id_number", label: str = "身份证号") -> str:
    """Return the canonical 18-character number (upper-case X) or raise naming the failed rule."""
    number = ric.compact(value or "")
    if not number:
        raise ValidationFailed.field(field, f"{label}不能为空")
    try:
        _validate(number)
    except exceptions.InvalidLength:
        raise ValidationFailed.field(field, f"{label}应为18位") from None
    except exceptions.InvalidFormat:
        raise ValidationFailed.field(field, f"{label}格式不正确：前17位应为数字，末位为数字或X") from None
    except exceptions.InvalidChecksum:
        raise ValidationFailed.field(field, f"{label}校验位不正确（GB 11643 校验码）") from None
    except exceptions.InvalidComponent:
        try:
            ric.get_birth_date(number)
        except exceptions.InvalidComponent:
            raise ValidationFailed.field(field, f"{label}中的出生日期无效") from None
        raise ValidationFailed.field(field, f"{label}前6位不是有效的行政区划代码") from None
    except exceptions.ValidationError:
        raise ValidationFailed.field(field, f"{label}无效") from None
    return number


def _validate(number: str) -> None:
    """`ric.validate` in its order of checks (length, digits, check digit, birth date, birth place), with
    the birth place looked up once per (area code, birth year): stdnum walks its table of area codes
    on every call, a sixth of an import of 100,000 residents (bench/)."""
    if len(number) != 18:
        raise exceptions.InvalidLength()
    if not isdigits(number[:-1]):
        raise exceptions.InvalidFormat()
    if number[-1] != ric.calc_check_digit(number):
        raise exceptions.InvalidChecksum()
    if not _place_known(number[:6], ric.get_birth_date(number).year):
        raise exceptions.InvalidComponent()


@lru_cache(maxsize=65_536)
def _place_known(area: str, year: int) -> bool:
    """Whether the area code was assigned in the year (stdnum reads only these from the number)."""
    try:
        ric.get_birth_place(f"{area}{year:04d}01010000")
    except exceptions.InvalidComponent:
        return False
    return True


def birth_date_of(number: str) -> date:
    return ric.get_birth_date(number)


def phone_clean(value: str, *, field: str = "phone", label: str = "手机号") -> str:
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        return digits
    if 7 <= len(digits) <= 12 and not digits.startswith("1"):
        return digits  # a landline such as 0543-1234567
    raise ValidationFailed.field(field, f"{label}格式不正确：应为11位手机号或带区号的固定电话")
