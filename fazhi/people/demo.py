"""Demo residents and key persons of 少海街道: buildings, households and a few hundred fictitious
residents in every grid, and a handful of key persons per category with care teams, visits from
2022 to today and support measures. Idempotent: a grid that already has buildings is left alone.

Everything goes through the services, at the moment it happened (`at`), so deadlines, timelines
and audit entries read as the work did. Names are invented; ID numbers are fictitious with valid
check digits (people.idgen); phones are 13x numbers.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.db import transaction
from django.utils import timezone

from fazhi.core.errors import ValidationFailed
from fazhi.org.demo import DemoContext
from fazhi.org.models import Unit, UnitKind
from fazhi.people import services
from fazhi.people.idgen import fictitious_id_number
from fazhi.people.models import Building, KeyPerson, KeyPersonCategory, Resident

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔"
GIVEN = [
    "建国",
    "秀英",
    "玉兰",
    "桂英",
    "志强",
    "海燕",
    "丽娟",
    "永刚",
    "春梅",
    "明",
    "伟",
    "芳",
    "娜",
    "静",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "涛",
    "超",
    "霞",
    "平",
    "刚",
    "桂兰",
    "淑珍",
    "振华",
    "德明",
    "国庆",
    "红梅",
    "晓东",
    "雪梅",
    "立新",
    "宏伟",
    "凤英",
    "子涵",
    "雨轩",
    "浩然",
    "欣怡",
    "梓萱",
    "一诺",
    "思远",
    "佳怡",
    "俊熙",
    "若曦",
]
ADDRESSES = {"JQ": "锦秋路", "HB": "湖滨路", "DC": "东城路", "HX": "荷香路"}


def fresh_users(ctx: DemoContext) -> dict[str, Any]:
    """The demo accounts re-read with their units: treebeard renumbers sibling paths as units are
    inserted in code order, so the unit objects cached while the tree was built can be stale."""
    from fazhi.org.models import User

    return {u.username: u for u in User.objects.select_related("unit").filter(username__in=list(ctx.users))}


@contextmanager
def at(moment: dt.datetime) -> Iterator[None]:
    """Run services as if it were `moment` (local time): timestamps, deadlines and checks agree."""
    aware = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
    # In UTC, as timezone.now() gives it: the audit chain hashes the timestamp's ISO form, which
    # must read back from the database exactly as it was written.
    utc = aware.astimezone(dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=utc):
        yield


def _name(rng: random.Random, surname: str | None = None) -> str:
    return (surname or rng.choice(SURNAMES)) + rng.choice(GIVEN)


def _phone(rng: random.Random) -> str:
    return f"13{rng.choice('5689')}{rng.randrange(10**8):08d}"


def _birth(rng: random.Random, low: int, high: int) -> dt.date:
    return dt.date(rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))


class Serials:
    """Order codes unique per birth date, so every fictitious number is distinct."""

    def __init__(self) -> None:
        self.used: dict[dt.date, int] = {}

    def take(self, birth: dt.date) -> int:
        self.used[birth] = self.used.get(birth, 0) + 1
        return self.used[birth]


def _family(rng: random.Random, serials: Serials) -> list[dict[str, Any]]:
    surname = rng.choice(SURNAMES)
    head_birth = _birth(rng, 1945, 1990)
    female_head = rng.random() < 0.3
    members: list[dict[str, Any]] = [
        {"relation": "head", "birth": head_birth, "female": female_head, "surname": surname}
    ]
    if rng.random() < 0.8:
        members.append(
            {
                "relation": "spouse",
                "birth": _birth(rng, head_birth.year - 3, head_birth.year + 3),
                "female": not female_head,
                "surname": None,
            }
        )
    for _ in range(rng.choice([0, 1, 1, 2])):
        if head_birth.year + 22 < 2020:
            members.append(
                {
                    "relation": "child",
                    "birth": _birth(rng, head_birth.year + 22, min(head_birth.year + 35, 2020)),
                    "female": rng.random() < 0.5,
                    "surname": surname,
                }
            )
    for m in members:
        m["id_number"] = fictitious_id_number(m["birth"], serials.take(m["birth"]), female=m["female"])
    return members


def _grid_residents(ctx: DemoContext, grid: Unit, rng: random.Random, serials: Serials, actor: Any) -> int:
    street = ADDRESSES.get(grid.code.split("-")[1], "少海路")
    number = int(grid.code.rsplit("-", 1)[1])
    count = 0
    with at(dt.datetime(2022, 1, 4, 9, 0)):
        for b in range(1, 4):
            building = services.building_create(
                actor=actor,
                unit_id=grid.pk,
                name=f"{number}{b}号楼",
                address=f"{street}{number * 10 + b}号",
                floors=6,
            )
            for entrance in ("1单元", "2单元"):
                for floor in range(1, 4):
                    room = f"{floor}0{rng.choice([1, 2])}"
                    try:
                        home = services.household_create(
                            actor=actor, building_id=building.pk, entrance=entrance, room=room
                        )
                    except ValidationFailed:  # the same room drawn twice: skip it
                        continue
                    for member in _family(rng, serials):
                        status = rng.choices(["registered", "resident", "floating"], [70, 20, 10])[0]
                        political = rng.choices(["masses", "party", "league"], [80, 14, 6])[0]
                        services.resident_create(
                            actor=actor,
                            name=_name(rng, member["surname"]),
                            household_id=home.pk,
                            id_number=member["id_number"],
                            phone=_phone(rng),
                            relation=member["relation"],
                            living_status=status,
                            political_status=political if member["birth"].year < 2004 else "masses",
                        )
                        count += 1
    return count


# (category code, danger level at registration, registered on, grid code, female)
KEY_PERSONS = [
    ("mental", 3, dt.date(2022, 1, 10), "SH-JQ-01", False),
    ("mental", 1, dt.date(2022, 2, 15), "SH-JQ-01", True),
    ("mental", 0, dt.date(2022, 3, 1), "SH-JQ-02", False),
    ("mental", 2, dt.date(2022, 4, 12), "SH-HB-01", True),
    ("mental", 4, dt.date(2022, 6, 20), "SH-DC-01", False),
    ("corrections", None, dt.date(2022, 3, 8), "SH-JQ-01", True),
    ("corrections", None, dt.date(2022, 5, 16), "SH-HB-02", False),
    ("corrections", None, dt.date(2022, 9, 5), "SH-HX-01", False),
    ("released", None, dt.date(2022, 1, 20), "SH-JQ-03", False),
    ("released", None, dt.date(2022, 7, 1), "SH-HB-01", False),
    ("released", None, dt.date(2022, 10, 10), "SH-DC-02", False),
]


def _visits(person: KeyPerson, rng: random.Random, actor: Any, visitor: str, today: dt.date) -> int:
    """Visit on (or a little before) each due date up to today; one person in three is left due soon."""
    count = 0
    level = person.danger_level
    stop = today - dt.timedelta(days=rng.choice([5, 20, 40]))
    for _ in range(80):
        due = KeyPerson.objects.get(pk=person.pk).next_visit_due
        if due is None or due > stop:
            break
        day = due - dt.timedelta(days=rng.randint(0, 3))
        if person.category.schedule == "mental" and level is not None:
            level = max(0, min(5, level + rng.choice([-1, -1, 0, 0, 0, 1])))
        with at(dt.datetime.combine(day, dt.time(9 + rng.randint(0, 7), rng.choice([0, 15, 30, 45])))):
            services.visit_record(
                actor=actor,
                key_person_id=person.pk,
                visited_at=timezone.now(),
                place=rng.choice(["家中", "社区卫生服务站", "社区居委会"]),
                visitors=visitor,
                method=rng.choice(["home", "home", "phone", "clinic"]),
                findings=rng.choice(
                    [
                        "按时服药，情绪稳定",
                        "生活规律，与家人相处融洽",
                        "近期睡眠欠佳，已嘱复诊",
                        "参加社区康复活动",
                        "按规定报告活动情况",
                    ]
                ),
                danger_level=level if person.category.schedule == "mental" else None,
                stable=rng.random() < 0.8,
            )
        count += 1
    return count


def _key_persons(ctx: DemoContext, rng: random.Random, serials: Serials) -> int:
    if KeyPerson.objects.exists():
        return 0
    clerk, today = ctx.users["clerk"], timezone.localdate()
    categories = {c.code: c for c in KeyPersonCategory.objects.all()}
    made = 0
    for code, level, registered, grid_code, female in KEY_PERSONS:
        grid = ctx.units[grid_code]
        resident = (
            Resident.objects.filter(unit=grid, gender="f" if female else "m", birth_date__year__lt=1995)
            .exclude(key_records__isnull=False)
            .order_by("pk")
            .first()
        )
        if resident is None:
            continue
        with at(dt.datetime.combine(registered, dt.time(10, 0))):
            person = services.keyperson_register(
                actor=clerk,
                resident_id=resident.pk,
                category_id=categories[code].pk,
                registered_on=registered,
                danger_level=level,
                effective_on=registered - dt.timedelta(days=3) if code != "mental" else None,
                ends_on=registered + dt.timedelta(days=365 * 5),
                guardian_name=_name(rng) if code == "mental" else "",
                summary="出院回归社区，家属配合" if code == "mental" else "",
            )
            worker = (
                ctx.users["grid_a1"]
                if grid_code == "SH-JQ-01"
                else ctx.users["grid_b1"]
                if grid_code == "SH-HB-01"
                else None
            )
            lead = "司法所工作人员" if code != "mental" else "精防医生"
            services.care_member_add(actor=clerk, key_person_id=person.pk, name=_name(rng), role="lead")
            if worker is not None:
                services.care_member_add(
                    actor=clerk, key_person_id=person.pk, name="", role="grid_worker", user_id=worker.pk
                )
            services.care_member_add(actor=clerk, key_person_id=person.pk, name=_name(rng), role="police")
            services.care_member_add(
                actor=clerk,
                key_person_id=person.pk,
                name=_name(rng),
                role="justice" if code != "mental" else "doctor",
                is_female=female,
            )
            if code == "mental":
                services.guardian_agreement_record(
                    actor=clerk,
                    key_person_id=person.pk,
                    signed_on=registered,
                    guardian_name=person.guardian_name or _name(rng),
                )
            kind = {"mental": "medical", "corrections": "employment", "released": "public_job"}[code]
            services.support_measure_add(
                actor=clerk,
                key_person_id=person.pk,
                kind=kind,
                starts_on=registered + dt.timedelta(days=14),
                note=lead,
            )
            if code == "released":
                services.support_measure_add(
                    actor=clerk,
                    key_person_id=person.pk,
                    kind="subsistence",
                    starts_on=registered + dt.timedelta(days=30),
                    status="active",
                    note="经街道受理、公示，县民政局审批",
                )
        visitor = str(worker) if worker else "社区网格员"
        _visits(person, rng, worker or clerk, visitor, today)
        made += 1
    return made


def load(ctx: DemoContext) -> None:
    ctx.users.update(fresh_users(ctx))
    ctx.units.update({u.code: u for u in Unit.objects.filter(code__in=list(ctx.units))})
    rng = random.Random(2022)
    serials = Serials()
    for (birth,) in Resident.objects.values_list("birth_date").distinct():
        if birth:
            serials.used[birth] = 400  # a re-run must not reuse the order codes of the first
    actor = ctx.users["clerk"]
    created = 0
    with transaction.atomic():
        grids = Unit.objects.filter(kind=UnitKind.GRID, code__startswith="SH-").order_by("code")
        for grid in grids:
            ctx.units.setdefault(grid.code, grid)
            if Building.objects.filter(unit=grid).exists():
                continue
            created += _grid_residents(ctx, grid, rng, serials, actor)
        made = _key_persons(ctx, rng, serials)
    ctx.lines.append(
        f"居民：{Resident.objects.count()} 人（本次新增 {created}），{Building.objects.count()} 栋楼；"
        f"重点人员：{KeyPerson.objects.count()} 人（本次新增 {made}）"
    )
