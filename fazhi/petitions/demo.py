"""Demo petitions of 少海街道 for 2022: ~90 matters across channels, categories and statuses, reception
days, 复查/复核, late ones with supervision orders, follow-ups with satisfaction. Idempotent: loads
once. Every person is fictitious; ID numbers carry the real region code of 博兴县 (372328 for births
before 2000, 371625 since) with a valid GB 11643 check digit."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from stdnum.cn import ric

from fazhi.org.demo import DemoContext
from fazhi.petitions import services
from fazhi.petitions.models import Petition

YEAR = 2022
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
GIVEN = [
    "秀英",
    "桂兰",
    "建国",
    "志强",
    "海燕",
    "玉梅",
    "德胜",
    "春生",
    "淑珍",
    "文华",
    "国庆",
    "红霞",
    "立新",
    "凤英",
    "长林",
    "金花",
    "学军",
    "丽娟",
    "永福",
    "振华",
    "秀芳",
    "宝山",
    "翠萍",
    "明亮",
]

# (category, title, content, where) — what residents of a subdistrict actually bring.
MATTERS = [
    (
        "claim",
        "拖欠工资",
        "在{place}工地干活的十二名工人被包工头拖欠工资十八万元，多次讨要至今没给，要求帮助追讨。",
        "grid",
    ),
    (
        "claim",
        "物业不维修电梯",
        "{place}小区电梯停运两个月，物业公司收了物业费却不维修，老人上下楼困难。",
        "grid",
    ),
    (
        "claim",
        "征地补偿未到位",
        "{place}承包地被征收，每亩八百元的补偿款至今没有发放到户，要求尽快发放。",
        "community",
    ),
    ("claim", "烧烤店噪音扰民", "{place}楼下烧烤店每晚营业到凌晨两点，噪音扰民严重，无法正常休息。", "grid"),
    ("claim", "邻里漏水纠纷", "{place}楼上邻居卫生间漏水，把我家天花板泡坏了，协商多次无果。", "grid"),
    (
        "claim",
        "低保申请未批",
        "本人患病无劳动能力，申请低保半年了一直没有批下来，家里生活困难。",
        "community",
    ),
    ("claim", "暖气不热", "{place}今年冬天暖气不热，室温只有十二度，供热公司不处理。", "grid"),
    ("claim", "房产证办不下来", "{place}拆迁安置房交房三年了还没有办房产证，影响孩子上学落户。", "community"),
    ("claim", "维修资金被挪用", "{place}物业公司挪用专项维修资金十万元，业主不知情，要求公开账目。", "grid"),
    ("claim", "工伤医药费", "在{place}工地摔伤后包工头不给医药费，已花了三万二千元。", "grid"),
    ("suggestion", "增设停车位", "{place}小区车位紧张，建议利用闲置空地增设停车位，规范停车秩序。", "grid"),
    ("suggestion", "加装路灯", "{place}通往菜市场的小路没有路灯，建议加装路灯方便老人夜间出行。", "grid"),
    (
        "suggestion",
        "规范广场舞时间",
        "{place}广场舞音响声音大，建议规定晚上九点前结束并控制音量。",
        "community",
    ),
    ("accusation", "违章建筑", "{place}小区绿地上有人私搭乱建两间彩钢房，举报违法建设，请依法处理。", "grid"),
    ("accusation", "饭店油烟直排", "{place}饭店油烟直排，熏得居民窗户都是油，举报其未安装净化设备。", "grid"),
    ("accusation", "低保优亲厚友", "举报{place}有人隐瞒收入骗取低保，要求调查核实。", "community"),
]
PLACES = {"SH-JQ": "锦秋家园", "SH-HB": "湖滨花园", "SH-DC": "东城新村", "SH-HX": "荷香苑"}
CHANNELS = ["letter"] * 3 + ["visit"] * 4 + ["online"] * 3 + ["phone"] * 2 + ["fax"]


def id_number(rnd: random.Random, birth: date) -> str:
    prefix = "371625" if birth.year >= 2000 else "372328"
    body = f"{prefix}{birth:%Y%m%d}{rnd.randint(10, 99)}{rnd.randint(0, 9)}"
    return body + ric.calc_check_digit(body + "0")


def _person(rnd: random.Random, community: str) -> dict[str, str]:
    birth = date(rnd.randint(1948, 1995), rnd.randint(1, 12), rnd.randint(1, 28))
    return {
        "name": rnd.choice(SURNAMES) + rnd.choice(GIVEN),
        "id_number": id_number(rnd, birth),
        "phone": f"13{rnd.randint(5, 9)}0543{rnd.randint(1000, 9999)}",
        "address": f"{PLACES[community]}{rnd.randint(1, 30)}号楼{rnd.randint(1, 4)}单元{rnd.randint(1, 6)}0{rnd.randint(1, 2)}",
    }


def _d(day: date, limit: date = date(YEAR, 12, 31)) -> date:
    return min(day, limit)


def load(ctx: DemoContext) -> None:
    if Petition.objects.filter(case_number__startswith="SH-XF-2022-").exists():
        ctx.lines.append("信访：2022年演示数据已存在，未重复载入")
        return
    with transaction.atomic():  # all or nothing, so a rerun never finds half a year
        _load(ctx)


def _load(ctx: DemoContext) -> None:
    from django.contrib.auth import get_user_model

    from fazhi.org.models import Unit

    rnd = random.Random(YEAR)
    # Fresh rows: the tree loader's objects can hold paths that later sibling inserts have moved.
    fresh = get_user_model().objects.select_related("unit")
    clerk, leader = fresh.get(username="clerk"), fresh.get(username="leader")
    community_clerk = fresh.get(username="community_a")
    units = {u.code: u for u in Unit.objects.all()}
    receptions = [
        services.reception_create(
            actor=clerk,
            leader_id=leader.pk,
            on=_first_workday(date(YEAR, month, 10)),
            place="少海街道信访接待室",
            topic="党工委书记接访日",
            notes="",
        )
        for month in range(1, 13)
    ]
    people: list[tuple[dict[str, str], tuple[str, str, str, str], str]] = []
    made = 0
    for i in range(90):
        community = rnd.choice(list(PLACES))
        matter = rnd.choice(MATTERS)
        repeat = i % 15 == 14 and people
        if repeat:  # the same person on the same matter again, in other words (a repeat petition)
            person, matter, community = people[rnd.randrange(len(people))]
        else:
            person = _person(rnd, community)
            people.append((person, matter, community))
        category, title, template, where = matter
        grid = f"{community}-0{rnd.randint(1, 2)}"
        unit = units[grid if where == "grid" else community]
        received = date(YEAR, 1, 3) + timedelta(days=int(i * 3.9) + rnd.randint(0, 3))
        reception = None
        channel = rnd.choice(CHANNELS)
        if channel == "visit" and i % 3 == 0:
            reception = min(receptions, key=lambda r: abs((r.on - received).days))
            received = reception.on
        content = template.format(place=PLACES[community])
        if repeat:
            content = "再次反映：" + content.replace("至今", "到现在").replace("要求", "希望").replace(
                "小区", "家园"
            )
        petitioners = [person]
        is_group = category == "claim" and title == "拖欠工资" and i % 2 == 0
        if is_group:
            petitioners = [dict(person, role="representative")] + [
                dict(_person(rnd, community), role="representative") for _ in range(2)
            ]
        p = services.petition_register(
            actor=community_clerk if community == "SH-JQ" and i % 4 == 0 and reception is None else clerk,
            channel=channel,
            received_on=received,
            category=category,
            title=title,
            content=content,
            place=PLACES[community],
            unit_id=unit.pk,
            petitioners=petitioners,
            is_group=is_group,
            group_size=8 if is_group else None,
            reception_id=reception.pk if reception else None,
        )
        made += 1
        _progress(p, rnd=rnd, i=i, clerk=clerk, leader=leader, received=received)
    finalized = services.petition_finalize_due(today=date(YEAR, 12, 31))
    swept = services.petitions_sweep(today=date(YEAR + 1, 2, 10))  # what the daily sweep found in February
    from fazhi.supervision.services import order_issue, supervision_escalate_due

    escalated = supervision_escalate_due(today=date(YEAR + 1, 2, 28))
    late = Petition.objects.filter(status="accepted", case_number__startswith="SH-XF-2022-").first()
    if late is not None:
        order_issue(
            actor=leader,
            object_type="petitions.petition",
            object_id=str(late.pk),
            level="listed",
            reason="群众反映强烈、久拖未决，列入挂牌督办",
            on=date(YEAR, 12, 20),
        )
    ctx.lines.append(
        f"信访：{made} 件（2022年），接访日 {len(receptions)} 次，终结 {finalized} 件，"
        f"督办 {swept.orders + 1} 件（升级 {escalated} 次）"
    )


def _first_workday(day: date) -> date:
    from fazhi.core.calendar import workday_on_or_after

    return workday_on_or_after(day)


def _progress(p: Petition, *, rnd: random.Random, i: int, clerk: Any, leader: Any, received: date) -> None:
    """Take a matter as far as a plausible year would: most answered, some routed away, some late."""
    s = services
    if received > date(YEAR, 12, 10) and i % 2:
        return  # still waiting to be routed at the year's end
    late_routing = i % 11 == 5
    routed = _d(received + timedelta(days=rnd.randint(17, 22) if late_routing else rnd.randint(1, 9)))
    kind = i % 10
    if p.repeat_of_id and kind != 3:
        s.petition_route(
            actor=clerk,
            petition_id=p.pk,
            route="decline",
            on=routed,
            notice_sent=True,
            reason="与已受理事项为同一事项，正在办理期限内，不重复受理（《信访工作条例》第十九条）",
        )
        return
    if kind == 1:
        s.petition_route(
            actor=clerk,
            petition_id=p.pk,
            route="transfer",
            on=routed,
            notice_sent=True,
            target="博兴县住房和城乡建设局",
        )
        return
    if kind == 2:
        s.petition_route(
            actor=clerk,
            petition_id=p.pk,
            route="assign",
            on=routed,
            notice_sent=True,
            target=p.unit.name,
            feedback_due=routed + timedelta(days=20),
        )
        fb = _d(routed + timedelta(days=rnd.randint(8, 25)))
        s.petition_feedback(
            actor=clerk, petition_id=p.pk, on=fb, result="社区已入户协调，双方达成一致，问题已解决"
        )
        return
    if kind == 3 and p.category == "claim":
        s.petition_route(
            actor=clerk,
            petition_id=p.pk,
            route="redirect",
            on=routed,
            notice_sent=True,
            legal_procedure="labour_arbitration" if "工" in p.title else "civil_litigation",
            reason="属于应当通过法定途径解决的事项，已告知途径和时限",
            new_facts=True,
        )
        return
    s.petition_route(
        actor=clerk, petition_id=p.pk, route="accept", on=routed, notice_sent=i % 7 != 0, new_facts=True
    )
    if i % 7 == 0:
        s.petition_notice(
            actor=clerk, petition_id=p.pk, on=_d(routed + timedelta(days=rnd.randint(3, 20))), method="邮寄"
        )
    if p.category == "claim" or i % 3 == 0:
        s.petition_lead(actor=clerk, petition_id=p.pk, leader_id=leader.pk, handler_ids=[clerk.pk])
    s.petition_note(
        actor=clerk,
        petition_id=p.pk,
        kind="investigation",
        on=_d(routed + timedelta(days=5)),
        text_="承办人入户走访，调取相关材料，核实基本情况",
        participants="信访办、社区",
    )
    if routed > date(YEAR, 11, 15):
        return  # still being handled at the year's end
    if kind == 4 and p.category == "claim":
        s.petition_extend(
            actor=clerk,
            petition_id=p.pk,
            days=30,
            approver_id=leader.pk,
            on=_d(routed + timedelta(days=50)),
            reason="涉及多个部门，需进一步调查核实",
        )
    if kind == 5 and p.category == "claim":
        s.petition_mediate(
            actor=clerk,
            petition_id=p.pk,
            petitioner_consent=True,
            other_party_consent=True,
            other_party="被反映方",
            on=_d(routed + timedelta(days=25)),
            agreement="经调解，被反映方于十日内履行义务，信访人不再就此事提出信访",
        )
        return
    late_reply = i % 9 == 4 and p.category == "claim"
    replied = _d(routed + timedelta(days=rnd.randint(62, 70) if late_reply else rnd.randint(15, 50)))
    if replied > date(YEAR, 12, 31) or (p.handling_due and replied > p.handling_due + timedelta(days=30)):
        return
    outcome = rnd.choice(["support", "support", "explain", "reject"])
    s.petition_reply(
        actor=clerk,
        petition_id=p.pk,
        outcome=outcome,
        on=replied,
        delivered_on=_d(replied + timedelta(days=2)),
        request=p.title,
        facts="经调查核实，" + p.content[:40],
        opinion={
            "support": "诉求合理，责成相关单位限期解决",
            "explain": "已就政策规定作出解释说明",
            "reject": "诉求缺乏事实和政策依据，不予支持",
        }[outcome],
        basis="《信访工作条例》第三十二条及相关法律法规",
    )
    follow = _d(replied + timedelta(days=rnd.randint(3, 14)))
    s.petition_follow_up(
        actor=clerk,
        petition_id=p.pk,
        method="phone",
        on=follow,
        satisfaction="dissatisfied"
        if outcome == "reject" and i % 2
        else rnd.choice(["satisfied", "satisfied", "basic"]),
        note="对处理结果不认可，表示将申请复查" if outcome == "reject" else "对办理结果表示认可",
    )
    if outcome == "reject" and replied < date(YEAR, 10, 15):
        asked = replied + timedelta(days=rnd.randint(5, 20))
        s.petition_review_request(actor=clerk, petition_id=p.pk, requested_on=asked, request="对处理意见不服")
        s.petition_review_decide(actor=clerk, petition_id=p.pk, accept=True, on=asked + timedelta(days=1))
        s.petition_review_answer(
            actor=clerk,
            petition_id=p.pk,
            outcome="reject",
            on=asked + timedelta(days=rnd.randint(15, 28)),
            opinion="原处理意见认定事实清楚、适用依据正确，予以维持",
        )
        if i % 4 == 0:
            p.refresh_from_db()
            assert p.window_due is not None
            again: date = p.window_due - timedelta(days=10)
            s.petition_review_request(
                actor=clerk, petition_id=p.pk, requested_on=again, request="对复查意见仍不服"
            )
            s.petition_review_decide(actor=clerk, petition_id=p.pk, accept=True, on=again + timedelta(days=2))
            s.petition_review_pause(
                actor=clerk,
                petition_id=p.pk,
                first=again + timedelta(days=8),
                last=again + timedelta(days=12),
                reason="复核听证",
            )
            s.petition_review_answer(
                actor=clerk,
                petition_id=p.pk,
                outcome="reject",
                on=_d(again + timedelta(days=30)),
                opinion="维持复查意见，本复核意见为最终意见",
            )
