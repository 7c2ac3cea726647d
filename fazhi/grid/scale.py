"""County-scale grid events: reported by each grid's worker over three years, spread along their flow
(older events mostly closed and evaluated, recent ones still open), with the dates of each step
consistent (reported ≤ accepted ≤ dispatched ≤ handled ≤ fed back ≤ closed ≤ evaluated ≤ today) and
the handling deadline from `rules.handling_rule`. Descriptions are built from templates × vocabularies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from fazhi.grid import rules
from fazhi.grid.models import Evaluation, EventCategory, EventStatus, GridEvent
from fazhi.org.models import UnitKind
from fazhi.org.scalekit import ScaleContext, at, new_row, pick
from fazhi.org.scalewords import estate, person_name, road

SPOTS = [
    "楼道",
    "地下车库",
    "单元门口",
    "小区东门",
    "健身广场",
    "菜市场旁",
    "背街小巷",
    "沿街商铺门前",
    "河道边",
    "停车场",
]
TEXTS: dict[str, list[str]] = {
    EventCategory.DISPUTE: [
        "{estate}{n}号楼{a}与{b}因{issue}发生争执，双方情绪激动，需社区介入调解。",
        "{a}反映与邻居{b}因{issue}多次协商不成，矛盾有激化苗头，请求网格协调。",
        "{estate}两户居民因{issue}产生口角，网格员到场劝解，建议转人民调解。",
    ],
    EventCategory.SAFETY: [
        "{estate}{spot}{hazard}，存在安全隐患，需尽快处置。",
        "巡查发现{road}{spot}{hazard}，已设置警示标志，请相关部门处理。",
    ],
    EventCategory.FIRE: [
        "{estate}{spot}{fire}，堵塞消防通道，存在火灾隐患。",
        "{estate}{n}号楼居民在{spot}{fire}，已劝导但未整改。",
    ],
    EventCategory.ORDER: [
        "{road}{spot}夜间有人{order}，影响居民休息和治安秩序。",
        "居民{a}反映{estate}{spot}经常有人{order}，请求加强巡查。",
    ],
    EventCategory.ENVIRONMENT: [
        "{estate}{spot}{dirt}，气味难闻，影响周边居民生活。",
        "{road}{spot}{dirt}，多日无人清理，居民意见较大。",
    ],
    EventCategory.FACILITY: [
        "{road}{facility}损坏，影响居民出行，需维修。",
        "{estate}{n}号楼{facility}故障，已报物业，迟迟未修。",
    ],
    EventCategory.SERVICE: [
        "居民{a}年老行动不便，申请网格员代办{service}。",
        "{estate}居民{a}咨询并委托代办{service}，已收取相关材料。",
    ],
    EventCategory.OPINION: [
        "{estate}居民集中反映{opinion}，希望社区协调解决。",
        "走访中居民{a}建议{opinion}。",
    ],
    EventCategory.OTHER: ["{estate}{spot}{hazard}，情况已登记，待核实处理。"],
}
WORDS = {
    "issue": [
        "楼上漏水",
        "噪音扰民",
        "占用公共楼道",
        "停车位",
        "宅基地边界",
        "树木遮挡采光",
        "饲养宠物",
        "装修施工",
        "排水管堵塞",
        "赡养老人",
    ],
    "hazard": [
        "井盖缺失",
        "外墙瓷砖脱落",
        "电线私拉乱接",
        "护栏松动",
        "广告牌倾斜",
        "路面塌陷",
        "树枝断裂悬挂",
    ],
    "fire": ["堆放大量杂物", "电动车飞线充电", "私设煤气罐", "占用消防通道停车", "灭火器过期"],
    "order": ["聚集饮酒喧哗", "无证摆摊", "醉酒闹事", "散发小广告", "违规燃放烟花"],
    "dirt": ["生活垃圾堆积", "污水外溢", "建筑垃圾乱倒", "油烟直排", "绿化带被毁种菜"],
    "facility": ["路灯", "电梯", "单元门禁", "健身器材", "排水井盖", "公交站牌", "楼道照明"],
    "service": ["养老保险认证", "医保报销", "残疾证办理", "低保年审", "居住证", "高龄津贴申领"],
    "opinion": ["增设停车位", "加装电梯", "延长供暖时间", "增加公交班次", "建设口袋公园", "整治背街小巷"],
}
HANDLING = [
    "已联系{dept}到场处置，现场已整改完毕。",
    "网格员会同{dept}上门协调，当事双方达成一致。",
    "已督促责任单位{dept}限期整改，整改完成并拍照留存。",
]
DEPTS = ["物业公司", "综合执法中队", "社区民警", "供电所", "燃气公司", "环卫所", "住建部门", "社区居委会"]
CATEGORY_WEIGHTS = [
    (EventCategory.DISPUTE, 18),
    (EventCategory.SAFETY, 14),
    (EventCategory.FIRE, 8),
    (EventCategory.ORDER, 8),
    (EventCategory.ENVIRONMENT, 20),
    (EventCategory.FACILITY, 14),
    (EventCategory.SERVICE, 10),
    (EventCategory.OPINION, 6),
    (EventCategory.OTHER, 2),
]


def _description(ctx: ScaleContext, category: str) -> str:
    rng = ctx.rng
    template = rng.choice(TEXTS[category])
    return template.format(
        estate=estate(rng),
        road=road(rng),
        spot=rng.choice(SPOTS),
        n=rng.randint(1, 30),
        a=person_name(rng)[0],
        b=person_name(rng)[0],
        **{k: rng.choice(v) for k, v in WORDS.items()},
    )


def _event(
    ctx: ScaleContext, grid: dict[str, Any], number: str, day: dt.date, reporter: int, assignee: int
) -> GridEvent:
    """One event along its flow. Text: description, location, handling, feedback, close_note."""
    rng = ctx.rng
    category = pick(rng, CATEGORY_WEIGHTS)
    age = (ctx.today - day).days
    # How far the event got: old ones almost all finished; the last weeks' ones still moving.
    if age > 30:
        status = pick(
            rng,
            [
                (EventStatus.EVALUATED, 55),
                (EventStatus.CLOSED, 38),
                (EventStatus.REJECTED, 5),
                (EventStatus.DISPATCHED, 2),
            ],
        )
    else:
        status = pick(
            rng,
            [
                (EventStatus.REPORTED, 12),
                (EventStatus.ACCEPTED, 10),
                (EventStatus.DISPATCHED, 25),
                (EventStatus.HANDLED, 12),
                (EventStatus.FED_BACK, 8),
                (EventStatus.CLOSED, 23),
                (EventStatus.EVALUATED, 10),
            ],
        )
    reported = min(at(day, rng, hours=(7, 20)), ctx.now)
    event = new_row(
        GridEvent,
        unit_id=grid["id"],
        number=number,
        category=category,
        description=_description(ctx, category),
        location=f"{estate(rng)}{rng.randint(1, 30)}号楼附近",
        latitude=Decimal("37.1") + Decimal(rng.randint(0, 99_999)) / Decimal(1_000_000),
        longitude=Decimal("118.1") + Decimal(rng.randint(0, 99_999)) / Decimal(1_000_000),
        status=status,
        reporter_id=reporter,
        reported_at=reported,
        reported_on=day,
    )
    steps = [
        EventStatus.REPORTED,
        EventStatus.ACCEPTED,
        EventStatus.DISPATCHED,
        EventStatus.HANDLED,
        EventStatus.FED_BACK,
        EventStatus.CLOSED,
        EventStatus.EVALUATED,
    ]
    reached = steps.index(status) if status in steps else 1
    moment = reported

    def later(hours: int) -> dt.datetime:
        nonlocal moment
        moment = min(moment + dt.timedelta(hours=rng.randint(1, hours)), ctx.now)
        return moment

    if status == EventStatus.REJECTED:
        event.accepted_at = later(8)
        event.close_note = "经核实不属于网格事件受理范围，已告知上报人。"
        return event
    if reached >= 1:
        event.accepted_at = later(6)
    if reached >= 2:
        event.dispatched_at = later(6)
        event.assignee_id = assignee
        rule = rules.handling_rule(category)
        event.due_on, event.due_rule = event.dispatched_at.date() + dt.timedelta(days=rule.days), rule.code
    if reached >= 3:
        event.handled_at = later(24 * 4 if rng.random() < 0.9 else 24 * 10)
        event.handling = rng.choice(HANDLING).format(dept=rng.choice(DEPTS))
    if reached >= 4:
        event.fed_back_at = later(12)
        event.feedback = "已向上报人反馈处置结果，上报人表示认可。"
    if reached >= 5:
        event.closed_at = later(24)
        event.closed_on = event.closed_at.date()
        event.close_note = "经核查，处置到位，同意结案。"
    if reached >= 6:
        event.evaluated_at = later(48)
        event.evaluation = pick(
            rng, [(Evaluation.SATISFIED, 82), (Evaluation.BASIC, 14), (Evaluation.UNSATISFIED, 4)]
        )
    return event


def generate(ctx: ScaleContext) -> None:
    rng = ctx.rng
    grids = ctx.units[UnitKind.GRID]
    staff = ctx.shared["staff_of_unit"]
    parent_of = ctx.shared["parent_of"]
    total = ctx.count("events")
    seq: dict[int, int] = {}

    def events() -> Iterator[GridEvent]:
        for i in range(total):
            grid = grids[i % len(grids)] if i < len(grids) else grids[rng.randrange(len(grids))]
            day = ctx.day()
            seq[day.year] = seq.get(day.year, 0) + 1
            worker = staff[grid["id"]][0]
            assignee = worker if rng.random() < 0.7 else staff[parent_of[grid["id"]]][0]
            yield _event(ctx, grid, f"SJ{day.year}-{seq[day.year]:06d}", day, worker, assignee)

    with ctx.progress.stage("网格事件", total) as stage:
        ctx.insert(stage, GridEvent, events(), keep=False)
