"""Demo grid work of 少海街道 for 2022: rosters and notice boards, grid events through their flow,
the points catalogue with awards, approved deductions, an upheld appeal and redemptions, four-into-
grid activities, cadre and party-member links with their logs. Idempotent: skipped once any grid
event exists. Runs after people.demo (it uses its households and residents).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from fazhi.core.errors import ValidationFailed
from fazhi.grid import services
from fazhi.grid.models import GridEvent, PointsRule, RosterMember
from fazhi.org.demo import DemoContext
from fazhi.org.models import Unit, UnitKind
from fazhi.people.demo import at, fresh_users
from fazhi.people.images import solid_png
from fazhi.people.models import Building, Household, Resident

EVENTS = [
    ("dispute", "楼上卫生间漏水渗到楼下，两户协商未果", "{b}2单元"),
    ("dispute", "邻里因楼道堆放杂物发生争执", "{b}1单元楼道"),
    ("safety", "小区东门外井盖松动，有安全隐患", "小区东门"),
    ("fire", "楼道内电动车充电，飞线充电存在火灾隐患", "{b}1单元一楼"),
    ("order", "夜间有人在健身广场聚集饮酒喧哗", "健身广场"),
    ("environment", "垃圾分类投放点满溢未及时清运", "{b}北侧投放点"),
    ("environment", "绿化带内有建筑垃圾堆放", "{b}西侧绿化带"),
    ("facility", "路灯不亮已三天，夜间出行不便", "{b}前道路"),
    ("facility", "单元门禁损坏无法关闭", "{b}2单元"),
    ("service", "独居老人申请代办高龄补贴", "{b}1单元"),
    ("opinion", "居民反映希望增设电动车集中充电桩", "社区居委会"),
]
AWARDS = [
    ("help", "邻里互助", 10, 30, "month", False),
    ("volunteer", "参加志愿服务", 5, 40, "month", False),
    ("sorting", "垃圾分类积极户", 5, 20, "month", False),
    ("brave", "见义勇为", 50, None, "year", True),
    ("council", "参加议事协商", 5, 20, "quarter", False),
]
DEDUCTIONS = [
    ("clutter", "楼道乱堆乱放", 5),
    ("dog", "违规养犬未牵绳", 10),
    ("throw", "高空抛物", 20),
    ("build", "私搭乱建", 30),
]
PHOTO_COLOURS = [(166, 27, 27), (31, 97, 141), (30, 132, 73), (183, 149, 11)]
ITEMS = [
    ("毛巾", 10, 200),
    ("洗衣液", 30, 100),
    ("大米（5公斤）", 50, 80),
    ("食用油（5升）", 80, 50),
    ("理发服务券", 20, 120),
]
ACTIVITIES = {
    "organisation": ["网格党小组主题党日", "楼栋党员亮身份活动", "网格党建联席会"],
    "consultation": ["停车难议事会", "加装电梯协商会", "“小板凳拉呱日”议事"],
    "credit": ["信用积分评议会", "文明家庭积分公示", "诚信示范户评选"],
    "service": ["义诊进网格", "法律咨询进网格", "为老人代办高龄补贴"],
}


def _actors(ctx: DemoContext, grid: Unit) -> tuple[Any, Any, Any]:
    """(reporter, dispatcher, handler) for a grid: its grid worker where the demo has one."""
    users = ctx.users
    office = users["community_a"] if grid.code.startswith("SH-JQ") else users["clerk"]
    worker = {"SH-JQ-01": users["grid_a1"], "SH-HB-01": users["grid_b1"]}.get(grid.code, office)
    return worker, office, worker if worker != office else office


def _rosters(ctx: DemoContext, grids: list[Unit], rng: random.Random) -> None:
    from fazhi.people.demo import _name, _phone

    clerk = ctx.users["clerk"]
    names = {
        "SH-JQ-01": ("孙强", "13905431004", ctx.users["grid_a1"]),
        "SH-HB-01": ("周丽", "13905431005", ctx.users["grid_b1"]),
    }
    with at(dt.datetime(2022, 1, 5, 9, 0)):
        for grid in grids:
            name, phone, user = names.get(grid.code, (_name(rng), _phone(rng), None))
            services.roster_add(
                actor=clerk,
                unit_id=grid.pk,
                role="grid_worker",
                name=name,
                phone=phone,
                user_id=user.pk if user else None,
            )
            community = Unit.objects.get(path=grid.path[: -Unit.steplen])
            services.grid_profile_save(
                actor=clerk,
                unit_id=grid.pk,
                area=f"{community.name}"
                + "、".join(Building.objects.filter(unit=grid).values_list("name", flat=True))
                + "及周边道路、广场",
                complaint_phone="0543-2361234",
            )
            buildings = list(Building.objects.filter(unit=grid).order_by("name"))
            for building in buildings:
                resident = (
                    Resident.objects.filter(household__building=building, relation="head")
                    .order_by("pk")
                    .first()
                )
                if resident:
                    services.roster_add(
                        actor=clerk,
                        unit_id=grid.pk,
                        role="building_head",
                        resident_id=resident.pk,
                        building_id=building.pk,
                    )
                entrance = building.entrances.order_by("name").first()
                head = (
                    Resident.objects.filter(household__entrance=entrance, relation="spouse")
                    .order_by("pk")
                    .first()
                )
                if entrance and head:
                    services.roster_add(
                        actor=clerk,
                        unit_id=grid.pk,
                        role="entrance_head",
                        resident_id=head.pk,
                        building_id=building.pk,
                        entrance=entrance.name,
                    )
            for resident in Resident.objects.filter(unit=grid, political_status="party").order_by("pk")[:2]:
                services.roster_add(
                    actor=clerk,
                    unit_id=grid.pk,
                    role="volunteer",
                    resident_id=resident.pk,
                    specialty="治安巡逻",
                )
            notable = Resident.objects.filter(unit=grid, birth_date__year__lt=1960).order_by("pk").first()
            if notable:
                services.roster_add(
                    actor=clerk,
                    unit_id=grid.pk,
                    role="notable",
                    resident_id=notable.pk,
                    specialty="退休教师，调解邻里纠纷",
                )


def _events(ctx: DemoContext, grids: list[Unit], rng: random.Random) -> int:
    count = 0
    for grid in grids:
        reporter, office, handler = _actors(ctx, grid)
        building = Building.objects.filter(unit=grid).order_by("name").first()
        for n in range(9):
            category, text, where = rng.choice(EVENTS)
            day = dt.date(2022, 1, 10) + dt.timedelta(days=rng.randint(0, 340))
            moment = dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.choice([5, 20, 35, 50])))
            with at(moment):
                event = services.event_report(
                    actor=reporter,
                    unit_id=grid.pk,
                    category=category,
                    description=text,
                    location=where.format(b=building.name if building else ""),
                    photos=[(f"现场照片{n + 1}.png", solid_png(PHOTO_COLOURS[n % len(PHOTO_COLOURS)]))],
                )
            count += 1
            fate = rng.random()
            if fate < 0.06:
                with at(moment + dt.timedelta(hours=2)):
                    services.event_reject(actor=office, event_id=event.pk, note="经核实为重复上报")
                continue
            with at(moment + dt.timedelta(hours=1)):
                services.event_accept(actor=office, event_id=event.pk, note="情况属实")
            if category == "dispute" and fate < 0.25:
                with at(moment + dt.timedelta(hours=3)):
                    services.event_convert(
                        actor=office, event_id=event.pk, note="涉及双方利益，转社区人民调解委员会调解"
                    )
                continue
            with at(moment + dt.timedelta(hours=2)):
                services.event_dispatch(actor=office, event_id=event.pk, assignee_id=handler.pk)
            if day > dt.date(2022, 12, 20) and fate > 0.5:
                continue  # still with the handler at the year's end
            late = rng.random() < 0.1
            done = moment + dt.timedelta(days=rng.randint(0, 2) + (6 if late else 0), hours=4)
            with at(done):
                services.event_handle(actor=handler, event_id=event.pk, handling="已到现场协调处置")
            with at(done + dt.timedelta(hours=2)):
                services.event_feedback(actor=handler, event_id=event.pk, feedback="处置完毕，已向居民反馈")
            with at(done + dt.timedelta(days=1)):
                services.event_close(actor=office, event_id=event.pk, note="现场核查，处置到位")
            if rng.random() < 0.8:
                with at(done + dt.timedelta(days=2)):
                    services.event_evaluate(
                        actor=office,
                        event_id=event.pk,
                        evaluation=rng.choices(["satisfied", "basic", "unsatisfied"], [80, 17, 3])[0],
                    )
    return count


def _points(ctx: DemoContext, communities: list[Unit], grids: list[Unit], rng: random.Random) -> int:
    clerk = ctx.users["clerk"]
    with at(dt.datetime(2022, 1, 3, 9, 0)):
        for community in communities:
            for code, name, points, cap, period, evidence in AWARDS:
                services.points_rule_save(
                    actor=clerk,
                    unit_id=community.pk,
                    code=code,
                    name=name,
                    kind="award",
                    points=points,
                    cap=cap,
                    cap_period=period,
                    evidence_required=evidence,
                )
            for code, name, points in DEDUCTIONS:
                services.points_rule_save(
                    actor=clerk, unit_id=community.pk, code=code, name=name, kind="deduction", points=points
                )
            for name, cost, stock in ITEMS:
                services.redemption_item_save(
                    actor=clerk, unit_id=community.pk, name=name, cost=cost, stock=stock
                )
    entries = 0
    for grid in grids:
        reporter, _office, _ = _actors(ctx, grid)
        community = Unit.objects.get(path=grid.path[: -Unit.steplen])
        rules = {r.code: r for r in PointsRule.objects.filter(unit=community)}
        homes = list(Household.objects.filter(unit=grid).order_by("pk"))
        for home in homes:
            for _ in range(rng.randint(1, 6)):
                code = rng.choice(["help", "volunteer", "sorting", "council", "help"])
                day = dt.date(2022, 1, 10) + dt.timedelta(days=rng.randint(0, 340))
                with at(dt.datetime.combine(day, dt.time(15, 0))):
                    try:
                        services.points_award(
                            actor=reporter,
                            household_id=home.pk,
                            rule_id=rules[code].pk,
                            occurred_on=day,
                            reason=rules[code].name,
                        )
                        entries += 1
                    except ValidationFailed:  # a cap reached is simply not awarded again
                        continue
        for home in rng.sample(homes, k=min(3, len(homes))):
            code = rng.choice(["clutter", "dog", "throw"])
            day = dt.date(2022, 3, 1) + dt.timedelta(days=rng.randint(0, 250))
            with at(dt.datetime.combine(day, dt.time(10, 0))):
                proposal = services.points_award(
                    actor=reporter,
                    household_id=home.pk,
                    rule_id=rules[code].pk,
                    occurred_on=day,
                    reason=rules[code].name,
                    attachment=("现场照片.png", solid_png((120, 120, 120))),
                )
            approver = (
                clerk
                if reporter != clerk
                else ctx.users["community_a"]
                if grid.code.startswith("SH-JQ")
                else None
            )
            if approver is None:
                continue
            with at(dt.datetime.combine(day + dt.timedelta(days=1), dt.time(9, 0))):
                services.deduction_decide(
                    actor=approver, proposal_id=proposal.pk, approve=True, note="依据属实"
                )
            entries += 1
        if grid.code == "SH-JQ-01":
            _appeal_and_redeem(ctx, grid, rng)
    return entries


def _appeal_and_redeem(ctx: DemoContext, grid: Unit, rng: random.Random) -> None:
    from fazhi.grid.models import DeductionProposal, RedemptionItem
    from fazhi.grid.selectors import balance_of

    proposal = DeductionProposal.objects.filter(unit=grid, status="approved").order_by("pk").first()
    if proposal is not None and proposal.entry_id:
        with at(dt.datetime(2022, 11, 2, 10, 0)):
            appeal = services.points_appeal_file(
                actor=ctx.users["grid_a1"],
                entry_id=proposal.entry_id,
                appellant="户主",
                reason="杂物系装修队临时堆放，已当日清走",
            )
        with at(dt.datetime(2022, 11, 4, 10, 0)):
            services.points_appeal_decide(
                actor=ctx.users["clerk"],
                appeal_id=appeal.pk,
                uphold=True,
                note="经核实属装修临时堆放，已清理，予以冲正",
            )
    items = list(
        RedemptionItem.objects.filter(unit=Unit.objects.get(path=grid.path[: -Unit.steplen])).order_by("cost")
    )
    for home in Household.objects.filter(unit=grid).order_by("pk")[:8]:
        item = items[rng.randrange(len(items))]
        if balance_of(home.pk) >= item.cost:
            with at(dt.datetime(2022, 12, 20, 14, 0)):
                services.points_redeem(
                    actor=ctx.users["grid_a1"],
                    household_id=home.pk,
                    item_id=item.pk,
                    redeemed_on=dt.date(2022, 12, 20),
                )


def _activities_and_links(ctx: DemoContext, grids: list[Unit], rng: random.Random) -> None:
    clerk = ctx.users["clerk"]
    for grid in grids:
        reporter, _office, _ = _actors(ctx, grid)
        for kind, titles in ACTIVITIES.items():
            for title in rng.sample(titles, k=2):
                day = dt.date(2022, 2, 1) + dt.timedelta(days=rng.randint(0, 300))
                with at(dt.datetime.combine(day, dt.time(16, 0))):
                    services.activity_record(
                        actor=reporter,
                        unit_id=grid.pk,
                        kind=kind,
                        held_on=day,
                        title=title,
                        content=f"{grid.name}开展“{title}”，居民积极参与，收集意见建议并逐项落实。",
                        participants=rng.randint(12, 60),
                        photos=[("活动照片.png", solid_png((30, 132, 73)))],
                    )
        members = list(Resident.objects.filter(unit=grid, political_status="party").order_by("pk")[:3])
        homes = list(Household.objects.filter(unit=grid).order_by("pk"))
        with at(dt.datetime(2022, 2, 10, 9, 0)):
            links = []
            for i, member in enumerate(members):
                for home in homes[i * 3 : i * 3 + 3]:
                    if home.pk != member.household_id:
                        links.append(
                            services.party_link_create(
                                actor=clerk,
                                member_id=member.pk,
                                household_id=home.pk,
                                since=dt.date(2022, 2, 10),
                            )
                        )
        for link in links:
            for month in rng.sample(range(3, 13), k=3):
                day = dt.date(2022, month, rng.randint(1, 28))
                with at(dt.datetime.combine(day, dt.time(19, 0))):
                    services.party_contact_record(
                        actor=reporter,
                        link_id=link.pk,
                        contacted_on=day,
                        method=rng.choice(["visit", "phone", "wechat"]),
                        content=rng.choice(
                            [
                                "了解家中老人身体情况",
                                "宣传垃圾分类",
                                "征求停车管理意见",
                                "提醒冬季用火用电安全",
                            ]
                        ),
                    )
    cadres = [
        (ctx.users["leader"], "SH-JQ-01", "党工委书记联系锦秋社区第一网格"),
        (ctx.users["clerk"], "SH-HB-01", "信访办联系湖滨社区第一网格"),
    ]
    with at(dt.datetime(2022, 1, 6, 9, 0)):
        made = [
            services.cadre_link_create(
                actor=clerk,
                cadre_id=user.pk,
                unit_id=ctx.units[code].pk,
                since=dt.date(2022, 1, 6),
                duty=duty,
            )
            for user, code, duty in cadres
        ]
    for cadre_link, (user, _code, _duty) in zip(made, cadres, strict=True):
        for month in range(1, 13):
            day = dt.date(2022, month, 15)
            with at(dt.datetime.combine(day, dt.time(9, 30))):
                services.cadre_visit_record(
                    actor=user,
                    link_id=cadre_link.pk,
                    visited_on=day,
                    content=f"{month}月下网格：走访困难家庭，听取居民意见",
                    issues=rng.randint(0, 4),
                )


def load(ctx: DemoContext) -> None:
    if GridEvent.objects.exists() or RosterMember.objects.exists():
        ctx.lines.append(f"网格事件：{GridEvent.objects.count()} 件（已有，未重复载入）")
        return
    ctx.users.update(fresh_users(ctx))
    ctx.units.update({u.code: u for u in Unit.objects.filter(code__in=list(ctx.units))})
    rng = random.Random(30428)
    grids = list(Unit.objects.filter(kind=UnitKind.GRID, code__startswith="SH-").order_by("code"))
    communities = list(Unit.objects.filter(kind=UnitKind.COMMUNITY, code__startswith="SH-").order_by("code"))
    with transaction.atomic():
        _rosters(ctx, grids, rng)
        events = _events(ctx, grids, rng)
        entries = _points(ctx, communities, grids, rng)
        _activities_and_links(ctx, grids, rng)
    ctx.lines.append(
        f"网格事件：{events} 件（2022年）；积分记录：{entries} 条；四进网格活动、干部联网格、党员联居民已载入"
    )
