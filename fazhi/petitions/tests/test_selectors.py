from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.indicators import Period
from fazhi.petitions import selectors, services
from fazhi.petitions.indicators import petition_figures
from fazhi.petitions.tests.factories import ZHANG, make
from fazhi.testing import COMMUNITY_A, GRID_A1, GRID_B1, persona, unit

pytestmark = pytest.mark.django_db


def ids(actor: str) -> set[int]:
    return set(selectors.petition_list_for(actor=persona(actor)).values_list("pk", flat=True))


def test_scope_follows_the_unit_of_the_matter():
    grid = make("registered")
    community = make("registered", unit_code=COMMUNITY_A)
    assert {grid.pk, community.pk} <= ids("leader") and {grid.pk, community.pk} <= ids("community_a")
    assert grid.pk in ids("grid_a1") and community.pk not in ids("grid_a1")
    assert not ({grid.pk, community.pk} & ids("grid_b1"))
    assert not ({grid.pk, community.pk} & ids("sysadmin"))


def test_what_a_grid_worker_registered_stays_visible_to_them():
    p = make("registered", by="grid_a1")
    assert p.pk in ids("grid_a1")


def test_a_handler_outside_the_unit_sees_the_case_through_participation():
    p = make("accepted")
    assert p.pk not in ids("adviser")
    services.petition_lead(
        actor=persona("clerk"),
        petition_id=p.pk,
        leader_id=persona("leader").pk,
        handler_ids=[persona("adviser").pk],
    )
    assert p.pk in ids("adviser")


def test_the_person_profile_lists_every_visible_petition_of_that_id():
    from fazhi.core import crypto

    a, b = make("registered"), make("accepted", content="小区电梯停运两个月，物业不修")
    index = crypto.blind_index(ZHANG["id_number"], purpose="id_number")
    found = set(
        selectors.petition_list_for_person(actor=persona("clerk"), id_index=index).values_list(
            "pk", flat=True
        )
    )
    assert found == {a.pk, b.pk}
    assert not selectors.petition_list_for_person(actor=persona("grid_b1"), id_index=index).exists()


def test_overdue_filter_finds_matters_past_a_statutory_deadline():
    late = make("registered")
    found = selectors.petition_list_for(
        actor=persona("clerk"), filters=selectors.PetitionFilters(overdue_on=date(2022, 9, 17))
    )
    assert late.pk in set(found.values_list("pk", flat=True))
    found = selectors.petition_list_for(
        actor=persona("clerk"), filters=selectors.PetitionFilters(overdue_on=date(2022, 9, 16))
    )
    assert late.pk not in set(found.values_list("pk", flat=True))


def test_indicators_count_conclusion_satisfaction_reviews_and_repeats():
    on_time = make("replied")  # accepted 09-05, replied 10-10: within 60 days
    services.petition_follow_up(
        actor=persona("clerk"),
        petition_id=on_time.pk,
        method="phone",
        satisfaction="satisfied",
        on=date(2022, 10, 15),
    )
    reviewed = make("reviewing", content="小区电梯停运两个月，物业不修")
    figures = {
        f.code: f
        for f in petition_figures(actor=persona("clerk"), unit=unit(GRID_A1), period=Period.year(2022))
    }
    assert figures["petitions.on_time_conclusion"].value == 100.0
    assert figures["petitions.satisfaction"].value == 100.0 and figures["petitions.satisfaction"].ids() == [
        on_time.pk
    ]
    assert figures["petitions.reviews"].ids() == [reviewed.pk]
    assert figures["petitions.handling_days"].value == 39.0  # 09-01 → 10-10
    assert figures["petitions.repeat"].value == 0
    outsider = {
        f.code: f
        for f in petition_figures(actor=persona("grid_b1"), unit=unit(GRID_A1), period=Period.year(2022))
    }
    assert outsider["petitions.received"].value == 0


def test_a_claim_still_open_past_its_60_days_counts_against_on_time_conclusion():
    make("replied")  # concluded within its 60 days
    late = make("accepted")  # accepted 09-05, nothing since: due 11-04, open at the year's end
    make("accepted", unit_code=GRID_B1)  # late too, but not in grid A1
    figures = {
        f.code: f
        for f in petition_figures(actor=persona("clerk"), unit=unit(GRID_A1), period=Period.year(2022))
    }
    on_time = figures["petitions.on_time_conclusion"]
    assert on_time.value == 50.0 and on_time.record_count == 2
    assert late.pk in on_time.ids()


def test_list_rows_answer_their_reviews_and_petitioners_from_memory():
    """A page of the list: rows that cannot hold reviews answer `reviews.all()` without touching the
    database layer at all (an unevaluated `none()` still compiled its SQL, ~1 ms a row), and the
    petitioners come with their names only — ID numbers and phones are not read for a list."""
    from unittest import mock

    from django.db.models.sql.compiler import SQLCompiler

    from fazhi.petitions.deadlines import next_deadline

    for status in ("registered", "accepted", "transferred"):
        make(status)
    rows = list(selectors.petition_list_for(actor=persona("clerk"), parts=False))
    selectors.with_list_parts(rows)
    today = date(2022, 12, 20)
    with mock.patch.object(SQLCompiler, "execute_sql", side_effect=AssertionError("database asked")):
        for p in rows:
            next_deadline(p, today)
            assert list(p.reviews.all()) == []
            names = [x.name for x in p.petitioners.all()]
            assert names and all(names)
    sealed = {"id_number", "phone", "address"}
    assert all(sealed <= x.get_deferred_fields() for p in rows for x in p.petitioners.all())
