"""居民台账: the ledger, and the checks and bulk writer a 100,000-row import uses.

Speed: every lookup is pre-loaded once by natural key (grids by code, buildings by (grid, name),
entrances, households by (building, entrance, room), existing residents by ID blind index); each
row's blind indexes are computed once in `check` and kept on the row; the writer creates what is
missing with bulk_create in batches and updates with bulk_update — no query per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fazhi.core import crypto
from fazhi.core.idcard import birth_date_of, id_number_clean, phone_clean
from fazhi.core.ledgers import Column, Ledger, Row, RowError
from fazhi.org.models import Unit
from fazhi.people.models import (
    Building,
    Entrance,
    Household,
    LivingStatus,
    PoliticalStatus,
    Relation,
    Resident,
)
from fazhi.people.selectors.residents import grid_list_for, resident_list_for
from fazhi.people.services.residents import gender_of, initials_of

BATCH = 2000


def _phone(value: str) -> str:
    if "*" in value:
        return value  # an exported, masked number: the import keeps the stored one
    return phone_clean(value)


RESIDENTS = Ledger(
    "居民台账",
    [
        Column("grid_code", "网格编码", required=True, max_length=40, example="SH-JQ-01"),
        Column("building", "楼栋", required=True, max_length=40, example="3号楼"),
        Column("entrance", "单元", max_length=20, example="1单元"),
        Column("room", "房号", required=True, max_length=20, example="101"),
        Column("name", "姓名", required=True, max_length=60, example="张三"),
        Column(
            "id_number",
            "身份证号",
            required=True,
            max_length=18,
            validator=id_number_clean,
            example="371625200101011237",
            rule="18位，校验位须正确（GB 11643）；用于识别同一居民",
        ),
        Column(
            "phone",
            "手机号",
            max_length=20,
            validator=_phone,
            example="13905431234",
            rule="导出的脱敏号码原样导入表示不变",
        ),
        Column("relation", "与户主关系", type="choice", choices=Relation.choices, example=Relation.HEAD),
        Column(
            "living_status",
            "居住状态",
            type="choice",
            choices=LivingStatus.choices,
            example=LivingStatus.REGISTERED,
        ),
        Column(
            "political_status",
            "政治面貌",
            type="choice",
            choices=PoliticalStatus.choices,
            example=PoliticalStatus.MASSES,
        ),
        Column("note", "备注", max_length=200),
    ],
    natural_key=("id_number",),
)

# The export masks the ID number, so the exported ledger is for reading, not for re-import; an
# import always carries full numbers (the natural key).


class ResidentImport:
    """One 居民台账 import by `actor`: grids within scope; places created as needed."""

    def __init__(self, *, actor: Any) -> None:
        self.actor = actor
        self.grids: dict[str, Unit] = {}
        self.existing: dict[str, Resident] = {}

    def check(self, rows: list[Row]) -> Iterable[RowError]:
        codes = {row.values["grid_code"] for row in rows}
        self.grids = {g.code: g for g in grid_list_for(actor=self.actor).filter(code__in=codes)}
        indexes: list[str] = []
        for row in rows:
            values = row.values
            values["_id_index"] = crypto.blind_index(values["id_number"], purpose="id_number")
            phone = values.get("phone") or ""
            values["_phone_index"] = crypto.blind_index(phone, purpose="phone") if "*" not in phone else None
            indexes.append(values["_id_index"])
        self.existing = {}
        visible: set[int] = set()
        for start in range(0, len(indexes), BATCH):
            chunk = indexes[start : start + BATCH]
            visible.update(
                resident_list_for(actor=self.actor, include_inactive=True)
                .filter(id_index__in=chunk)
                .values_list("pk", flat=True)
            )
            for resident in Resident.objects.filter(id_index__in=chunk).only(
                "pk",
                "id_index",
                "unit_id",
                "phone",
                "phone_index",
                "name",
                "relation",
                "living_status",
                "political_status",
                "note",
                "household_id",
            ):
                self.existing[resident.id_index] = resident
        errors: list[RowError] = []
        for row in rows:
            values = row.values
            if values["grid_code"] not in self.grids:
                errors.append(
                    RowError(row.line, "网格编码", f"网格“{values['grid_code']}”不存在或不在本人管辖范围")
                )
                continue
            known = self.existing.get(values["_id_index"])
            if known is not None and known.pk not in visible:
                # Someone else's resident: say it is registered, never where.
                errors.append(RowError(row.line, "身份证号", "该身份证号已在其他网格登记"))
            phone = values.get("phone") or ""
            if "*" in phone and (known is None or crypto.mask_phone(known.phone) != phone):
                errors.append(RowError(row.line, "手机号", "脱敏号码只能原样保留已有号码，新号码请填写完整"))
        return errors

    def upsert(self, rows: list[dict[str, Any]]) -> tuple[int, int]:
        households = self._households(rows)
        created: list[Resident] = []
        updated: list[Resident] = []
        fields = [
            "name",
            "name_initials",
            "phone",
            "phone_index",
            "relation",
            "living_status",
            "political_status",
            "note",
            "household",
            "unit",
            "address",
        ]
        for values in rows:
            household = households[self._place_key(values)]
            resident = self.existing.get(values["_id_index"])
            phone = values.get("phone") or ""
            if resident is None:
                number = values["id_number"]
                created.append(
                    Resident(
                        unit=household.unit,
                        household=household,
                        name=values["name"],
                        name_initials=initials_of(values["name"]),
                        gender=gender_of(number),
                        birth_date=birth_date_of(number),
                        id_number=number,
                        id_index=values["_id_index"],
                        phone=phone,
                        phone_index=values["_phone_index"] or "",
                        relation=values.get("relation") or Relation.OTHER,
                        living_status=values.get("living_status") or LivingStatus.REGISTERED,
                        political_status=values.get("political_status") or PoliticalStatus.MASSES,
                        address=household.address,
                        note=values.get("note") or "",
                        created_by=self.actor,
                    )
                )
                continue
            before = (
                resident.name,
                resident.phone_index,
                resident.relation,
                resident.living_status,
                resident.political_status,
                resident.note,
                resident.household_id,
            )
            resident.name, resident.name_initials = values["name"], initials_of(values["name"])
            if values["_phone_index"] is not None:
                resident.phone, resident.phone_index = phone, values["_phone_index"]
            for key in ("relation", "living_status", "political_status", "note"):
                if key in values and values[key] not in (None, ""):
                    setattr(resident, key, values[key])
            resident.household, resident.unit, resident.address = household, household.unit, household.address
            after = (
                resident.name,
                resident.phone_index,
                resident.relation,
                resident.living_status,
                resident.political_status,
                resident.note,
                resident.household_id,
            )
            if before != after:
                updated.append(resident)
        Resident.objects.bulk_create(created, batch_size=BATCH)
        if updated:
            Resident.objects.bulk_update(updated, fields, batch_size=BATCH)
        return len(created), len(updated)

    @staticmethod
    def _place_key(values: dict[str, Any]) -> tuple[str, str, str, str]:
        return (values["grid_code"], values["building"], values.get("entrance") or "", values["room"])

    def _households(self, rows: list[dict[str, Any]]) -> dict[tuple[str, str, str, str], Household]:
        """Every household the rows name, created in bulk where missing (buildings and entrances too)."""
        grid_ids = {g.pk: g for g in self.grids.values()}
        parents = {g.pk: g.path[: -Unit.steplen] for g in self.grids.values()}
        community_names = dict(
            Unit.objects.filter(path__in=set(parents.values())).values_list("path", "name")
        )
        keys = {self._place_key(v) for v in rows}
        # Buildings
        buildings = {(b.unit_id, b.name): b for b in Building.objects.filter(unit_id__in=grid_ids)}
        missing_b = {(self.grids[k[0]].pk, k[1]) for k in keys} - set(buildings)
        Building.objects.bulk_create(
            [Building(unit_id=u, name=n) for u, n in sorted(missing_b)], batch_size=BATCH
        )
        buildings = {(b.unit_id, b.name): b for b in Building.objects.filter(unit_id__in=grid_ids)}
        for b in buildings.values():
            b.unit = grid_ids[b.unit_id]
        # Entrances
        building_ids = [b.pk for b in buildings.values()]
        entrances = {
            (e.building_id, e.name): e for e in Entrance.objects.filter(building_id__in=building_ids)
        }
        wanted_e = {(buildings[(self.grids[k[0]].pk, k[1])].pk, k[2]) for k in keys if k[2]}
        Entrance.objects.bulk_create(
            [Entrance(building_id=b, name=n) for b, n in sorted(wanted_e - set(entrances))], batch_size=BATCH
        )
        entrances = {
            (e.building_id, e.name): e for e in Entrance.objects.filter(building_id__in=building_ids)
        }
        # Households
        homes = {
            (h.building_id, h.entrance_id, h.room): h
            for h in Household.objects.filter(building_id__in=building_ids)
        }
        new_homes: list[Household] = []
        for key in sorted(keys):
            grid = self.grids[key[0]]
            building = buildings[(grid.pk, key[1])]
            entrance = entrances.get((building.pk, key[2])) if key[2] else None
            hkey = (building.pk, entrance.pk if entrance else None, key[3])
            if hkey not in homes:
                community = community_names.get(parents[grid.pk], "")
                address = f"{community + ' ' if community else ''}{building.name}{key[2]}{key[3]}"
                home = Household(
                    unit=grid, building=building, entrance=entrance, room=key[3], address=address
                )
                homes[hkey] = home
                new_homes.append(home)
        Household.objects.bulk_create(new_homes, batch_size=BATCH)
        if new_homes and new_homes[0].pk is None:  # backends that do not return ids on bulk insert
            homes = {
                (h.building_id, h.entrance_id, h.room): h
                for h in Household.objects.filter(building_id__in=building_ids)
            }
        result: dict[tuple[str, str, str, str], Household] = {}
        for key in keys:
            grid = self.grids[key[0]]
            building = buildings[(grid.pk, key[1])]
            entrance = entrances.get((building.pk, key[2])) if key[2] else None
            home = homes[(building.pk, entrance.pk if entrance else None, key[3])]
            home.unit = grid
            result[key] = home
        return result


# --- 重点人员登记表 (import) ------------------------------------------------------------------------


def _level(value: int) -> int:
    if not 0 <= value <= 5:
        raise ValueError("须为0–5级")
    return value


KEYPERSONS_IMPORT = Ledger(
    "重点人员登记表",
    [
        Column(
            "id_number",
            "身份证号",
            required=True,
            max_length=18,
            validator=id_number_clean,
            example="371625200101011237",
            rule="须为已登记居民",
        ),
        Column(
            "category",
            "类别",
            required=True,
            max_length=40,
            example="严重精神障碍患者",
            rule="类别名称或编码",
        ),
        Column("registered_on", "纳入管理日期", type="date", required=True, example="2022-03-01"),
        Column(
            "danger_level",
            "危险性等级",
            type="int",
            validator=_level,
            example=1,
            rule="严重精神障碍患者必填，0–5级",
        ),
        Column(
            "effective_on",
            "判决生效或释放日期",
            type="date",
            rule="社区矫正对象必填（《社区矫正法》第二十一条报到期限）",
        ),
        Column("ends_on", "管理期满日期", type="date"),
    ],
    natural_key=("id_number", "category"),
)


class KeyPersonImport:
    """One 重点人员登记表 import: residents by ID blind index within scope, categories by name or code;
    each row is registered through `keyperson_register` (first visit scheduled, care team opened)."""

    def __init__(self, *, actor: Any) -> None:
        self.actor = actor
        self.residents: dict[str, Resident] = {}
        self.categories: dict[str, Any] = {}

    def check(self, rows: list[Row]) -> Iterable[RowError]:
        from fazhi.people.models import KeyPerson, KeyPersonCategory
        from fazhi.people.selectors.residents import resident_list_for

        indexes = {crypto.blind_index(r.values["id_number"], purpose="id_number") for r in rows}
        self.residents = {
            r.id_index: r for r in resident_list_for(actor=self.actor).filter(id_index__in=indexes)
        }
        for known in KeyPersonCategory.objects.filter(is_active=True):
            self.categories[known.name] = known
            self.categories[known.code] = known
        active = set(
            KeyPerson.objects.filter(resident__in=list(self.residents.values()), is_active=True).values_list(
                "resident_id", "category_id"
            )
        )
        errors = []
        for row in rows:
            values = row.values
            resident = self.residents.get(crypto.blind_index(values["id_number"], purpose="id_number"))
            category = self.categories.get(values["category"])
            if resident is None:
                errors.append(
                    RowError(row.line, "身份证号", "未找到该居民（须先登记为本人管辖范围内的居民）")
                )
            if category is None:
                errors.append(RowError(row.line, "类别", "类别不存在"))
            if resident is None or category is None:
                continue
            values["_resident"], values["_category"] = resident, category
            if (resident.pk, category.pk) in active:
                errors.append(RowError(row.line, "类别", f"该居民已登记为“{category.name}”"))
            if category.schedule == "mental" and values.get("danger_level") is None:
                errors.append(RowError(row.line, "危险性等级", "严重精神障碍患者须填写危险性等级"))
            if category.schedule == "corrections" and not values.get("effective_on"):
                errors.append(
                    RowError(row.line, "判决生效或释放日期", "社区矫正对象须填写判决、裁定生效日期")
                )
        return errors

    def upsert(self, rows: list[dict[str, Any]]) -> tuple[int, int]:
        from fazhi.people.services.keypersons import keyperson_register

        for values in rows:
            keyperson_register(
                actor=self.actor,
                resident_id=values["_resident"].pk,
                category_id=values["_category"].pk,
                registered_on=values["registered_on"],
                danger_level=values.get("danger_level"),
                effective_on=values.get("effective_on"),
                ends_on=values.get("ends_on"),
            )
        return len(rows), 0
