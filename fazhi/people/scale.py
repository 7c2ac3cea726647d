"""County-scale people data: buildings, entrances, households and residents in every grid; key persons
with their care teams and visit history.

ID numbers are fictitious with valid GB 11643 check digits (`idgen`), unique per resident; ID numbers
and phones go through the models' EncryptedTextField and the blind index, as the services write them.
A pool of residents (a few per grid, in memory) is left in `ctx.shared["people_pool"]` for petitions
and disputes, so a petitioner is a resident and a repeat petitioner keeps the same ID number.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from fazhi.core import crypto
from fazhi.org.models import UnitKind
from fazhi.org.scalekit import ScaleContext, at, clamp, new_row, pick
from fazhi.org.scalewords import estate, mobile, person_name
from fazhi.people import rules
from fazhi.people.idgen import fictitious_id_number
from fazhi.people.models import (
    Building,
    CareTeam,
    CareTeamMember,
    ControlStatus,
    Entrance,
    Household,
    KeyPerson,
    KeyPersonCategory,
    LivingStatus,
    PoliticalStatus,
    Relation,
    Resident,
    Visit,
)
from fazhi.people.services.residents import initials_of

POOL_PER_GRID = 24
initials = lru_cache(maxsize=200_000)(initials_of)  # names repeat: pypinyin once per distinct name

FINDINGS = [
    "本人在家，精神状态良好，按时服药，家属监护到位。",
    "见到本人，情绪平稳，近期无异常言行，已提醒按时复诊。",
    "本人外出务工，电话联系确认近况，表示遵守各项规定。",
    "入户走访，了解生活困难情况，已协调申请临时救助。",
    "家属反映近期睡眠不好，已联系精防医生上门随访。",
    "按规定报告活动情况，无违反监督管理规定行为。",
    "走访时本人在社区公益岗位工作，表现良好。",
]
SUMMARIES = {
    "mental": "患者{age}岁，{years}年前确诊，现居家治疗，监护人为其{guardian}。",
    "corrections": "因{crime}被判处有期徒刑，宣告缓刑，在本社区接受社区矫正。",
    "released": "因{crime}服刑，{years}年前刑满释放，现在本社区居住，从事{job}。",
}
CRIMES = ["交通肇事罪", "危险驾驶罪", "盗窃罪", "故意伤害罪", "诈骗罪", "寻衅滋事罪", "开设赌场罪"]
JOBS = ["个体经营", "建筑务工", "物流配送", "农业种植", "餐饮服务", "保洁工作"]


class _Ids:
    """Unique ID numbers: the order code counts up per birth date and sex (500 each)."""

    def __init__(self) -> None:
        self.used: dict[tuple[dt.date, bool], int] = {}

    def take(self, birth: dt.date, female: bool) -> str:
        key = (birth, female)
        serial = self.used.get(key, 0)
        while serial >= 500:  # that day is full: the next day
            birth += dt.timedelta(days=1)
            key = (birth, female)
            serial = self.used.get(key, 0)
        self.used[key] = serial + 1
        return fictitious_id_number(birth, serial, female=female)


def _birth(rng: random.Random, today: dt.date, low: int, high: int) -> dt.date:
    age_days = rng.randint(low * 365, high * 365)
    return today - dt.timedelta(days=age_days)


def _household_members(rng: random.Random) -> list[tuple[str, int, int]]:
    """(relation, min age, max age) of a household, head first."""
    size = pick(rng, [(1, 14), (2, 30), (3, 28), (4, 17), (5, 8), (6, 3)])
    members: list[tuple[str, int, int]] = [(Relation.HEAD, 25, 85)]
    if size >= 2:
        members.append((Relation.SPOUSE, 25, 85))
    for _ in range(size - len(members)):
        members.append(
            pick(
                rng,
                [
                    ((Relation.CHILD, 0, 30), 6),
                    ((Relation.PARENT, 60, 92), 2),
                    ((Relation.GRANDCHILD, 0, 12), 1),
                ],
            )
        )
    return members


def _resident(
    ctx: ScaleContext,
    ids: _Ids,
    *,
    grid: dict[str, Any],
    household: Household,
    relation: str,
    surname: str,
    ages: tuple[int, int],
    creator: int | None,
) -> Resident:
    """One resident. The text fields a search would look at: name, address, note."""
    rng = ctx.rng
    female = rng.random() < 0.5 if relation != Relation.SPOUSE else rng.random() < 0.9
    name, female = person_name(rng, female=female)
    if relation in (Relation.HEAD, Relation.CHILD, Relation.GRANDCHILD) and rng.random() < 0.85:
        name = surname + name[1:]
    birth = _birth(rng, ctx.today, *ages)
    id_number = ids.take(birth, female)
    phone = mobile(rng) if ages[0] >= 16 and rng.random() < 0.75 else ""
    return new_row(
        Resident,
        unit_id=grid["id"],
        household=household,
        relation=relation,
        name=name,
        name_initials=initials(name),
        gender="f" if female else "m",
        birth_date=birth,
        id_number=id_number,
        id_index=crypto.blind_index(id_number, purpose="id_number"),
        phone=phone,
        phone_index=crypto.blind_index(phone, purpose="phone"),
        living_status=pick(
            rng, [(LivingStatus.REGISTERED, 70), (LivingStatus.RESIDENT, 20), (LivingStatus.FLOATING, 10)]
        ),
        political_status=pick(
            rng,
            [
                (PoliticalStatus.MASSES, 85),
                (PoliticalStatus.PARTY, 9),
                (PoliticalStatus.LEAGUE, 5),
                (PoliticalStatus.OTHER, 1),
            ],
        ),
        address=household.address,
        created_by_id=creator,
    )


def _residences(ctx: ScaleContext) -> None:
    rng = ctx.rng
    grids = ctx.units[UnitKind.GRID]
    names = ctx.shared["unit_names"]
    parent_of = ctx.shared["parent_of"]
    staff = ctx.shared["staff_of_unit"]
    total = ctx.count("residents")
    per_grid = [total // len(grids) + (1 if i < total % len(grids) else 0) for i in range(len(grids))]
    ids = _Ids()
    pool: dict[int, list[dict[str, Any]]] = {}
    with ctx.progress.stage("居民（含楼栋、单元、户）", total) as stage:
        # Buildings and entrances first (a few per grid), then households and residents grid by grid.
        buildings: list[Building] = []
        for grid, wanted in zip(grids, per_grid, strict=True):
            place = estate(rng)
            floors = rng.choice([6, 6, 11, 18, 26])
            count = max(1, wanted // 60)
            for b in range(1, count + 1):
                buildings.append(
                    new_row(
                        Building,
                        unit_id=grid["id"],
                        name=f"{place}{b}号楼",
                        address=f"{place}{b}号楼",
                        floors=floors,
                    )
                )
        buildings = ctx.insert(stage, Building, buildings)
        stage.done -= len(buildings)
        entrances = ctx.insert(
            stage,
            Entrance,
            (new_row(Entrance, building=b, name=f"{e}单元") for b in buildings for e in (1, 2)),
        )
        stage.done -= len(entrances)
        by_grid: dict[int, list[Entrance]] = {}
        for e in entrances:
            by_grid.setdefault(e.building.unit_id, []).append(e)

        def households() -> Iterator[tuple[Household, dict[str, Any], list[tuple[str, int, int]]]]:
            for grid, wanted in zip(grids, per_grid, strict=True):
                community = names[parent_of[grid["id"]]]
                doors = by_grid[grid["id"]]
                room = 0
                while wanted > 0:
                    entrance = doors[room % len(doors)]
                    floor, door = divmod(room // len(doors), 2)
                    number = f"{floor + 1}0{door + 1}"
                    room += 1
                    members = _household_members(rng)[:wanted]
                    wanted -= len(members)
                    address = f"{community} {entrance.building.name}{entrance.name}{number}"
                    yield (
                        new_row(
                            Household,
                            unit_id=grid["id"],
                            building=entrance.building,
                            entrance=entrance,
                            room=number,
                            address=address,
                        ),
                        grid,
                        members,
                    )

        batch: list[tuple[Household, dict[str, Any], list[tuple[str, int, int]]]] = []

        def flush() -> None:
            saved = ctx.insert(stage, Household, [h for h, _, _ in batch], batch=len(batch))
            stage.done -= len(saved)
            people: list[Resident] = []
            for household, grid, members in batch:
                creator = staff.get(grid["id"], [None])[0]
                surname = person_name(rng)[0][0]
                for relation, low, high in members:
                    people.append(
                        _resident(
                            ctx,
                            ids,
                            grid=grid,
                            household=household,
                            relation=relation,
                            surname=surname,
                            ages=(low, high),
                            creator=creator,
                        )
                    )
            for r in ctx.insert(stage, Resident, people, batch=len(people)):
                slot = pool.setdefault(r.unit_id, [])
                if len(slot) < POOL_PER_GRID and r.birth_date and (ctx.today - r.birth_date).days > 18 * 365:
                    slot.append(
                        {
                            "id": r.pk,
                            "unit_id": r.unit_id,
                            "name": r.name,
                            "female": r.gender == "f",
                            "id_number": r.id_number,
                            "phone": r.phone,
                            "address": r.address,
                        }
                    )
            batch.clear()

        for item in households():
            batch.append(item)
            if len(batch) >= 2_000:
                flush()
        if batch:
            flush()
    ctx.shared["people_pool"] = pool


def _key_person(
    ctx: ScaleContext, person: dict[str, Any], category: KeyPersonCategory, creator: int | None
) -> KeyPerson:
    """One key person. Text: summary (encrypted), guardian."""
    rng = ctx.rng
    registered = ctx.day() - dt.timedelta(days=rng.randint(0, 700))
    level = rng.choice([0, 0, 1, 1, 2, 3, 4]) if category.schedule == "mental" else None
    effective = registered - dt.timedelta(days=rng.randint(1, 9)) if category.schedule != "mental" else None
    guardian, _ = person_name(rng)
    summary = (
        SUMMARIES[category.schedule].format(
            age=rng.randint(25, 70),
            years=rng.randint(1, 15),
            guardian=rng.choice(["配偶", "母亲", "父亲", "儿子", "女儿"]),
            crime=rng.choice(CRIMES),
            job=rng.choice(JOBS),
        )
        if category.schedule in SUMMARIES
        else "纳入重点人员管理。"
    )
    status = pick(
        ctx.rng, [(ControlStatus.MANAGED, 95), (ControlStatus.OUT_OF_CONTACT, 4), (ControlStatus.LOST, 1)]
    )
    return new_row(
        KeyPerson,
        unit_id=person["unit_id"],
        resident_id=person["id"],
        category=category,
        danger_level=level,
        stable=rng.random() < 0.85,
        control_status=status,
        registered_on=max(registered, ctx.start - dt.timedelta(days=700)),
        effective_on=effective,
        ends_on=effective + dt.timedelta(days=365 * rng.randint(1, 3))
        if category.schedule == "corrections" and effective
        else None,
        reported_on=effective + dt.timedelta(days=rng.randint(1, 10))
        if category.schedule == "corrections" and effective
        else None,
        guardian_name=guardian if category.schedule == "mental" else "",
        guardian_phone=mobile(rng) if category.schedule == "mental" else "",
        summary=summary,
        created_by_id=creator,
    )


def _visits(
    ctx: ScaleContext, kp: KeyPerson, schedule: str, visitor: str, creator: int | None
) -> list[Visit]:
    """The visit history from registration to today, each on or a little after the due day; sets the
    key person's next due date and rule as the visit service would."""
    rng = ctx.rng
    visits: list[Visit] = []
    day = max(kp.registered_on, ctx.start) + dt.timedelta(days=rng.randint(1, 10))
    level, previous = kp.danger_level, None
    while day <= ctx.today and len(visits) < 40:
        outcome = pick(rng, [(Visit.Outcome.MET, 94), (Visit.Outcome.LOST, 4), (Visit.Outcome.REFUSED, 2)])
        stable = rng.random() < 0.85
        nxt = rules.next_visit(
            schedule=schedule, visited_on=day, level=level, stable=stable, previous_level=previous
        )
        due_before = kp.next_visit_due
        visits.append(
            new_row(
                Visit,
                key_person=kp,
                unit_id=kp.unit_id,
                visited_at=at(day, rng),
                visited_on=day,
                place="家中" if rng.random() < 0.7 else "社区服务中心",
                method=pick(
                    rng,
                    [
                        (Visit.Method.HOME, 70),
                        (Visit.Method.PHONE, 20),
                        (Visit.Method.CLINIC, 7),
                        (Visit.Method.IT, 3),
                    ],
                ),
                visitors=visitor,
                outcome=outcome,
                findings=rng.choice(FINDINGS),
                danger_level=level,
                stable=stable,
                due_before=due_before,
                on_time=due_before is None or day <= due_before,
                next_due=nxt.due,
                next_rule=nxt.rule.code,
                created_by_id=creator,
            )
        )
        kp.next_visit_due, kp.next_visit_rule = nxt.due, nxt.rule.code
        previous = level
        if level is not None and rng.random() < 0.2:
            level = max(0, min(5, level + rng.choice([-1, 1])))
        day = (
            nxt.due - dt.timedelta(days=rng.randint(0, 5))
            if rng.random() < 0.9
            else nxt.due + dt.timedelta(days=rng.randint(1, 12))
        )
    if not visits:
        kp.next_visit_due = clamp(kp.registered_on + dt.timedelta(days=14), ctx.today + dt.timedelta(days=14))
        kp.next_visit_rule = "people.mental_unstable" if schedule == "mental" else "people.released_check"
    return visits


def _key_persons(ctx: ScaleContext) -> None:
    rng = ctx.rng
    pool = ctx.shared["people_pool"]
    staff = ctx.shared["staff_of_unit"]
    categories = {
        c.schedule: c
        for c in KeyPersonCategory.objects.filter(code__in=["mental", "corrections", "released"])
    }
    grids = list(pool)
    total = ctx.count("key_persons")
    chosen: set[int] = set()
    people: list[tuple[dict[str, Any], KeyPersonCategory]] = []
    while len(people) < total and len(chosen) < sum(len(v) for v in pool.values()):
        person = rng.choice(pool[rng.choice(grids)])
        if person["id"] in chosen:
            continue
        chosen.add(person["id"])
        people.append(
            (person, categories[pick(rng, [("mental", 45), ("corrections", 25), ("released", 30)])])
        )
    ctx.shared["key_resident_ids"] = chosen
    with ctx.progress.stage("重点人员（含专班、走访）", total) as stage:
        kps = [
            _key_person(ctx, person, category, staff.get(person["unit_id"], [None])[0])
            for person, category in people
        ]
        visits: list[Visit] = []
        for kp, (person, category) in zip(kps, people, strict=True):
            visits.extend(
                _visits(
                    ctx,
                    kp,
                    category.schedule,
                    f"网格员、{person_name(rng)[0]}",
                    staff.get(person["unit_id"], [None])[0],
                )
            )
        saved = ctx.insert(stage, KeyPerson, kps)
        teams = ctx.insert(
            stage,
            CareTeam,
            (new_row(CareTeam, key_person=kp, name=f"{kp.category.name}专班") for kp in saved),
        )
        members: list[CareTeamMember] = []
        for team, (person, _) in zip(teams, people, strict=True):
            worker = staff.get(person["unit_id"], [None])[0]
            members.append(
                new_row(
                    CareTeamMember,
                    team=team,
                    user_id=worker,
                    name="网格员",
                    role=CareTeamMember.Role.GRID_WORKER,
                )
            )
            members.append(
                new_row(CareTeamMember, team=team, name=person_name(rng)[0], role=CareTeamMember.Role.POLICE)
            )
            if team.key_person.category.schedule == "mental":
                members.append(
                    new_row(
                        CareTeamMember, team=team, name=person_name(rng)[0], role=CareTeamMember.Role.DOCTOR
                    )
                )
        ctx.insert(stage, CareTeamMember, members)
        for v in visits:
            v.key_person_id = v.key_person.pk
        ctx.insert(stage, Visit, visits, keep=False)
        stage.done = len(saved)


def generate(ctx: ScaleContext) -> None:
    _residences(ctx)
    _key_persons(ctx)
