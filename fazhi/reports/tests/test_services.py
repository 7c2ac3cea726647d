"""Generating, editing, restoring, regenerating and finalising the annual report, against the fixture year."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.errors import Conflict, InvalidTransition, NotAllowed, NotFound, ValidationFailed
from fazhi.core.indicators import Period
from fazhi.core.models import TimelineEvent
from fazhi.reports import builder, render, services
from fazhi.reports.idpack import frozen_ids
from fazhi.reports.models import ReportStatus, ReportTarget, ReportVersion
from fazhi.reports.selectors import dashboard_for
from fazhi.testing import persona, unit

pytestmark = pytest.mark.django_db
TODAY = date(2023, 3, 1)


def create(world, year=2022, code="SH"):
    return services.annual_report_create(
        actor=persona("clerk"), unit_id=unit(code).pk, year=year, today=TODAY
    )


def latest(report):
    return ReportVersion.objects.filter(report=report).order_by("-number").first()


def text(version, key):
    return next(s["text"] for s in builder.sections_of(version.content) if s["key"] == key)


def fill_manual_sections(report, **extra):
    """Write every 待填写 section by hand, as the office would before the leader signs off."""
    version = latest(report)
    known = {f["code"]: f for f in version.figures}
    texts = {
        s["key"]: "已据实填写。"
        for s in builder.sections_of(version.content)
        if render.has_todo(s["text"], known)
    }
    return services.annual_report_edit(
        actor=persona("clerk"), report_id=report.pk, base_version=version.number, texts={**texts, **extra}
    )


def test_generating_drafts_version_one_with_a_snapshot_of_every_figure(world):
    report = create(world)
    version = latest(report)
    assert (report.status, report.version_count, version.number, version.kind) == ("draft", 1, 1, "generate")
    codes = [f["code"] for f in version.figures]
    assert codes == [
        "petitions.received",
        "petitions.on_time_rate",
        "disputes.mediated",
        "disputes.success_rate",
        "people.out_of_control",
    ]
    received = version.figures[0]
    assert received["value"] == 53 and frozen_ids(received) == list(range(1, 54))
    assert received["period"] == {"label": "2022年", "start": "2022-01-01", "end": "2022-12-31"}
    assert received["unit_name"] == "少海街道" and received["definition"] == "按登记日期统计"
    assert version.content["issuer"] == "少海街道办事处"
    assert TimelineEvent.objects.filter(kind="reports.generate", object_id=str(report.pk)).exists()


def test_the_ids_are_loaded_when_a_version_is_drafted_and_stay_frozen_when_finalised(world):
    dashboard_for(actor=persona("leader"), unit_ref=unit("SH").pk, period=Period.year(2022), today=TODAY)
    assert world.loaded == []  # the dashboard shows counts and links, it never lists ids
    report = create(world)
    assert "petitions.received" in world.loaded
    fill_manual_sections(report)
    version = services.annual_report_finalise(actor=persona("leader"), report_id=report.pk)
    world.set("SH", "petitions.received", 54, [*range(1, 54), 999])
    frozen = ReportVersion.objects.get(pk=version.pk).figures[0]
    assert frozen_ids(frozen) == list(range(1, 54)) and frozen["record_count"] == 53
    assert frozen["link"].startswith("/fake/petitions.received/")


def test_each_source_and_narrative_is_called_once_with_the_actor(world):
    create(world)
    assert world.count("figures") == 1 and world.count("narrative") == 1
    assert {actor for _, actor, _ in world.calls} == {"clerk"}


def test_configured_targets_override_the_sources_and_suggest_shortcomings(world):
    ReportTarget.objects.create(code="petitions.on_time_rate", target=98, updated_by=persona("clerk"))
    version = latest(create(world))
    figures = {f["code"]: f for f in version.figures}
    assert figures["petitions.on_time_rate"]["missed_target"]
    assert "一是按期办结率{{petitions.on_time_rate}}，低于98%的目标" in text(version, "shortcomings.problems")


def test_a_second_report_for_the_same_unit_and_year_is_a_conflict(world):
    report = create(world)
    with pytest.raises(Conflict) as exc:
        create(world)
    assert exc.value.extra["report_id"] == report.pk


def test_an_unknown_or_out_of_scope_unit_is_not_found(world):
    with pytest.raises(NotFound):
        services.annual_report_create(actor=persona("clerk"), unit_id="不存在的街道", year=2022, today=TODAY)
    with pytest.raises(NotFound):  # a grid has no annual report of its own
        services.annual_report_create(
            actor=persona("clerk"), unit_id=unit("SH-JQ-01").pk, year=2022, today=TODAY
        )


def test_a_year_in_the_future_is_refused_naming_the_field(world):
    with pytest.raises(ValidationFailed) as exc:
        create(world, year=2024)
    assert "年度" in exc.value.fields["year"]


def test_only_office_staff_draft(world):
    with pytest.raises(NotAllowed):
        services.annual_report_create(actor=persona("leader"), unit_id=unit("SH").pk, year=2022, today=TODAY)


def test_a_year_without_records_makes_a_report_that_says_so(world):
    report = create(world, year=2019)
    version = latest(report)
    assert "系统中没有少海街道2019年度的业务记录" in text(version, "opening")
    assert not version.content["has_data"]


def test_an_edit_is_a_new_version_recording_who_and_what_changed(world):
    report = create(world)
    version = services.annual_report_edit(
        actor=persona("clerk"),
        report_id=report.pk,
        base_version=1,
        texts={"measures.leadership": "街道党工委高度重视，成立推进依法行政工作领导小组。"},
        addressee="县委、县政府：",
        note="补写组织领导",
    )
    assert (version.number, version.kind, version.note) == (2, "edit", "补写组织领导")
    assert version.changes == ["addressee", "measures.leadership"]
    assert version.created_by == persona("clerk")
    assert version.figures == ReportVersion.objects.get(report=report, number=1).figures
    assert text(ReportVersion.objects.get(report=report, number=1), "measures.leadership") == render.MANUAL


def test_an_edit_made_on_an_old_version_is_refused_not_merged(world):
    report = create(world)
    services.annual_report_edit(
        actor=persona("clerk"), report_id=report.pk, base_version=1, texts={"other.main": "甲"}
    )
    with pytest.raises(Conflict):
        services.annual_report_edit(
            actor=persona("clerk"), report_id=report.pk, base_version=1, texts={"other.main": "乙"}
        )


def test_an_edit_citing_an_unknown_figure_names_the_section(world):
    report = create(world)
    with pytest.raises(ValidationFailed) as exc:
        services.annual_report_edit(
            actor=persona("clerk"),
            report_id=report.pk,
            base_version=1,
            texts={"plans.main": "计划{{nope.x}}"},
        )
    assert "nope.x" in exc.value.fields["plans.main"] and "主要安排" in exc.value.fields["plans.main"]


def test_an_edit_that_changes_nothing_adds_no_version(world):
    report = create(world)
    same = text(latest(report), "measures.social")
    version = services.annual_report_edit(
        actor=persona("clerk"), report_id=report.pk, base_version=1, texts={"measures.social": same}
    )
    assert version.number == 1


def test_restoring_brings_back_an_old_text_as_a_new_version(world):
    report = create(world)
    services.annual_report_edit(
        actor=persona("clerk"), report_id=report.pk, base_version=1, texts={"other.main": "甲"}
    )
    version = services.annual_report_restore(actor=persona("clerk"), report_id=report.pk, number=1)
    assert (version.number, version.kind, version.restored_from) == (3, "restore", 1)
    assert text(version, "other.main") == "" and version.changes == ["other.main"]


def test_finalising_is_refused_while_text_is_still_to_be_written(world):
    report = create(world)
    with pytest.raises(ValidationFailed) as exc:
        services.annual_report_finalise(actor=persona("leader"), report_id=report.pk)
    assert "一、（一）高度重视" in exc.value.message


def test_only_a_leader_finalises(world):
    report = create(world)
    fill_manual_sections(report)
    with pytest.raises(NotAllowed):
        services.annual_report_finalise(actor=persona("clerk"), report_id=report.pk)


def test_finalising_records_who_and_when_and_freezes_the_figures_against_later_changes(world):
    report = create(world)
    fill_manual_sections(report)
    final = services.annual_report_finalise(actor=persona("leader"), report_id=report.pk, base_version=2)
    report.refresh_from_db()
    assert report.status == ReportStatus.FINAL and report.final_version == final
    assert final.finalised_by == persona("leader") and final.finalised_at is not None
    frozen = list(final.figures)

    world.set("SH", "petitions.received", 75, list(range(1, 76)))
    with pytest.raises(InvalidTransition):
        services.annual_report_edit(
            actor=persona("clerk"), report_id=report.pk, base_version=2, texts={"other.main": "x"}
        )
    final.refresh_from_db()
    assert final.figures == frozen and final.figures[0]["value"] == 53

    redraft = services.annual_report_regenerate(actor=persona("clerk"), report_id=report.pk, today=TODAY)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.final_version == final
    assert redraft.figures[0]["value"] == 75 and frozen_ids(redraft.figures[0]) == list(range(1, 76))
    assert text(redraft, "measures.leadership") == "已据实填写。"  # hand-written text kept
    final.refresh_from_db()
    assert final.figures == frozen and final.finalised_by == persona("leader")


def test_a_leader_must_finalise_the_version_they_read(world):
    report = create(world)
    fill_manual_sections(report)
    with pytest.raises(Conflict):
        services.annual_report_finalise(actor=persona("leader"), report_id=report.pk, base_version=1)


def test_an_outsider_cannot_reach_the_report_at_all(world):
    report = create(world)
    with pytest.raises(NotFound):
        services.annual_report_edit(actor=persona("grid_b1"), report_id=report.pk, base_version=1, texts={})
    with pytest.raises(NotFound):
        services.annual_report_finalise(actor=persona("community_a"), report_id=report.pk)


def test_targets_are_set_and_cleared_by_staff_with_validation():
    clerk = persona("clerk")
    target = services.report_target_set(
        actor=clerk, code="petitions.on_time_rate", target="95", note="县考核"
    )
    assert target is not None and str(target.target) == "95.00"
    with pytest.raises(ValidationFailed) as exc:
        services.report_target_set(actor=clerk, code="bad code!", target="x")
    assert set(exc.value.fields) == {"code", "target"}
    assert services.report_target_set(actor=clerk, code="petitions.on_time_rate", target=None) is None
    assert not ReportTarget.objects.exists()
    with pytest.raises(NotAllowed):
        services.report_target_set(actor=persona("grid_a1"), code="a.b", target=1)
