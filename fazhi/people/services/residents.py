"""Writes of places and residents: buildings, households, residents (one transaction each, audited)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db import IntegrityError, transaction
from pypinyin import Style, lazy_pinyin

from fazhi.core import crypto
from fazhi.core.audit import audit_record
from fazhi.core.errors import Conflict, NotFound, ValidationFailed, collect
from fazhi.core.idcard import birth_date_of, id_number_clean, phone_clean
from fazhi.core.timeline import event_record
from fazhi.org.models import Unit
from fazhi.org.services import require
from fazhi.people import permissions as P
from fazhi.people.models import (
    Building,
    Entrance,
    Household,
    LivingStatus,
    PoliticalStatus,
    Relation,
    Resident,
)
from fazhi.people.selectors.residents import (
    building_get_for,
    grid_get_for,
    household_get_for,
    resident_get_for,
)


@lru_cache(maxsize=65_536)
def initials_of(name: str) -> str:
    """Pinyin first letters, lower case: 张三 → "zs" (non-Chinese letters kept as typed). Names repeat
    (an import of 100,000 residents holds far fewer distinct ones): pypinyin once per name."""
    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    return "".join(ch for ch in "".join(letters).lower() if ch.isalnum())[:30]


def gender_of(id_number: str) -> str:
    """GB 11643: the 17th digit is odd for a man, even for a woman."""
    return ("m" if int(id_number[16]) % 2 else "f") if len(id_number) == 18 else ""


def household_address(building: Building, entrance: Entrance | None, room: str) -> str:
    path = building.unit.path[: -Unit.steplen]
    community = Unit.objects.filter(path=path).first() if path else None
    prefix = f"{community.name} " if community else ""
    return f"{prefix}{building.name}{entrance.name if entrance else ''}{room}"


def building_create(
    *, actor: Any, unit_id: int, name: str, address: str = "", floors: int | None = None
) -> Building:
    require(actor, P.MANAGE)
    name = name.strip()
    if not name:
        raise ValidationFailed.field("name", "楼栋名称不能为空")
    with transaction.atomic():
        grid = grid_get_for(actor=actor, unit_id=unit_id)
        if Building.objects.filter(unit=grid, name=name).exists():
            raise ValidationFailed.field("name", f"本网格已有“{name}”")
        building = Building.objects.create(unit=grid, name=name, address=address.strip(), floors=floors)
        audit_record(actor=actor, action="people.building_create", obj=building, data={"name": name})
    return building


def household_create(*, actor: Any, building_id: int, room: str, entrance: str = "") -> Household:
    """A household in a building (entrance created on first use). Room is required and unique there."""
    require(actor, P.MANAGE)
    room, entrance = room.strip(), entrance.strip()
    if not room:
        raise ValidationFailed.field("room", "房号不能为空")
    with transaction.atomic():
        building = building_get_for(actor=actor, building_id=building_id)
        entr = Entrance.objects.get_or_create(building=building, name=entrance)[0] if entrance else None
        if Household.objects.filter(building=building, entrance=entr, room=room).exists():
            raise ValidationFailed.field("room", f"{building.name}{entrance}{room} 已登记")
        household = Household.objects.create(
            unit=building.unit,
            building=building,
            entrance=entr,
            room=room,
            address=household_address(building, entr, room),
        )
        audit_record(actor=actor, action="people.household_create", obj=household)
    return household


def _clean_resident(
    *,
    name: str,
    id_number: str,
    phone: str,
    relation: str,
    living_status: str,
    political_status: str,
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    out: dict[str, Any] = {"name": name.strip()}
    if not out["name"]:
        errors["name"] = "姓名不能为空"
    elif len(out["name"]) > 60:
        errors["name"] = "姓名不能超过60字"
    if id_number.strip():
        try:
            out["id_number"] = id_number_clean(id_number)
        except ValidationFailed as exc:
            errors.update(exc.fields)
    else:
        out["id_number"] = ""
    if phone.strip():
        try:
            out["phone"] = phone_clean(phone)
        except ValidationFailed as exc:
            errors.update(exc.fields)
    else:
        out["phone"] = ""
    for field, value, choices, label in (
        ("relation", relation, Relation, "与户主关系"),
        ("living_status", living_status, LivingStatus, "居住状态"),
        ("political_status", political_status, PoliticalStatus, "政治面貌"),
    ):
        if value not in choices.values:
            errors[field] = f"{label}须为：{'、'.join(str(c) for c in choices.labels)}"
        out[field] = value
    collect(errors)
    return out


def _apply_identity(resident: Resident, id_number: str, phone: str) -> None:
    resident.id_number = id_number
    resident.id_index = crypto.blind_index(id_number, purpose="id_number")
    resident.gender = gender_of(id_number) if id_number else resident.gender
    resident.birth_date = birth_date_of(id_number) if id_number else resident.birth_date
    resident.phone = phone
    resident.phone_index = crypto.blind_index(phone, purpose="phone")


def resident_create(
    *,
    actor: Any,
    name: str,
    unit_id: int | None = None,
    household_id: int | None = None,
    id_number: str = "",
    phone: str = "",
    relation: str = Relation.OTHER,
    living_status: str = LivingStatus.REGISTERED,
    political_status: str = PoliticalStatus.MASSES,
    address: str = "",
    note: str = "",
) -> Resident:
    """Register a resident in a household (or directly in a grid, e.g. a floating resident).

    Raises ValidationFailed naming the field (a wrong check digit names id_number), Conflict when the
    ID number is already on record.
    """
    require(actor, P.MANAGE)
    data = _clean_resident(
        name=name,
        id_number=id_number,
        phone=phone,
        relation=relation,
        living_status=living_status,
        political_status=political_status,
    )
    with transaction.atomic():
        household = household_get_for(actor=actor, household_id=household_id) if household_id else None
        if household is None and not unit_id:
            raise ValidationFailed.field("household_id", "请选择所在户，或至少选择网格")
        grid = household.unit if household else grid_get_for(actor=actor, unit_id=unit_id)
        resident = Resident(
            unit=grid,
            household=household,
            name=data["name"],
            name_initials=initials_of(data["name"]),
            relation=data["relation"],
            living_status=data["living_status"],
            political_status=data["political_status"],
            address=household.address if household else address.strip(),
            note=note.strip()[:200],
            created_by=actor,
        )
        _apply_identity(resident, data["id_number"], data["phone"])
        if resident.id_index and Resident.objects.filter(id_index=resident.id_index).exists():
            raise Conflict("该身份证号已登记", fields={"id_number": "该身份证号已登记"})
        try:
            with transaction.atomic():
                resident.save()
        except IntegrityError:
            raise Conflict("该身份证号已登记", fields={"id_number": "该身份证号已登记"}) from None
        event_record(resident, "people.resident_create", actor=actor, label="登记居民")
    return resident


def resident_update(*, actor: Any, resident_id: int, **changes: Any) -> Resident:
    """Change a resident's fields; `id_number`/`phone` are re-validated and re-indexed."""
    require(actor, P.MANAGE)
    allowed = {
        "name",
        "id_number",
        "phone",
        "relation",
        "living_status",
        "political_status",
        "note",
        "household_id",
        "is_active",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationFailed.field(sorted(unknown)[0], "不能修改此项")
    with transaction.atomic():
        current = resident_get_for(actor=actor, resident_id=resident_id)
        resident = Resident.objects.select_for_update().get(pk=current.pk)
        data = _clean_resident(
            name=changes.get("name", resident.name),
            id_number=changes.get("id_number", resident.id_number),
            phone=changes.get("phone", resident.phone),
            relation=changes.get("relation", resident.relation),
            living_status=changes.get("living_status", resident.living_status),
            political_status=changes.get("political_status", resident.political_status),
        )
        resident.name, resident.name_initials = data["name"], initials_of(data["name"])
        resident.relation = data["relation"]
        resident.living_status = data["living_status"]
        resident.political_status = data["political_status"]
        if "note" in changes:
            resident.note = str(changes["note"]).strip()[:200]
        if "is_active" in changes:
            resident.is_active = bool(changes["is_active"])
        if changes.get("household_id"):
            household = household_get_for(actor=actor, household_id=int(changes["household_id"]))
            resident.household, resident.unit, resident.address = household, household.unit, household.address
        _apply_identity(resident, data["id_number"], data["phone"])
        if (
            resident.id_index
            and Resident.objects.filter(id_index=resident.id_index).exclude(pk=resident.pk).exists()
        ):
            raise Conflict("该身份证号已登记", fields={"id_number": "该身份证号已登记"})
        resident.save()
        changed = sorted(k for k in changes if k not in ("id_number", "phone")) + [
            k for k in ("id_number", "phone") if k in changes
        ]
        event_record(
            resident, "people.resident_update", actor=actor, label="修改居民信息", data={"fields": changed}
        )
    return resident


def resident_reveal(*, actor: Any, resident_id: int, field: str, purpose: str) -> str:
    """The full ID number or phone of a resident in scope, with a stated purpose (audited)."""
    from fazhi.org.services import pii_reveal

    if field not in ("id_number", "phone"):
        raise NotFound()
    resident = resident_get_for(actor=actor, resident_id=resident_id)
    return pii_reveal(actor=actor, obj=resident, field=field, purpose=purpose, kind="resident")
