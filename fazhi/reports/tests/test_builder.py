"""The report drafted from a fixture year's figures: structure, wording, provenance, nothing invented."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from fazhi.core.indicators import Figure, Period
from fazhi.reports import builder, render
from fazhi.reports.render import MANUAL
from fazhi.reports.tests.world import year_2022

YEAR = Period.year(2022)
END = date(2022, 12, 31)


def figures(unit_code: str = "SH", **targets: float) -> dict[str, list[Figure]]:
    out: dict[str, list[Figure]] = {}
    for r in year_2022()[unit_code]:
        target = targets.get(r.code.replace(".", "__"), r.target)
        out.setdefault(r.area, []).append(
            Figure(
                r.code,
                r.label,
                r.value,
                r.unit,
                YEAR,
                1,
                area=r.area,
                link=f"/x/{r.code}/",
                record_ids=r.ids,
                target=target,
                higher_is_better=r.higher_is_better,
            )
        )
    return out


def draft(figs=None, narratives=None, as_of=END):
    return builder.draft(
        unit_name="少海街道",
        unit_kind="subdistrict",
        year=2022,
        figures=figures() if figs is None else figs,
        narratives={} if narratives is None else narratives,
        as_of=as_of,
    )


def section(content, key):
    return next(s for s in builder.sections_of(content) if s["key"] == key)


def text_of(content, key, figs=None):
    snaps = {
        s["code"]: s for s in builder.snapshots(figures() if figs is None else figs, unit_name="少海街道")
    }
    return "\n".join(render.plain(p, snaps) for p in render.paragraphs(section(content, key)["text"]))


def test_the_title_names_the_unit_and_the_year_as_the_seed_does():
    assert draft()["title"] == "少海街道关于2022年度法治政府建设工作情况的报告"


def test_the_parts_follow_the_seed_and_the_next_year_is_named():
    headings = [p["heading"] for p in builder.visible_parts(draft())]
    assert headings == [
        "推进法治政府建设的主要举措和成效",
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        "推进法治政府建设存在的不足和原因",
        "2023年推进法治政府建设的主要安排",
    ]


def test_part_five_appears_only_when_it_has_text():
    content = draft()
    assert "其他需要报告的情况" not in [p["heading"] for p in builder.visible_parts(content)]
    other = section(content, "other.main")
    other["text"] = "本年度无其他需要报告的情况。"
    assert builder.visible_parts(content)[-1]["heading"] == "其他需要报告的情况"


def test_figures_are_written_the_seed_way_and_cited_by_code():
    content = draft()
    social = section(content, "measures.social")["text"]
    assert "{{petitions.received}}" in social and "{{petitions.on_time_rate}}" in social
    assert "信访方面，全年受理信访事项50多件，按期办结率97.4%。" in text_of(content, "measures.social")
    assert "矛盾纠纷方面，全年调处矛盾纠纷630余件，调解成功率100%。" in text_of(
        content, "first_responsible.mediation"
    )


def test_an_area_with_no_module_or_no_records_is_left_for_manual_text():
    content = draft()
    for key in (
        "measures.leadership",
        "measures.enforcement",
        "first_responsible.decisions",
        "first_responsible.advisers",
        "first_responsible.publicity",
    ):
        assert section(content, key)["text"] == MANUAL
        assert section(content, key)["manual"]
    # 重点人员 counts nothing this year (0 脱管失控, no records): no sentence about it is invented.
    assert "重点人员方面" not in section(content, "measures.social")["text"]


def test_narratives_come_first_and_may_cite_their_figures():
    content = draft(narratives={"信访": ["开展大排查大调处4次，受理信访事项{{petitions.received}}。"]})
    lines = text_of(content, "measures.social").splitlines()
    assert lines[0] == "开展大排查大调处4次，受理信访事项50多件。"
    assert lines[1].startswith("信访方面")


def test_shortcomings_are_suggested_from_the_figures_that_missed_their_targets():
    figs = figures(petitions__on_time_rate=98.0)
    content = draft(figs)
    assert text_of(content, "shortcomings.problems", figs) == (
        "对照年度目标，以下指标未达标：一是按期办结率97.4%，低于98%的目标。"
    )
    assert "【待填写" in section(content, "shortcomings.causes")["text"]


def test_a_lower_is_better_figure_over_its_target_is_a_shortcoming():
    figs = figures("SH-JQ")
    content = draft(figs)
    assert "脱管失控1人，高于0人的控制目标" in text_of(content, "shortcomings.problems", figs)


def test_with_every_target_met_the_problems_are_left_to_write():
    assert section(draft(), "shortcomings.problems")["text"].startswith("【待填写：各项统计指标均已达到目标")


def test_a_year_with_no_data_says_so_instead_of_failing():
    content = draft({"信访": [Figure("petitions.received", "受理信访事项", 0, "件", YEAR, 1, area="信访")]})
    assert not content["has_data"]
    assert "【待填写：系统中没有少海街道2022年度的业务记录" in content["opening"]["text"]
    assert all("{{" not in s["text"] for s in builder.sections_of(content)), (
        "no figure is cited when nothing was recorded"
    )


def test_an_area_no_section_names_gets_its_own_section_in_part_one():
    figs = figures()
    figs["网格化服务"] = [
        Figure("grid.patrols", "网格巡查", 120, "次", YEAR, 1, area="网格化服务", record_ids=[1])
    ]
    content = draft(figs)
    extra = section(content, "measures.area.网格化服务")
    assert extra["heading"] == "网格化服务工作情况。"
    assert "{{grid.patrols}}" in extra["text"]


def test_a_report_of_the_current_year_counts_up_to_today():
    content = draft(as_of=date(2022, 6, 30))
    assert "信访方面，截至6月30日受理信访事项" in text_of(content, "measures.social")


def test_regenerating_keeps_hand_edited_sections_and_refreshes_the_rest():
    old = draft()
    section(old, "measures.leadership")["text"] = "街道党工委高度重视，成立领导小组。"
    section(old, "first_responsible.mediation")["text"] = "调处纠纷{{disputes.mediated}}，效果明显。"
    old["addressee"] = "县委、县政府："
    changed = figures()
    changed["信访"][0] = replace(changed["信访"][0], value=75)
    fresh = draft(changed)
    merged = builder.redraft(old, fresh)
    assert section(merged, "measures.leadership")["text"] == "街道党工委高度重视，成立领导小组。"
    assert (
        section(merged, "first_responsible.mediation")["text"] == "调处纠纷{{disputes.mediated}}，效果明显。"
    )
    assert "受理信访事项70多件" in text_of(merged, "measures.social", changed)
    assert merged["addressee"] == "县委、县政府："


def test_section_labels_number_the_written_sections():
    content = draft()
    assert builder.section_label(content, "measures.social") == "一、（二）依法行政，积极防范化解社会矛盾。"
    assert builder.section_label(content, "plans.main") == "四、2023年推进法治政府建设的主要安排"


def test_the_issuer_is_the_subdistrict_office_or_the_residents_committee():
    assert builder.issuer_for("少海街道", "subdistrict") == "少海街道办事处"
    assert builder.issuer_for("锦秋社区", "community") == "锦秋社区居民委员会"
