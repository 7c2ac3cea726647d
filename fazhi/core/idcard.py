"""居民身份证号码 (GB 11643) validation with python-stdnum, errors in Chinese naming the rule."""

from __future__ import annotations

from datetime import date

from stdnum import exceptions
from stdnum.cn import ric

from fazhi.core.errors import ValidationFailed


def id_number_clean(value: str, *, field: str = "id_number", label: str = "身份证号") -> str:
    """Return the canonical 18-character number (upper-case X) or raise naming the failed rule."""
    number = ric.compact(value or "")
    if not number:
        raise ValidationFailed.field(field, f"{label}不能为空")
    try:
        number = ric.validate(number)
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


def birth_date_of(number: str) -> date:
    return ric.get_birth_date(number)


def phone_clean(value: str, *, field: str = "phone", label: str = "手机号") -> str:
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        return digits
    if 7 <= len(digits) <= 12 and not digits.startswith("1"):
        return digits  # a landline such as 0543-1234567
    raise ValidationFailed.field(field, f"{label}格式不正确：应为11位手机号或带区号的固定电话")
