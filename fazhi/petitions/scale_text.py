"""Petition texts for the county-scale generator: matters as clause lists with synonym slots, so that a
planted repeat can say the same matter in other words (near-synonyms from `similarity.SYNONYMS`,
the amount written another way, the clauses in another order) — what the repeat checker must see
through.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from fazhi.org.scalewords import AMOUNT_STYLES, amount_text, enterprise, estate, person_name, road
from fazhi.petitions.similarity import SYNONYMS

# Slot 〔X〕 takes a word of the synonym group whose canonical word is X (only variants that read
# well in these sentences).
SLOT_WORDS: dict[str, list[str]] = {
    group[0]: [w for w in group if w not in ("欠", "杂物", "拉走", "老宅", "跳舞")] for group in SYNONYMS
}
SLOT_WORDS["包工头"] = ["包工头", "老板", "工头", "承包人"]
SLOT_WORDS["邻居"] = ["楼上邻居", "楼上住户", "楼上"]

# (category, titles, clauses): the first clause opens, the last asks; the middle ones may be reordered.
MATTERS: list[tuple[str, list[str], list[str]]] = [
    (
        "claim",
        ["拖欠农民工工资", "讨要工资", "工资被拖欠"],
        [
            "{name}等{n}名工人在{estate}工地务工",
            "〔包工头〕〔拖欠〕〔工资〕{amount}",
            "多次讨要至今未果",
            "过年回家的路费都没有",
            "要求有关部门帮助追讨",
        ],
    ),
    (
        "claim",
        ["征收补偿未到位", "拆迁补偿款未发放"],
        [
            "{village}的〔房屋〕被〔征收〕",
            "〔补偿款〕{amount}至今没有到位",
            "安置房也迟迟未交付",
            "一家人在外租房居住",
            "要求尽快落实〔补偿款〕",
        ],
    ),
    (
        "claim",
        ["物业不维修电梯", "电梯长期停运"],
        [
            "{estate}{b}号楼电梯停运{k}个月",
            "〔物业〕收了物业费却不维修",
            "老人上下楼非常困难",
            "要求督促〔物业〕尽快维修",
        ],
    ),
    (
        "claim",
        ["烧烤店噪音扰民", "夜间噪音扰民"],
        [
            "{estate}楼下{shop}每晚营业到凌晨",
            "〔噪音〕严重影响休息",
            "多次向〔物业〕反映无果",
            "要求依法整治",
        ],
    ),
    (
        "claim",
        ["邻里漏水纠纷", "楼上漏水"],
        [
            "{estate}{b}号楼〔邻居〕卫生间〔漏水〕",
            "把我家天花板泡坏了",
            "协商多次对方不予理睬",
            "要求协调赔偿维修费用{small}元",
        ],
    ),
    (
        "claim",
        ["低保申请未批", "申请低保"],
        [
            "本人患{disease}丧失劳动能力",
            "申请〔低保〕{k}个月一直没有批下来",
            "家庭生活十分困难",
            "要求重新审核",
        ],
    ),
    (
        "claim",
        ["暖气不热", "供暖不达标"],
        ["{estate}今年冬天〔供暖〕不热", "室温只有{k}度", "供热公司一直不处理", "要求退还部分取暖费"],
    ),
    (
        "accusation",
        ["违章建筑", "私搭乱建"],
        [
            "{estate}〔绿地〕上有人〔违建〕两间〔彩钢房〕",
            "占用小区公共空间",
            "举报后一直没人管",
            "要求依法拆除",
        ],
    ),
    (
        "claim",
        ["垃圾清运不及时", "垃圾堆积"],
        ["{estate}{spot}的〔垃圾〕长期无人〔清运〕", "〔异味〕严重", "夏天蚊蝇滋生", "要求及时〔清运〕"],
    ),
    (
        "claim",
        ["维修资金被挪用", "物业挪用维修资金"],
        ["{estate}〔物业〕挪用〔维修基金〕{amount}", "业主们都不知情", "要求公开账目并〔退还〕"],
    ),
    (
        "claim",
        ["养老金核定有误", "养老金少发"],
        [
            "本人今年{age}岁",
            "在{enterprise}工作{k}年",
            "〔养老金〕待遇核定有误",
            "每月少发{small}元",
            "要求重新核定",
        ],
    ),
    (
        "suggestion",
        ["增设停车位", "停车难"],
        ["{estate}〔停车〕位严重不足", "外来车辆〔乱停车〕堵塞消防通道", "建议增设〔停车位〕并加强管理"],
    ),
    (
        "suggestion",
        ["规范广场舞时间", "广场舞扰民"],
        ["{estate}〔广场舞〕音响声音很大", "每天晚上持续到十点以后", "建议规定活动时间并控制音量"],
    ),
    (
        "claim",
        ["宅基地纠纷", "宅基地被占"],
        ["{village}村民{other}占用我家〔宅基地〕建房", "多次协调未果", "要求依法确权"],
    ),
    (
        "claim",
        ["土地流转费未发放", "承包地流转费"],
        ["{village}〔土地〕流转费{amount}", "村委会至今未发放到户", "要求公开账目并发放"],
    ),
    (
        "accusation",
        ["举报骗取低保", "低保优亲厚友"],
        ["举报{estate}居民{other}隐瞒收入骗取〔低保〕", "其家中有车有房", "要求调查核实"],
    ),
    (
        "accusation",
        ["饭店油烟直排", "油烟扰民"],
        ["{road}{shop}油烟直排", "熏得居民窗户上都是油", "举报其未安装净化设备"],
    ),
    (
        "claim",
        ["医保报销偏低", "住院费用报销"],
        ["本人在县人民医院住院花费{amount}", "〔医保〕报销比例明显偏低", "要求说明理由并重新结算"],
    ),
]
SHOPS = ["烧烤店", "大排档", "KTV", "饭店", "汽修店", "棋牌室"]
DISEASES = ["尿毒症", "脑梗", "糖尿病并发症", "癌症", "严重心脏病"]
VILLAGE_SUFFIX = ["村", "庄", "屯", "家村"]
LEADS = ["再次反映：", "之前反映过的事至今没有结果，", "我还是要反映，", "上次来访说的情况，", "重复反映："]
SPOTS = ["东门", "北侧空地", "地下车库入口", "垃圾中转点", "3号楼后面"]


@dataclass
class Matter:
    """One drawn matter: the facts stay, the wording can be redrawn (`words`)."""

    category: str
    index: int
    facts: dict[str, Any]
    slots: dict[str, str] = field(default_factory=dict)
    style: str = "wan"
    order: list[int] = field(default_factory=list)
    title: str = ""
    lead: str = ""  # how a repeat opens ("再次反映：")

    def text(self) -> str:
        clauses = MATTERS[self.index][2]
        middle = [clauses[i] for i in self.order]
        parts = [clauses[0], *middle, clauses[-1]] if len(clauses) > 1 else clauses
        facts = {**self.facts, "amount": amount_text(self.facts["amount"], self.style)}
        body = "，".join(parts).format(**facts)
        for slot, word in self.slots.items():
            body = body.replace(f"〔{slot}〕", word)
        return self.lead + body + "。"


def matter(rng: random.Random) -> Matter:
    index = rng.randrange(len(MATTERS))
    category, _titles, clauses = MATTERS[index]
    facts = {
        "name": person_name(rng)[0],
        "other": person_name(rng)[0],
        "n": rng.randint(3, 30),
        "b": rng.randint(1, 30),
        "k": rng.randint(2, 18),
        "age": rng.randint(55, 80),
        "estate": estate(rng),
        "road": road(rng),
        "enterprise": enterprise(rng),
        "village": estate(rng)[:2] + rng.choice(VILLAGE_SUFFIX),
        "shop": rng.choice(SHOPS),
        "disease": rng.choice(DISEASES),
        "spot": rng.choice(SPOTS),
        "amount": rng.randint(2, 99) * 10_000,
        "small": rng.randint(3, 90) * 100,
    }
    m = Matter(category, index, facts)
    _words(rng, m)
    m.order = list(range(1, max(1, len(clauses) - 1)))
    return m


def _words(rng: random.Random, m: Matter, avoid: Matter | None = None) -> None:
    clauses = "".join(MATTERS[m.index][2])
    for slot, words in SLOT_WORDS.items():
        if f"〔{slot}〕" in clauses:
            choices = [w for w in words if avoid is None or w != avoid.slots.get(slot)] or words
            m.slots[slot] = rng.choice(choices)
    styles = [s for s in AMOUNT_STYLES if avoid is None or s != avoid.style]
    m.style = rng.choice(styles)
    titles = MATTERS[m.index][1]
    m.title = rng.choice([t for t in titles if avoid is None or t != avoid.title] or titles)


def reworded(rng: random.Random, m: Matter) -> Matter:
    """The same matter told again: other near-synonyms, the amount written another way, the middle
    clauses reordered, another title."""
    again = Matter(m.category, m.index, dict(m.facts))
    _words(rng, again, avoid=m)
    again.order = list(m.order)
    rng.shuffle(again.order)
    if again.order == m.order and len(again.order) > 1:
        again.order.reverse()
    again.lead = rng.choice(LEADS)
    return again
