"""Links, rosters, the grid card, activities, indicators and the profile sections grid contributes."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import Conflict, NotFound, ValidationFailed
from fazhi.core.indicators import Period, figures_for
from fazhi.grid import selectors, services
from fazhi.grid.tests import factories as f
from fazhi.grid.tests.test_workflow import walk_to
from fazhi.people.profile import profile_sections
from fazhi.people.tests import factories as people
from fazhi.testing import GRID_A1, persona, unit

pytestmark = pytest.mark.django_db


def test_a_party_member_is_linked_to_a_household_and_records_contacts():
    member = people.resident("党员甲", political_status="party")
    home, _ = f.home_with_resident("群众乙")
    link = services.party_link_create(
        actor=persona("community_a"), member_id=member.pk, household_id=home.pk, since=dt.date(2022, 1, 1)
    )
    with pytest.raises(Conflict):
        services.party_link_create(
            actor=persona("community_a"), member_id=member.pk, household_id=home.pk, since=dt.date(2022, 1, 1)
        )
    services.party_contact_record(
        actor=persona("grid_a1"),
        link_id=link.pk,
        contacted_on=dt.date(2022, 3, 1),
        method="visit",
        content="走访了解家中老人情况",
    )
    assert selectors.party_link_list_for(actor=persona("grid_a1")).get().contact_count == 1


def test_only_a_party_member_can_be_linked():
    masses = people.resident("群众丙")
    home, _ = f.home_with_resident()
    with pytest.raises(ValidationFailed) as exc:
        services.party_link_create(
            actor=persona("community_a"), member_id=masses.pk, household_id=home.pk, since=dt.date(2022, 1, 1)
        )
    assert "member_id" in exc.value.fields


def test_a_cadre_logs_visits_to_the_grid_they_are_linked_to():
    link = services.cadre_link_create(
        actor=persona("clerk"),
        cadre_id=persona("leader").pk,
        unit_id=unit(GRID_A1).pk,
        since=dt.date(2022, 1, 1),
        duty="联系锦秋社区第一网格",
    )
    services.cadre_visit_record(
        actor=persona("leader"),
        link_id=link.pk,
        visited_on=dt.date(2022, 4, 2),
        content="走访网格，听取居民意见3条",
        issues=3,
    )
    assert selectors.cadre_link_list_for(actor=persona("leader")).get().visit_count == 1
    with pytest.raises(ValidationFailed):
        services.cadre_visit_record(
            actor=persona("leader"), link_id=link.pk, visited_on=dt.date(2999, 1, 1), content="未来的走访记录"
        )


def test_the_grid_card_shows_the_public_facts_and_the_workers_phone():
    services.roster_add(
        actor=persona("community_a"),
        unit_id=unit(GRID_A1).pk,
        role="grid_worker",
        name="孙强",
        phone="13905431004",
    )
    services.grid_profile_save(
        actor=persona("community_a"),
        unit_id=unit(GRID_A1).pk,
        area="锦秋路以东、湖滨路以北",
        complaint_phone="0543-1234567",
    )
    card = selectors.grid_card(unit(GRID_A1))
    assert card["workers"] == [{"name": "孙强", "phone": "13905431004"}]
    assert card["complaint_phone"] == "0543-1234567" and "第六条" in card["basis"]


def test_a_volunteers_phone_is_masked_in_the_roster():
    person = people.resident("志愿者丁", phone="13912340000")
    member = services.roster_add(
        actor=persona("community_a"), unit_id=unit(GRID_A1).pk, role="volunteer", resident_id=person.pk
    )
    assert selectors.roster_phone(member) == "139****0000"


def test_a_building_head_needs_a_building():
    with pytest.raises(ValidationFailed) as exc:
        services.roster_add(
            actor=persona("community_a"), unit_id=unit(GRID_A1).pk, role="building_head", name="王楼长"
        )
    assert "building_id" in exc.value.fields


def test_an_activity_is_recorded_with_photos_and_counted():
    activity = services.activity_record(
        actor=persona("grid_a1"),
        unit_id=unit(GRID_A1).pk,
        kind="consultation",
        held_on=dt.date(2022, 5, 10),
        title="停车难议事会",
        content="居民代表协商地面停车位划线方案",
        participants=18,
        photos=[("议事会.jpg", b"\xff\xd8y")],
    )
    assert selectors.activity_list_for(actor=persona("community_a"), kind="consultation").get() == activity
    with pytest.raises(NotFound):
        selectors.activity_get_for(actor=persona("grid_b1"), activity_id=activity.pk)


def test_indicators_count_events_points_and_activities_with_their_records():
    event = walk_to("closed")
    home, _ = f.home_with_resident()
    entry = services.points_award(
        actor=persona("grid_a1"),
        household_id=home.pk,
        rule_id=f.rule(points=10).pk,
        occurred_on=dt.date.today(),
    )
    today = dt.date.today()
    figures = {
        fig.code: fig
        for fig in figures_for(actor=persona("leader"), unit=unit("SH"), period=Period.year(today.year))
    }
    assert figures["grid.events"].value == 1 and figures["grid.events"].ids() == [event.pk]
    assert figures["grid.events_environment"].value == 1
    assert figures["grid.events_closed"].ids() == [event.pk]
    assert figures["grid.closed_on_time_rate"].value == 100.0
    assert figures["grid.points_award"].value == 10 and figures["grid.points_award"].ids() == [entry.pk]
    assert figures["grid.events"].link.startswith("/grid/events/")


def test_the_outsider_counts_none_of_community_a():
    walk_to("closed")
    figures = {
        fig.code: fig
        for fig in figures_for(
            actor=persona("grid_b1"), unit=unit("SH"), period=Period.year(dt.date.today().year)
        )
    }
    assert figures["grid.events"].value == 0


def test_the_one_person_profile_gathers_sections_within_permissions():
    home, person = f.home_with_resident("李华")
    services.points_award(
        actor=persona("grid_a1"),
        household_id=home.pk,
        rule_id=f.rule(points=10).pk,
        occurred_on=dt.date(2022, 1, 3),
    )
    keys = [s.key for s in profile_sections(persona("grid_a1"), person)]
    assert keys[:3] == ["household", "grid", "points"]
    assert "keyperson" not in keys
    people.key_person(name="李华的邻居")
    leader_keys = [s.key for s in profile_sections(persona("leader"), person)]
    assert "points" in leader_keys
    adviser_keys = [s.key for s in profile_sections(persona("adviser"), person)]
    assert adviser_keys == []
