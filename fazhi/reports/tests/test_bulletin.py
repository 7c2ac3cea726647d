"""Monthly bulletin ranking: best first, ties share a place, uncomputable last."""

from __future__ import annotations

from fazhi.core.indicators import Figure, Period
from fazhi.reports.bulletin import Entry, assemble, rank

JUNE = Period.month(2022, 6)


def entry(name, value):
    return Entry(
        unit_id=hash(name) % 1000, unit_name=name, value=value, exact=str(value), record_count=0, link=""
    )


def test_higher_is_better_ranks_the_largest_first_and_ties_share_a_place():
    ranked = rank([entry("甲", 3), entry("乙", 9), entry("丙", 9), entry("丁", None)], higher_is_better=True)
    assert [(e.unit_name, e.rank) for e in ranked] == [("乙", 1), ("丙", 1), ("甲", 3), ("丁", None)]
    assert ranked[-1].rank_text == "—"


def test_lower_is_better_ranks_the_smallest_first():
    ranked = rank([entry("甲", 2), entry("乙", 0), entry("丙", 1)], higher_is_better=False)
    assert [e.unit_name for e in ranked] == ["乙", "丙", "甲"]


def test_the_bulletin_lists_every_community_under_each_indicator():
    def figs(value, lost):
        return {
            "信访": [Figure("p.rate", "按期办结率", value, "%", JUNE, 1, record_ids=[1, 2])],
            "重点人员": [Figure("k.lost", "脱管失控", lost, "人", JUNE, 1, higher_is_better=False)],
        }

    bulletin = assemble(
        unit_id=1,
        unit_name="少海街道",
        period=JUNE,
        child_label="社区",
        children=[(2, "锦秋社区", figs(91.6, 1)), (3, "湖滨社区", figs(99.0, 0))],
    )
    assert bulletin.title == "少海街道2022年6月法治建设工作情况通报"
    rate, lost = bulletin.areas[0].indicators[0], bulletin.areas[1].indicators[0]
    assert [(e.unit_name, e.rank, e.exact) for e in rate.entries] == [
        ("湖滨社区", 1, "99%"),
        ("锦秋社区", 2, "91.6%"),
    ]
    assert [e.unit_name for e in lost.entries] == ["湖滨社区", "锦秋社区"]
    assert bulletin.as_dict()["areas"][0]["indicators"][0]["entries"][0]["record_count"] == 2


def test_a_bulletin_without_figures_says_so():
    bulletin = assemble(
        unit_id=1, unit_name="少海街道", period=JUNE, child_label="社区", children=[(2, "锦秋社区", {})]
    )
    assert bulletin.areas == [] and bulletin.empty_text == "本月系统中暂无各社区的统计数据。"
