"""Helpers the services share: today's local date, numbers, party data, date checks."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core import audit, crypto
from fazhi.core.calendar import UnknownCalendarYear
from fazhi.core.deadlines import Rule, deadline
from fazhi.core.errors import ValidationFailed
from fazhi.core.idcard import id_number_clean, phone_clean
from fazhi.disputes.models import Sequence
from fazhi.disputes.models.choices import PartyKind, PartyRole, Sex


def today() -> date:
    return timezone.localdate()


def next_number(key: str, year: int) -> int:
    """The next number of a yearly counter; the counter row is locked until the caller commits, after
    the audit chain (`audit.lock_chain`: the one lock order of every write)."""
    audit.lock_chain()
    try:
        with transaction.atomic():
            Sequence.objects.get_or_create(key=key, year=year)
    except IntegrityError:
        pass  # created by a concurrent transaction: lock it below
    row = Sequence.objects.select_for_update().get(key=key, year=year)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


def sequence_at_least(key: str, year: int, value: int) -> None:
    """Move a counter forward past an imported number, so later numbers never collide with it."""
    audit.lock_chain()
    row, _ = Sequence.objects.select_for_update().get_or_create(key=key, year=year)
    if row.last < value:
        row.last = value
        row.save(update_fields=["last"])


def dispute_number(year: int) -> str:
    return f"JF{year}-{next_number('dispute', year):04d}"


def not_future(value: date | None, field: str, label: str) -> None:
    if value is not None and value > today():
        raise ValidationFailed.field(field, f"{label}不能晚于今天")


def text_required(value: str, field: str, label: str, max_length: int = 4000) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed.field(field, f"{label}不能为空")
    if len(value) > max_length:
        raise ValidationFailed.field(field, f"{label}不能超过{max_length}字")
    return value


@dataclass
class PartyData:
    """A party as the services take it; other apps may pass a mapping with these keys instead."""

    name: str
    kind: str = PartyKind.PERSON
    role: str = PartyRole.APPLICANT
    sex: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    org_code: str = ""
    representative: str = ""


def party_clean(data: PartyData | Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """Validated party fields (ID number checked and canonical, phone cleaned, blind indexes added).

    Errors name the field as f"{prefix}.{name}" so a page can put them beside its inputs.
    """
    raw = data.__dict__ if isinstance(data, PartyData) else dict(data)
    errors: dict[str, str] = {}
    values: dict[str, Any] = {
        "name": str(raw.get("name") or "").strip(),
        "kind": raw.get("kind") or PartyKind.PERSON,
        "role": raw.get("role") or PartyRole.APPLICANT,
        "sex": raw.get("sex") or "",
        "address": str(raw.get("address") or "").strip()[:200],
        "org_code": str(raw.get("org_code") or "").strip().upper(),
        "representative": str(raw.get("representative") or "").strip()[:60],
    }
    if not values["name"]:
        errors[f"{prefix}.name"] = "当事人姓名或名称不能为空"
    elif len(values["name"]) > 100:
        errors[f"{prefix}.name"] = "当事人姓名或名称不能超过100字"
    if values["kind"] not in PartyKind.values:
        errors[f"{prefix}.kind"] = "当事人类型须为自然人或单位"
    if values["role"] not in PartyRole.values:
        errors[f"{prefix}.role"] = "当事人身份须为申请人、被申请人或第三人"
    if values["sex"] and values["sex"] not in Sex.values:
        errors[f"{prefix}.sex"] = "性别须为男或女"
    if values["org_code"] and len(values["org_code"]) != 18:
        errors[f"{prefix}.org_code"] = "统一社会信用代码应为18位"
    id_number = str(raw.get("id_number") or "").strip()
    if id_number:
        try:
            id_number = id_number_clean(id_number, field=f"{prefix}.id_number")
        except ValidationFailed as exc:
            errors.update(exc.fields)
    phone = str(raw.get("phone") or "").strip()
    if phone:
        try:
            phone = phone_clean(phone, field=f"{prefix}.phone", label="联系电话")
        except ValidationFailed as exc:
            errors.update(exc.fields)
    if errors:
        raise ValidationFailed(next(iter(errors.values())), fields=errors)
    values.update(
        id_number=id_number,
        id_index=crypto.blind_index(id_number, purpose="id_number"),
        phone=phone,
        phone_index=crypto.blind_index(phone, purpose="phone"),
    )
    return values


def due_date(rule: Rule, start: date) -> tuple[date, str]:
    """The due date of `rule` from `start`, and a note when it could not be rolled over holidays.

    A year whose holiday schedule nobody has entered yet (core.calendar) must not stop a dispute
    being registered or an agreement signed: the date is then given without the holiday roll — never
    later than the true one, so the parties are not misled into missing it — and the note says so.
    """
    try:
        return deadline(rule, start).due, ""
    except UnknownCalendarYear as exc:
        if rule.unit == "calendar":
            plain = start + timedelta(days=rule.days)
        else:
            months = rule.days * (12 if rule.unit == "year" else 1)
            year, month0 = divmod(start.month - 1 + months, 12)
            last = calendar.monthrange(start.year + year, month0 + 1)[1]
            plain = date(start.year + year, month0 + 1, min(start.day, last))
        return plain, f"{exc.year}年节假日安排尚未录入，期限未按节假日顺延"
