"""Scoped reads: units, the dashboard, drift since a version, the bulletin, 我的待办."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.errors import NotAllowed, NotFound
from fazhi.core.indicators import Period
from fazhi.reports import idpack, selectors, services
from fazhi.reports.tests.test_services import TODAY, fill_manual_sections
from fazhi.reports.todo import annual_report_todo
from fazhi.testing import persona, unit

pytestmark = pytest.mark.django_db


def test_the_default_unit_is_the_actors_own_else_the_first_in_scope():
    assert selectors.unit_resolve_for(actor=persona("community_a"), ref="").code == "SH-JQ"
    assert selectors.unit_resolve_for(actor=persona("clerk"), ref=None).code == "SH"  # 信访办 is a department
    assert selectors.unit_resolve_for(actor=persona("grid_a1"), ref="").code == "SH-JQ-01"


def test_a_unit_out_of_scope_is_not_found_like_a_missing_one():
    with pytest.raises(NotFound) as missing:
        selectors.unit_resolve_for(actor=persona("grid_b1"), ref="不存在")
    with pytest.raises(NotFound) as hidden:
        selectors.unit_resolve_for(actor=persona("grid_b1"), ref="锦秋社区")
    assert missing.value.code == hidden.value.code == "not_found"


def test_departments_are_not_dashboard_units():
    codes = {u.code for u in selectors.units_for(actor=persona("leader"))}
    assert "SH-XFB" not in codes and {"SH", "SH-JQ", "SH-JQ-01"} <= codes


def test_the_dashboard_needs_its_permission(world):
    with pytest.raises(NotAllowed):
        selectors.dashboard_for(actor=persona("adviser"), unit_ref="", period=Period.year(2022), today=TODAY)


def test_the_dashboard_passes_the_actor_and_unit_to_every_source(world):
    dash = selectors.dashboard_for(
        actor=persona("community_a"), unit_ref="", period=Period.year(2022), today=TODAY
    )
    assert dash.unit.code == "SH-JQ"
    assert world.calls == [("figures", "community_a", "SH-JQ"), ("alerts", "community_a", "SH-JQ")]
    assert dash.deadline is not None and dash.deadline.days_left == 31


def test_drift_lists_the_figures_that_moved_since_a_version(world):
    report = services.annual_report_create(
        actor=persona("clerk"), unit_id=unit("SH").pk, year=2022, today=TODAY
    )
    version = report.versions.get()
    assert selectors.drift_for(actor=persona("clerk"), version=version) == []
    world.set("SH", "petitions.received", 54, list(range(1, 55)))
    world.set("SH", "disputes.mediated", 634, list(range(2001, 2635)))  # same count, other records
    drift = selectors.drift_for(actor=persona("clerk"), version=version)
    assert [(d.code, d.before, d.after) for d in drift] == [
        ("petitions.received", "53件", "54件"),
        ("disputes.mediated", "634件", "634件"),
    ]


def test_a_version_stored_with_plain_id_lists_is_still_checked_for_drift(world):
    report = services.annual_report_create(
        actor=persona("clerk"), unit_id=unit("SH").pk, year=2022, today=TODAY
    )
    version = report.versions.get()
    for figure in version.figures:  # as versions were stored before ids were packed
        figure["record_ids"] = idpack.unpack(figure.pop("record_set"))
    version.save(update_fields=["figures"])
    version.refresh_from_db()
    assert selectors.drift_for(actor=persona("clerk"), version=version) == []
    world.set("SH", "disputes.mediated", 634, list(range(2001, 2635)))
    drift = selectors.drift_for(actor=persona("clerk"), version=version)
    assert [d.code for d in drift] == ["disputes.mediated"]


def test_the_bulletin_of_a_community_ranks_its_grids(world):
    bulletin = selectors.bulletin_for(actor=persona("leader"), unit_ref="锦秋社区", year=2022, month=6)
    assert bulletin.child_label == "网格" and bulletin.areas == []
    assert bulletin.empty_text == "本月系统中暂无各网格的统计数据。"


def test_my_todo_asks_office_staff_to_draft_and_leaders_to_sign_off_in_the_first_quarter(world):
    clerk, leader = persona("clerk"), persona("leader")
    march = date(2023, 3, 20)
    assert annual_report_todo(clerk, date(2023, 4, 1)) == []
    [item] = annual_report_todo(clerk, march)
    assert item.title == "起草少海街道2022年度法治政府建设工作情况报告"
    assert (item.due, item.severity) == (date(2023, 3, 31), "due")
    assert "第二十四条" in item.basis
    assert annual_report_todo(leader, march) == []  # nothing to sign off yet
    assert annual_report_todo(clerk, date(2023, 1, 10))[0].severity == "normal"
    report = services.annual_report_create(actor=clerk, unit_id=unit("SH").pk, year=2022, today=TODAY)
    assert annual_report_todo(leader, march)[0].title == "审定少海街道2022年度法治政府建设工作情况报告"
    fill_manual_sections(report)
    services.annual_report_finalise(actor=leader, report_id=report.pk)
    assert annual_report_todo(clerk, march) == [] and annual_report_todo(leader, march) == []
    assert annual_report_todo(persona("grid_a1"), march) == []
