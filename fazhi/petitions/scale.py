"""County-scale petitions: registered by each subdistrict's 信访办 over three years, routed along the
workflow (accept → reply, assign → feedback, transfer, redirect, decline; recent ones still open), the
statutory dates computed with the rules (`rules.ROUTING`, `NOTICE`, `HANDLING`, `REVIEW_WINDOW`,
`FOLLOW_UP`), petitioners drawn from the residents, follow-ups with satisfaction.

About 1 % of matters get a later reworded repeat by the same petitioner (`scale_text.reworded`),
flagged and linked (`repeat_of`) as registration would; the pairs go to the manifest for the
repeat-check benchmark, each with the similarity the checker computes for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from fazhi.org.models import UnitKind
from fazhi.org.scalekit import ScaleContext, due, new_row, pick
from fazhi.petitions import rules, similarity
from fazhi.petitions.models import (
    CaseCounter,
    Channel,
    FollowUp,
    LegalProcedure,
    Outcome,
    Petition,
    Petitioner,
    Route,
    Satisfaction,
    Status,
)
from fazhi.petitions.scale_text import Matter, matter, reworded

REPEAT_SHARE = 0.01
TARGETS = [
    "县人力资源和社会保障局",
    "县住房和城乡建设局",
    "县自然资源局",
    "县医疗保障局",
    "县民政局",
    "县综合行政执法局",
]
OPINIONS: dict[str, str] = {
    Outcome.SUPPORT: "经调查核实，信访人反映的问题属实，已责成责任单位限期解决。",
    Outcome.EXPLAIN: "经调查核实，相关政策已向信访人解释说明，信访人表示理解。",
    Outcome.REJECT: "经调查核实，信访人的请求缺乏事实和政策依据，不予支持。",
}


def _petition(
    ctx: ScaleContext,
    m: Matter,
    *,
    unit_id: int,
    case_number: str,
    day: dt.date,
    clerk: int,
    leader: int | None,
    status_hint: str = "",
) -> Petition:
    """One petition along its flow. Text: title, content, place, route_reason, reply_* texts."""
    rng = ctx.rng
    content = m.text()
    age = (ctx.today - day).days
    p = new_row(
        Petition,
        case_number=case_number,
        channel=pick(
            rng,
            [
                (Channel.LETTER, 20),
                (Channel.VISIT, 35),
                (Channel.ONLINE, 30),
                (Channel.PHONE, 12),
                (Channel.FAX, 3),
            ],
        ),
        received_on=day,
        category=m.category,
        title=m.title,
        content=content,
        place=m.facts["estate"],
        unit_id=unit_id,
        tokens=similarity.stored(f"{m.title} {content}"),
        route_due=due(rules.ROUTING, day),
        notice_due=due(rules.NOTICE, day),
        registered_by_id=clerk,
    )
    if rng.random() < 0.03:
        p.is_group, p.group_size = True, rng.randint(5, 40)
    if age < 10 and rng.random() < 0.6 and not status_hint:
        return p  # still 待转办
    route = (
        Route.ACCEPT
        if status_hint
        else pick(
            rng,
            [
                (Route.ACCEPT, 58),
                (Route.ASSIGN, 15),
                (Route.TRANSFER, 13),
                (Route.REDIRECT, 8),
                (Route.DECLINE, 6),
            ],
        )
    )
    routed = min(day + dt.timedelta(days=rng.randint(1, 14)), ctx.today)
    p.route, p.routed_on = route, routed
    p.notice_sent_on = routed if p.notice_required else None
    if route == Route.TRANSFER:
        p.status, p.route_target = Status.TRANSFERRED, rng.choice(TARGETS)
        p.route_reason = f"该事项属于{p.route_target}职责范围，依法转送。"
    elif route == Route.REDIRECT:
        p.status, p.legal_procedure = Status.REDIRECTED, rng.choice(LegalProcedure.values)
        p.route_reason = "该诉求应通过法定途径解决，已告知信访人途径和时限。"
    elif route == Route.DECLINE:
        p.status, p.route_reason = Status.DECLINED, "该事项已经或者依法应当通过诉讼、仲裁途径解决，不予受理。"
    elif route == Route.ASSIGN:
        p.status, p.route_target = Status.ASSIGNED, rng.choice(TARGETS)
        p.feedback_due = routed + dt.timedelta(days=30)
        done = routed + dt.timedelta(days=rng.randint(5, 45))
        if done <= ctx.today:
            p.status, p.concluded_on, p.follow_up_due = Status.CLOSED, done, due(rules.FOLLOW_UP, done)
    else:
        p.status, p.accepted_on = Status.ACCEPTED, routed
        p.handling_due = due(rules.HANDLING, routed)
        if leader and rng.random() < 0.1:
            p.case_leader_id = leader
        replied = routed + dt.timedelta(days=int(rng.triangular(7, 75, 35)))
        if status_hint == "replied":
            replied = min(replied, ctx.today)
        if replied <= ctx.today and status_hint != "open":
            delivered = min(replied + dt.timedelta(days=rng.randint(0, 3)), ctx.today)
            p.status, p.outcome = (
                Status.REPLIED,
                pick(rng, [(Outcome.SUPPORT, 45), (Outcome.EXPLAIN, 40), (Outcome.REJECT, 15)]),
            )
            p.reply_request, p.reply_facts = p.title, content
            p.reply_opinion, p.reply_basis = OPINIONS[p.outcome], "《信访工作条例》第三十二条"
            p.replied_on, p.delivered_on, p.concluded_on = replied, delivered, replied
            p.window_due, p.follow_up_due = due(rules.REVIEW_WINDOW, delivered), due(rules.FOLLOW_UP, replied)
    if p.concluded_on and p.concluded_on + dt.timedelta(days=3) <= ctx.today and rng.random() < 0.8:
        p.satisfaction = pick(
            rng, [(Satisfaction.SATISFIED, 75), (Satisfaction.BASIC, 18), (Satisfaction.DISSATISFIED, 7)]
        )
    return p


def _petitioner(person: dict[str, Any], petition: Petition) -> Petitioner:
    """The petitioner, a resident (ID number, phone and address encrypted; blind indexes)."""
    from fazhi.core import crypto

    return new_row(
        Petitioner,
        petition=petition,
        name=person["name"],
        id_number=person["id_number"],
        id_index=crypto.blind_index(person["id_number"], purpose="id_number"),
        phone=person["phone"],
        phone_index=crypto.blind_index(person["phone"], purpose="phone"),
        address=person["address"],
    )


def generate(ctx: ScaleContext) -> None:
    rng = ctx.rng
    grids = ctx.units[UnitKind.GRID]
    parent_of, sd_of = ctx.shared["parent_of"], ctx.shared["sd_of"]
    pool = ctx.shared["people_pool"]
    clerks = ctx.shared["clerk_of_sd"]
    staff = ctx.shared["staff_of_unit"]
    codes = {u["id"]: u["code"] for u in ctx.units[UnitKind.SUBDISTRICT]}
    total = ctx.count("petitions")
    counters: dict[tuple[str, int], int] = {}
    planted: list[dict[str, Any]] = []
    with_people: list[tuple[Petition, dict[str, Any]]] = []

    def number(sd: int, year: int) -> str:
        prefix = f"{codes[sd]}-XF"
        counters[prefix, year] = counters.get((prefix, year), 0) + 1
        return f"{prefix}-{year}-{counters[prefix, year]:04d}"

    def petitions() -> Iterator[Petition]:
        made = 0
        while made < total:
            grid = grids[rng.randrange(len(grids))]
            unit = pick(rng, [(grid["id"], 6), (parent_of[grid["id"]], 3), (sd_of[grid["id"]], 1)])
            sd = sd_of[grid["id"]]
            person = rng.choice(pool[grid["id"]])
            m = matter(rng)
            repeat = made + 1 < total and (rng.random() < REPEAT_SHARE or made == 0)  # at least one pair
            day = ctx.day()
            leader = staff[sd][0]
            if repeat:  # the original must still be open or answered (what the checker compares with)
                day = ctx.today - dt.timedelta(days=rng.randint(20, 300))
            hint = ("open" if (ctx.today - day).days < 60 else "replied") if repeat else ""
            first = _petition(
                ctx,
                m,
                unit_id=unit,
                case_number=number(sd, day.year),
                day=day,
                clerk=clerks[sd],
                leader=leader,
                status_hint=hint,
            )
            with_people.append((first, person))
            made += 1
            yield first
            if repeat:
                again = reworded(rng, m)
                later = min(day + dt.timedelta(days=rng.randint(5, 19)), ctx.today)
                second = _petition(
                    ctx,
                    again,
                    unit_id=unit,
                    case_number=number(sd, later.year),
                    day=later,
                    clerk=clerks[sd],
                    leader=leader,
                )
                second.status, second.route, second.routed_on, second.notice_sent_on = (
                    Status.REGISTERED,
                    "",
                    None,
                    None,
                )
                _registered_only(second)
                score = similarity.similarity(similarity.tokens(second.content), first.tokens.split())
                planted.append({"first": first, "second": second, "score": round(score, 3), "person": person})
                with_people.append((second, person))
                made += 1
                yield second

    with ctx.progress.stage("信访事项", total) as stage:
        ctx.insert(stage, Petition, petitions(), keep=False)  # `with_people` holds them
    for pair in planted:
        first, second = pair["first"], pair["second"]
        if pair["score"] >= rules.REPEAT_THRESHOLD:
            second.repeat_of_id = first.pk
            second.flags = [
                {
                    "kind": "repeat",
                    "petition_id": first.pk,
                    "case_number": first.case_number,
                    "score": pair["score"],
                    "message": f"与正在办理的 {first.case_number}（{first.title}）为同一事项：在办理期限内不重复受理，请合并办理",
                    "basis": rules.REPEAT_OPEN_BASIS,
                }
            ]
    Petition.objects.bulk_update([p["second"] for p in planted], ["repeat_of", "flags"], batch_size=1000)
    with ctx.progress.stage("信访人、回访", len(with_people)) as stage:
        ctx.insert(stage, Petitioner, (_petitioner(person, p) for p, person in with_people), keep=False)
        follow_ups = (
            new_row(
                FollowUp,
                petition=p,
                on=min(p.concluded_on + dt.timedelta(days=rng.randint(3, 14)), ctx.today),
                method=pick(
                    rng,
                    [(FollowUp.Method.PHONE, 70), (FollowUp.Method.VISIT, 20), (FollowUp.Method.MESSAGE, 10)],
                ),
                satisfaction=p.satisfaction,
                note="已回访，信访人对处理结果表示" + Satisfaction(p.satisfaction).label,
                by_id=p.registered_by_id,
            )
            for p, _ in with_people
            if p.satisfaction and p.concluded_on
        )
        ctx.insert(stage, FollowUp, follow_ups)
    CaseCounter.objects.bulk_create(
        [CaseCounter(prefix=k[0], year=k[1], last=v) for k, v in counters.items()]
    )
    ctx.written.append(CaseCounter)
    ctx.manifest["repeat_pairs"] = [
        {
            "first_id": p["first"].pk,
            "first_case_number": p["first"].case_number,
            "first_text": p["first"].content,
            "second_id": p["second"].pk,
            "second_case_number": p["second"].case_number,
            "second_text": p["second"].content,
            "petitioner_name": p["person"]["name"],
            "petitioner_resident_id": p["person"]["id"],
            "score": p["score"],
        }
        for p in planted
    ]
    ctx.manifest["repeat_threshold"] = rules.REPEAT_THRESHOLD


def _registered_only(p: Petition) -> None:
    for name in (
        "accepted_on",
        "handling_due",
        "replied_on",
        "delivered_on",
        "concluded_on",
        "window_due",
        "follow_up_due",
        "feedback_due",
        "case_leader_id",
    ):
        setattr(p, name, None)
    p.satisfaction = ""
    for name in (
        "route_target",
        "route_reason",
        "legal_procedure",
        "outcome",
        "reply_request",
        "reply_facts",
        "reply_opinion",
        "reply_basis",
    ):
        setattr(p, name, "")
