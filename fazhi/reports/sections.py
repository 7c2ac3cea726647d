"""The annual report's parts and sections in the seed's order, and the indicator areas that feed each.

法治政府建设与责任落实督察工作规定 (2019) fixes the parts: 一、主要举措和成效; 二、党政主要负责人履行推进法治
建设第一责任人职责情况; 三、存在的不足和原因; 四、下一年度主要安排; 五、其他需要报告的情况 (only where there is
any). The sections and their headings follow the 少海街道 2022 report. A module feeds a section by
registering its indicators under one of the section's area names; an area no section names gets its own
section at the end of part 一, so a new module drops in without a change here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    heading: str  # the run-in heading as the seed writes it (numbered （一）（二）… when written out)
    areas: tuple[str, ...] = ()  # indicator areas whose narratives and figures draft the text


@dataclass(frozen=True)
class Part:
    key: str
    heading: str  # without the 一、 number; "{next_year}" is filled in
    sections: tuple[Section, ...]


MEASURES = Part(
    "measures",
    "推进法治政府建设的主要举措和成效",
    (
        Section("measures.leadership", "高度重视，加强依法行政组织领导。", ("组织领导",)),
        Section("measures.social", "依法行政，积极防范化解社会矛盾。", ("信访", "重点人员", "网格")),
        Section("measures.enforcement", "规范执法，提高行政执法工作效能。", ("行政执法",)),
    ),
)
FIRST_RESPONSIBLE = Part(
    "first_responsible",
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    (
        Section("first_responsible.duty", "带头履职，落实第一责任人职责。", ("第一责任人",)),
        Section("first_responsible.decisions", "严守纪律规矩，重大决策按程序执行。", ("重大决策",)),
        Section("first_responsible.advisers", "增强群众知晓率，开展“一社区一法律顾问”工作。", ("法律顾问",)),
        Section("first_responsible.support", "强化领导，法治建设工作保障有力。", ("督查督办",)),
        Section(
            "first_responsible.mediation",
            "健全完善矛盾纠纷多元化解机制，使矛盾化解在根源。",
            ("矛盾纠纷",),
        ),
        Section("first_responsible.publicity", "加强宣传教育，落实普法责任。", ("普法宣传",)),
    ),
)
SHORTCOMINGS = Part(
    "shortcomings",
    "推进法治政府建设存在的不足和原因",
    (
        Section("shortcomings.problems", "存在的问题。"),
        Section("shortcomings.causes", "主要原因。"),
    ),
)
PLANS = Part("plans", "{next_year}年推进法治政府建设的主要安排", (Section("plans.main", ""),))
OTHER = Part("other", "其他需要报告的情况", (Section("other.main", ""),))

PARTS: tuple[Part, ...] = (MEASURES, FIRST_RESPONSIBLE, SHORTCOMINGS, PLANS, OTHER)
OPENING_KEY = "opening"


def catalogued_areas() -> set[str]:
    return {area for part in PARTS for section in part.sections for area in section.areas}


def extra_section_key(area: str) -> str:
    return f"measures.area.{area}"
