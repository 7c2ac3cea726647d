"""County-scale disputes: one people's mediation committee per community with three mediators; disputes
registered over three years with two parties each (the applicant a resident), the risk level and its
reasons from `risk.assess`, and statuses along the workflow with their outcome (old ones mostly ended:
agreement, settled, failed, refused, transferred; recent ones registered, assigned or in mediation).
Failed and refused ones carry their Termination, as `dispute_terminate` writes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from fazhi.core import crypto
from fazhi.disputes import risk, rules
from fazhi.disputes.models import (
    Dispute,
    DisputeCategory,
    DisputeMediator,
    MediationOrg,
    Mediator,
    Party,
    Sequence,
    Termination,
)
from fazhi.disputes.models.choices import Consent, Outcome, PartyKind, PartyRole, Sex, Source, TerminationKind
from fazhi.disputes.workflow import Status
from fazhi.org.models import UnitKind
from fazhi.org.scalekit import ScaleContext, due, new_row, pick
from fazhi.org.scalewords import enterprise, estate, person_name

# category code -> (summary templates, claims templates)
TEXTS: dict[str, tuple[list[str], list[str]]] = {
    "neighbour": (
        [
            "{a}与邻居{b}因{issue}发生纠纷，双方多次争吵，关系紧张。",
            "{estate}{a}家与{b}家因{issue}产生矛盾，曾发生肢体冲突。",
        ],
        ["要求对方停止侵害、恢复原状", "要求对方赔礼道歉并赔偿损失{money}"],
    ),
    "family": (
        [
            "{a}与{b}系夫妻关系，因{family}产生矛盾，一方提出离婚。",
            "{a}与兄弟{b}因{family}发生争执，老人无人照料。",
        ],
        ["要求对方按月支付赡养费{small}元", "要求分割共同财产"],
    ),
    "land": (
        ["{village}村民{a}与{b}因宅基地边界发生争议，双方各执一词。", "{a}承包地被{b}占用耕种，协商不成。"],
        ["要求对方退还占用土地", "要求重新确定边界"],
    ),
    "labour": (
        [
            "{a}等{n}人在{company}务工，被拖欠工资{money}，多次讨要未果。",
            "{a}在{company}工作期间受伤，双方就工伤待遇发生争议。",
        ],
        ["要求支付拖欠工资{money}", "要求赔偿医疗费、误工费{money}"],
    ),
    "property": (
        [
            "{estate}业主{a}与物业公司因{property}发生纠纷。",
            "{estate}多名业主因{property}拒交物业费，与物业公司矛盾激化。",
        ],
        ["要求物业公司履行维修义务", "要求退还多收的物业费"],
    ),
    "debt": (
        ["{a}向{b}借款{money}，到期后{b}以各种理由拒不归还。", "{a}与{b}因合伙经营账目不清发生债务纠纷。"],
        ["要求归还借款{money}及利息", "要求清算合伙账目"],
    ),
    "damages": (
        ["{a}饲养的狗咬伤{b}，双方就赔偿数额发生争议。", "{a}装修时损坏{b}家管道，造成财产损失。"],
        ["要求赔偿医疗费{small}元", "要求赔偿财产损失{money}"],
    ),
    "relocation": (
        [
            "{village}{a}家房屋被征收，对补偿标准有异议，拒绝搬迁。",
            "{a}认为征收评估面积少算，补偿款相差{money}。",
        ],
        ["要求重新评估补偿", "要求增加安置面积"],
    ),
    "contract": (
        [
            "{a}与{company}签订装修合同，因工程质量问题发生纠纷。",
            "{a}与{b}因房屋租赁合同到期押金退还发生争议。",
        ],
        ["要求返工或赔偿{money}", "要求退还押金{small}元"],
    ),
    "traffic": (
        ["{a}驾驶电动车与{b}驾驶的轿车相撞，双方就责任和赔偿协商不成。"],
        ["要求赔偿医疗费、误工费{money}"],
    ),
    "other": (["{a}与{b}因{issue}产生矛盾，需调解处理。"], ["要求协调解决"]),
}
ISSUES = [
    "楼道堆放杂物",
    "装修噪音",
    "空调外机位置",
    "排水沟堵塞",
    "树木遮挡采光",
    "饲养宠物扰民",
    "占用公共车位",
    "楼上漏水",
]
FAMILY = ["赡养老人", "家庭琐事", "房产分割", "子女抚养", "彩礼返还"]
PROPERTY = ["电梯长期停运", "小区绿化被毁", "车位收费", "楼顶漏水维修"]
RECORDS = [
    "调解员分别听取双方陈述，释法说理，双方情绪逐步缓和。",
    "调解员组织双方面对面协商，对赔偿数额初步形成一致意见。",
]
MEDIATOR_JOBS = ["社区书记", "退休教师", "律师", "网格员", "老党员", "退休法官"]


def _dispute(
    ctx: ScaleContext,
    *,
    number: str,
    unit_id: int,
    category: DisputeCategory,
    day: dt.date,
    creator: int | None,
    org_id: int | None,
) -> Dispute:
    """One dispute along its flow. Text: summary, claims, place, risk reasons."""
    rng = ctx.rng
    summaries, claims = TEXTS.get(category.code, TEXTS["other"])
    money = rng.randint(1, 60) * 1_000 * (10 if rng.random() < 0.3 else 1)
    words: dict[str, Any] = {
        "a": person_name(rng)[0],
        "b": person_name(rng)[0],
        "n": rng.randint(2, 40),
        "estate": estate(rng),
        "village": estate(rng)[:2] + "村",
        "company": enterprise(rng),
        "issue": rng.choice(ISSUES),
        "family": rng.choice(FAMILY),
        "property": rng.choice(PROPERTY),
        "money": f"{money}元",
        "small": rng.randint(3, 30) * 100,
    }
    people: int = words["n"] if category.code == "labour" else rng.choice([2, 2, 2, 3, 4, 6, 12])
    flags = {
        f: rng.random() < p
        for f, p in (
            ("police_history", 0.08),
            ("criminal_risk", 0.02),
            ("group_behaviour", 0.02),
            ("extreme_behaviour", 0.01),
        )
    }
    assessed = risk.assess(
        people_involved=people,
        amount=Decimal(money),
        police_history=flags["police_history"],
        criminal_risk=flags["criminal_risk"],
        group_behaviour=flags["group_behaviour"],
        extreme_behaviour=flags["extreme_behaviour"],
    )
    d = new_row(
        Dispute,
        number=number,
        unit_id=unit_id,
        category=category,
        source=pick(
            rng,
            [
                (Source.SCREENING, 35),
                (Source.WALK_IN, 25),
                (Source.HOTLINE, 12),
                (Source.PETITION, 5),
                (Source.TALK_DAY, 8),
                (Source.REFERRAL, 10),
                (Source.PROACTIVE, 5),
            ],
        ),
        summary=rng.choice(summaries).format(**words),
        claims=rng.choice(claims).format(**words),
        occurred_on=day - dt.timedelta(days=rng.randint(0, 20)),
        registered_on=day,
        place=words["estate"],
        amount=Decimal(money),
        people_involved=people,
        risk_level=assessed.level,
        risk_reasons=assessed.reasons,
        lead_level=assessed.lead_level,
        org_id=org_id,
        created_by_id=creator,
        **flags,
    )
    age = (ctx.today - day).days
    if age > 45:
        d.status = pick(
            rng,
            [
                (Status.CLOSED, 78),
                (Status.FAILED, 9),
                (Status.REFUSED, 4),
                (Status.TRANSFERRED, 5),
                (Status.AGREED, 4),
            ],
        )
    else:
        d.status = pick(
            rng,
            [
                (Status.REGISTERED, 15),
                (Status.ASSIGNED, 15),
                (Status.MEDIATING, 25),
                (Status.CLOSED, 35),
                (Status.AGREED, 5),
                (Status.FAILED, 5),
            ],
        )
    if d.status == Status.REGISTERED:
        return d
    started = min(day + dt.timedelta(days=rng.randint(0, 5)), ctx.today)
    if d.status != Status.ASSIGNED:
        d.mediation_started_on = started
        d.due_on, d.due_rule = due(rules.MEDIATION, started), rules.MEDIATION.code
    ended = min(started + dt.timedelta(days=int(rng.triangular(0, 40, 8))), ctx.today)
    if d.status == Status.CLOSED:
        d.outcome, d.concluded_on = pick(rng, [(Outcome.AGREEMENT, 70), (Outcome.SETTLED, 30)]), ended
    elif d.status == Status.AGREED:
        d.outcome = Outcome.AGREEMENT
    elif d.status in (Status.FAILED, Status.REFUSED, Status.TRANSFERRED):
        endings: dict[str, str] = {
            Status.FAILED: Outcome.FAILED,
            Status.REFUSED: Outcome.REFUSED,
            Status.TRANSFERRED: Outcome.TRANSFERRED,
        }
        d.outcome = endings[d.status]
        d.concluded_on = ended
    return d


def _parties(ctx: ScaleContext, d: Dispute, person: dict[str, Any]) -> list[Party]:
    """Applicant (a resident: ID number and phone encrypted, blind indexes) and respondent."""
    rng = ctx.rng
    consent = Consent.AGREED if d.status not in (Status.REGISTERED, Status.REFUSED) else Consent.PENDING
    applicant = new_row(
        Party,
        dispute=d,
        order=0,
        role=PartyRole.APPLICANT,
        name=person["name"],
        sex=Sex.FEMALE if person["female"] else Sex.MALE,
        id_number=person["id_number"],
        id_index=crypto.blind_index(person["id_number"], purpose="id_number"),
        phone=person["phone"],
        phone_index=crypto.blind_index(person["phone"], purpose="phone"),
        address=person["address"],
        consent=consent,
        consent_on=d.mediation_started_on,
    )
    if d.category.code in ("labour", "property", "contract") and rng.random() < 0.7:
        other = new_row(
            Party,
            dispute=d,
            order=1,
            kind=PartyKind.ORGANISATION,
            role=PartyRole.RESPONDENT,
            name=enterprise(rng),
            representative=person_name(rng)[0],
            consent=consent,
            consent_on=d.mediation_started_on,
        )
    else:
        name, female = person_name(rng)
        phone = f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}"
        other = new_row(
            Party,
            dispute=d,
            order=1,
            role=PartyRole.RESPONDENT,
            name=name,
            sex=Sex.FEMALE if female else Sex.MALE,
            phone=phone,
            phone_index=crypto.blind_index(phone, purpose="phone"),
            consent=Consent.REFUSED if d.status == Status.REFUSED else consent,
            consent_on=d.mediation_started_on,
        )
    return [applicant, other]


def _orgs(ctx: ScaleContext) -> dict[int, tuple[int, list[int]]]:
    """One committee per community with three mediators: community id -> (org id, mediator ids)."""
    rng = ctx.rng
    communities = ctx.units[UnitKind.COMMUNITY]
    with ctx.progress.stage("调解组织、调解员", len(communities) * 4) as stage:
        orgs = ctx.insert(
            stage,
            MediationOrg,
            (
                new_row(
                    MediationOrg,
                    name=f"{c['name']}人民调解委员会",
                    unit_id=c["id"],
                    doc_prefix=c["name"][:1] + "调",
                    venue=f"{c['name']}党群服务中心调解室",
                    phone="0543-2300000",
                )
                for c in communities
            ),
        )
        mediators = []
        for org in orgs:
            for role in ("director", "member", "member"):
                name, female = person_name(rng)
                mediators.append(
                    new_row(
                        Mediator,
                        org=org,
                        name=name,
                        sex=Sex.FEMALE if female else Sex.MALE,
                        birth_year=rng.randint(1955, 1990),
                        role=role,
                        occupation=rng.choice(MEDIATOR_JOBS),
                    )
                )
        mediators = ctx.insert(stage, Mediator, mediators)
    result: dict[int, tuple[int, list[int]]] = {}
    for org in orgs:
        result[org.unit_id] = (org.pk, [])
    for m in mediators:
        result[m.org.unit_id][1].append(m.pk)
    return result


def generate(ctx: ScaleContext) -> None:
    rng = ctx.rng
    grids = ctx.units[UnitKind.GRID]
    parent_of = ctx.shared["parent_of"]
    pool, staff = ctx.shared["people_pool"], ctx.shared["staff_of_unit"]
    categories = list(DisputeCategory.objects.filter(is_active=True))
    weights = {
        "neighbour": 30,
        "family": 14,
        "land": 8,
        "labour": 9,
        "property": 10,
        "debt": 8,
        "damages": 8,
        "relocation": 3,
        "contract": 5,
        "traffic": 4,
    }
    orgs = _orgs(ctx)
    total = ctx.count("disputes")
    seq: dict[int, int] = {}
    links: list[tuple[Dispute, dict[str, Any], list[int]]] = []

    def disputes() -> Iterator[Dispute]:
        for _ in range(total):
            grid = grids[rng.randrange(len(grids))]
            community = parent_of[grid["id"]]
            day = ctx.day()
            seq[day.year] = seq.get(day.year, 0) + 1
            category = pick(rng, [(c, weights.get(c.code, 2)) for c in categories])
            org_id, mediators = orgs[community]
            d = _dispute(
                ctx,
                number=f"JF{day.year}-{seq[day.year]:04d}",
                unit_id=grid["id"] if rng.random() < 0.6 else community,
                category=category,
                day=day,
                creator=staff[grid["id"]][0],
                org_id=org_id,
            )
            links.append((d, rng.choice(pool[grid["id"]]), mediators))
            yield d

    with ctx.progress.stage("矛盾纠纷", total) as stage:
        ctx.insert(stage, Dispute, disputes(), keep=False)  # `links` holds them
    with ctx.progress.stage("当事人、调解员指派、终止记录", total * 3) as stage:
        ctx.insert(stage, Party, (p for d, person, _ in links for p in _parties(ctx, d, person)), keep=False)
        ctx.insert(
            stage,
            DisputeMediator,
            (
                new_row(
                    DisputeMediator,
                    dispute=d,
                    mediator_id=rng.choice(mediators),
                    assigned_on=d.mediation_started_on or d.registered_on,
                )
                for d, _, mediators in links
                if d.status != Status.REGISTERED
            ),
        )
        ctx.insert(
            stage,
            Termination,
            (
                new_row(
                    Termination,
                    dispute=d,
                    kind=TerminationKind.FAILED if d.status == Status.FAILED else TerminationKind.REFUSED,
                    reason="双方分歧较大，经多次调解未能达成协议。"
                    if d.status == Status.FAILED
                    else "一方当事人明确表示拒绝调解。",
                    started_on=d.mediation_started_on,
                    ended_on=d.concluded_on or ctx.today,
                    routes=["court"],
                )
                for d, _, _ in links
                if d.status in (Status.FAILED, Status.REFUSED)
            ),
        )
    Sequence.objects.bulk_create([Sequence(key="dispute", year=y, last=n) for y, n in seq.items()])
    ctx.written.append(Sequence)
