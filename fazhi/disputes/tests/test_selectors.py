"""Reads: scope, filters, a person's disputes, organisation visibility, campaign status, indicators,
我的待办 and the sweep."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fazhi.core import crypto
from fazhi.core.errors import NotAllowed
from fazhi.core.indicators import Period, figures_for
from fazhi.disputes import services
from fazhi.disputes.selectors import DisputeFilters, dispute_list_for, dispute_list_for_person, org_list_for
from fazhi.disputes.selectors.indicators import figures
from fazhi.disputes.selectors.screening import campaign_status
from fazhi.disputes.selectors.todo import todo_items
from fazhi.disputes.tests.factories import ID_A, committee, dispute, mediating, sign_all, written_agreement
from fazhi.org.scope import has_perm, subtree_ids
from fazhi.testing import COMMUNITY_A, COMMUNITY_B, GRID_A1, GRID_B1, persona, unit
from fazhi.workbench.models import Notification
from fazhi.workbench.sweep import sweep_run

pytestmark = pytest.mark.django_db

D = date(2022, 5, 10)


def test_the_list_needs_the_view_permission():
    with pytest.raises(NotAllowed):
        dispute_list_for(actor=persona("sysadmin"))


def test_each_persona_sees_the_disputes_of_their_scope():
    a = dispute(registered_on=D)
    b = dispute(actor="grid_b1", unit_code=GRID_B1, registered_on=D)
    assert set(dispute_list_for(actor=persona("community_a"))) == {a}
    assert set(dispute_list_for(actor=persona("grid_b1"))) == {b}
    assert set(dispute_list_for(actor=persona("clerk"))) == {a, b}
    assert set(dispute_list_for(actor=persona("adviser"))) == set()


def test_the_list_reads_its_rows_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    for _ in range(6):
        dispute(registered_on=D)
    actor = persona("community_a")
    has_perm(actor, "disputes.view")  # the actor's roles are read once per request, not per list
    subtree_ids(actor.unit)  # so is the actor's unit subtree
    with django_assert_max_num_queries(4):  # the records assigned to the actor, the page, its parties
        rows = list(dispute_list_for(actor=actor))
        assert all(len(d.parties.all()) == 2 and d.category.name and d.unit.name for d in rows)


def test_filters_by_category_risk_dates_and_outcome():
    neighbour = dispute(registered_on=D)
    labour = dispute(registered_on=D + timedelta(days=30), category="labour", amount="80000")
    settled = dispute(registered_on=D, settled_on_spot=True, resolution="当场化解")
    actor = persona("community_a")

    def ids(**kw):
        return {d.pk for d in dispute_list_for(actor=actor, filters=DisputeFilters(**kw))}

    assert ids(category="labour") == {labour.pk}
    assert ids(risk_level="yellow") == {labour.pk}
    assert ids(registered_to=D) == {neighbour.pk, settled.pk}
    assert ids(outcome="resolved") == {settled.pk}
    assert ids(q=neighbour.number) == {neighbour.pk}
    assert ids(q="张明") == {neighbour.pk, labour.pk, settled.pk}
    assert ids(overdue_on=D + timedelta(days=40)) == {neighbour.pk}


def test_a_persons_disputes_are_found_by_the_blind_index_of_their_id_number():
    mine = dispute(registered_on=D)
    dispute(registered_on=D, parties=0, summary="无当事人信息的排查线索")
    index = crypto.blind_index(ID_A, purpose="id_number")
    assert list(dispute_list_for_person(actor=persona("community_a"), id_index=index)) == [mine]
    assert list(dispute_list_for_person(actor=persona("grid_b1"), id_index=index)) == []
    assert list(dispute_list_for_person(actor=persona("community_a"), id_index="")) == []


def test_a_grid_worker_sees_the_committees_above_their_grid_and_the_outsider_does_not():
    own = committee()
    subdistrict = committee("SH", name="少海街道人民调解委员会", actor="clerk")
    assert set(org_list_for(actor=persona("grid_a1"))) == {own, subdistrict}
    assert set(org_list_for(actor=persona("grid_b1"))) == {subdistrict}


def test_the_organisation_list_counts_members_and_women_in_one_query(django_assert_max_num_queries):
    committee(members=4, women=2)
    actor = persona("community_a")
    has_perm(actor, "disputes.view")
    subtree_ids(actor.unit)  # the request's scope, asked once per request
    with django_assert_max_num_queries(1):
        org = org_list_for(actor=actor).get()
        assert (org.committee_count, org.women_count) == (4, 2)


def test_the_campaign_lists_the_communities_that_have_not_reported_for_the_period():
    campaign = services.campaign_create(
        actor=persona("clerk"),
        unit_id=unit("SH").pk,
        name="2022年全国两会期间专项排查",
        kind="special",
        topic="全国两会",
        start_on=date(2022, 3, 1),
        end_on=date(2022, 3, 15),
        cadence="daily",
        subjects=["dispute"],
    )
    services.screening_report_submit(
        actor=persona("community_a"),
        campaign_id=campaign.pk,
        unit_id=unit(COMMUNITY_A).pk,
        period_start=date(2022, 3, 4),
        zero=True,
    )
    status = campaign_status(actor=persona("clerk"), campaign=campaign, day=date(2022, 3, 4))
    assert status.period.start == date(2022, 3, 4) == status.period.end
    assert {u.code for u in status.missing} == {"SH-HB", "SH-DC", "SH-HX"}
    assert [
        r.community.code
        for r in campaign_status(actor=persona("community_a"), campaign=campaign, day=date(2022, 3, 4)).rows
    ] == [COMMUNITY_A]


def _a_year_of_work():
    """Five disputes of 2022 in community A with every kind of ending."""
    agreed = mediating(on=date(2022, 3, 1))
    agreement = sign_all(written_agreement(agreed, reached_on=date(2022, 3, 10)), date(2022, 3, 10))
    clerk = persona("community_a")
    services.agreement_materials_set(
        actor=clerk, agreement_id=agreement.pk, materials=["application", "agreement", "identity", "contacts"]
    )
    services.agreement_confirmation_record(
        actor=clerk, agreement_id=agreement.pk, status="applied", on=date(2022, 3, 20)
    )
    services.agreement_confirmation_record(
        actor=clerk, agreement_id=agreement.pk, status="confirmed", on=date(2022, 3, 30)
    )
    failed = mediating(on=date(2022, 4, 1), category="labour")
    services.dispute_terminate(actor=clerk, dispute_id=failed.pk, reason="分歧大", ended_on=date(2022, 4, 20))
    settled = dispute(registered_on=date(2022, 6, 1), settled_on_spot=True, resolution="当场化解")
    police = mediating(on=date(2022, 7, 1))
    services.escalation_record(
        actor=clerk, dispute_id=police.pk, kind="police", reason="扬言报复", on=date(2022, 7, 2)
    )
    old = dispute(registered_on=date(2021, 12, 20))
    talk_day = services.talk_day_schedule(
        actor=persona("grid_a1"), unit_id=unit(GRID_A1).pk, held_on=date(2022, 8, 8), place="广场"
    )
    services.talk_day_record(actor=persona("grid_a1"), talk_day_id=talk_day.pk, attendance=20)
    services.talk_issue_add(
        actor=persona("grid_a1"),
        talk_day_id=talk_day.pk,
        description="路灯",
        outcome="resolved",
        resolution="已修",
    )
    return agreed, failed, settled, police, old, agreement


def test_the_years_figures_count_the_right_records_with_their_drill_down():
    agreed, failed, settled, police, old, agreement = _a_year_of_work()
    figs = {f.code: f for f in figures(actor=persona("clerk"), unit=unit("SH"), period=Period.year(2022))}
    assert figs["disputes.intake"].value == 4 and old.pk not in figs["disputes.intake"].ids()
    assert police.pk in figs["disputes.intake"].ids()
    assert figs["disputes.resolved"].ids() == sorted([agreed.pk, settled.pk])
    assert figs["disputes.failed"].ids() == [failed.pk]
    assert str(figs["disputes.success_rate"].value) == "66.7" and figs["disputes.success_rate"].unit == "%"
    assert figs["disputes.agreements"].ids() == [agreement.pk]
    assert figs["disputes.confirmed"].value == 1
    assert figs["disputes.escalations.police"].value == 1
    assert figs["disputes.talk_days"].value == 1 and figs["disputes.talk_issues"].value == 1
    assert figs["disputes.intake.labour"].ids() == [failed.pk]
    link = figs["disputes.resolved"].link
    assert (
        link.startswith("/disputes/?") and "outcome=resolved" in link and "concluded_from=2022-01-01" in link
    )
    assert all(f.area == "矛盾纠纷" and f.period.label == "2022年" for f in figs.values())


def test_the_figures_are_registered_as_the_modules_indicator_source_and_follow_scope():
    _a_year_of_work()
    outsider = {
        f.code: f for f in figures_for(actor=persona("grid_b1"), unit=unit("SH"), period=Period.year(2022))
    }
    assert outsider["disputes.intake"].value == 0
    community_b = {
        f.code: f for f in figures(actor=persona("clerk"), unit=unit(COMMUNITY_B), period=Period.year(2022))
    }
    assert community_b["disputes.intake"].value == 0 and community_b["disputes.success_rate"].value is None
    assert figures(actor=persona("sysadmin"), unit=unit("SH"), period=Period.year(2022)) == []


def test_the_confirmation_reminder_comes_due_seven_days_before_and_the_sweep_notifies_once():
    d = mediating(on=date(2022, 8, 20))
    agreement = sign_all(written_agreement(d, reached_on=date(2022, 9, 1)), date(2022, 9, 1))
    clerk = persona("community_a")

    def reminder(today):
        return [i for i in todo_items(clerk, today) if "司法确认" in i.title]

    assert reminder(date(2022, 9, 20))[0].severity == "normal"
    due = reminder(agreement.jc_due - timedelta(days=7))[0]
    assert due.severity == "due" and due.due == date(2022, 10, 8) and "第三十三条" in due.basis
    assert due.link == f"/disputes/agreements/{agreement.pk}/"
    sweep_run(today=agreement.jc_due - timedelta(days=7))
    sweep_run(today=agreement.jc_due - timedelta(days=6))
    notes = Notification.objects.filter(recipient=clerk, link=due.link, title__contains="司法确认")
    assert notes.count() == 1 and "即将到期" in notes.get().title
    assert reminder(agreement.jc_due + timedelta(days=1))[0].severity == "overdue"


def test_the_mediator_with_an_account_and_office_staff_for_subdistrict_cases_get_the_deadline():
    d = mediating(on=D)
    late = D + timedelta(days=40)
    assert any(
        i.severity == "overdue" and d.number in i.title for i in todo_items(persona("community_a"), late)
    )
    assert not todo_items(persona("clerk"), late)  # a community-led case
    services.dispute_update(actor=persona("community_a"), dispute_id=d.pk, amount="300000")
    assert any(d.number in i.title for i in todo_items(persona("clerk"), late))
    assert not todo_items(persona("grid_a1"), late)


def test_a_red_case_without_a_leader_asks_the_office_to_appoint_one():
    d = dispute(registered_on=D, extreme_behaviour=True)
    items = todo_items(persona("clerk"), D)
    assert any("包案领导" in i.title and d.number in i.title for i in items)
    services.dispute_set_case_leader(actor=persona("clerk"), dispute_id=d.pk, leader_id=persona("leader").pk)
    assert not any("包案领导" in i.title for i in todo_items(persona("clerk"), D))
    assert any(d.number in i.title for i in todo_items(persona("leader"), D + timedelta(days=40)))


def test_the_committee_term_is_warned_sixty_days_ahead_to_the_community_clerk(settings):
    org = committee()  # term 2021-03-01 to 2024-02-29
    clerk = persona("community_a")
    assert not [i for i in todo_items(clerk, date(2023, 12, 30)) if "任期" in i.title]
    item = next(i for i in todo_items(clerk, date(2023, 12, 31)) if "任期" in i.title)
    assert item.due == org.term_end and item.severity == "due" and "第九条" in item.basis
    assert not [i for i in todo_items(persona("clerk"), date(2023, 12, 31)) if "任期" in i.title]
    settings.FAZHI_DISPUTES = {"TERM_WARNING_DAYS": 90}
    assert [i for i in todo_items(clerk, date(2023, 12, 1)) if "任期" in i.title]


def test_an_unfiled_screening_report_is_on_the_community_clerks_list_until_filed():
    today = date.today()
    campaign = services.campaign_create(
        actor=persona("clerk"),
        unit_id=unit("SH").pk,
        name="常态化排查",
        kind="routine",
        start_on=today - timedelta(days=3),
        end_on=today + timedelta(days=3),
        cadence="daily",
    )
    clerk = persona("community_a")
    assert [i for i in todo_items(clerk, today) if "零报告" in i.title]
    services.screening_report_submit(
        actor=clerk, campaign_id=campaign.pk, unit_id=unit(COMMUNITY_A).pk, period_start=today, zero=True
    )
    assert not [i for i in todo_items(clerk, today) if "零报告" in i.title]


def test_the_grid_workers_todo_list_stays_empty_without_records():
    assert todo_items(persona("grid_a1"), D) == []
