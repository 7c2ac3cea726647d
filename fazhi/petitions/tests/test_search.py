"""The petition list search: Chinese words through the full-text index, names and case numbers
exactly as before, scope first."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from fazhi.petitions import selectors, services
from fazhi.petitions.models import Petition
from fazhi.petitions.selectors import PetitionFilters
from fazhi.petitions.tests.factories import LI, WAGES, ZHANG
from fazhi.testing import GRID_A1, GRID_B1, api_client, persona, unit

pytestmark = pytest.mark.django_db

LIFT = "锦秋家园小区物业公司收费后不维修电梯，电梯已停运两个月。"
APART = "物业服务不到位，开发公司拒绝整改，楼道灯坏了没人修。"  # 物业 and 公司, never 物业公司


def make(*, content: str, title: str = "群众来信", unit_code: str = GRID_A1, people: Any = None) -> Petition:
    return services.petition_register(
        actor=persona("clerk"),
        channel="letter",
        received_on=date(2022, 9, 1),
        category="claim",
        title=title,
        content=content,
        unit_id=unit(unit_code).pk,
        petitioners=people or [ZHANG],
    )


def found(q: str, actor: str = "leader") -> set[int]:
    rows = selectors.petition_list_for(actor=persona(actor), filters=PetitionFilters(q=q))
    return set(rows.values_list("pk", flat=True))


@pytest.fixture
def three() -> tuple[Petition, Petition, Petition]:
    return make(content=LIFT), make(content=WAGES), make(content=APART, people=[LI])


def test_a_two_character_word_finds_the_petitions_that_contain_it(three):
    lift, wages, _apart = three
    assert found("电梯") == {lift.pk}
    assert found("工资") == {wages.pk}


def test_a_four_character_word_finds_only_the_petitions_with_that_word(three):
    lift, _wages, apart = three
    assert found("物业公司") == {lift.pk}
    assert found("物业") == {lift.pk, apart.pk}


def test_a_petition_is_findable_as_soon_as_it_is_registered():
    p = make(content="楼下烧烤店每晚营业到凌晨两点，噪音扰民严重。")
    assert found("烧烤") == {p.pk}


def test_names_and_case_numbers_still_find_their_petitions(three):
    _lift, _wages, apart = three
    assert found("李大海") == {apart.pk}
    assert found(apart.case_number) == {apart.pk}
    assert found(apart.case_number[-6:]) >= {apart.pk}


def test_a_single_character_query_falls_back_to_a_substring_match(three):
    lift, _wages, _apart = three
    assert found("梯") == {lift.pk}


def test_an_outsider_does_not_find_a_petition_outside_their_scope(three):
    assert found("电梯", actor="grid_b1") == set()
    theirs = make(content=LIFT, unit_code=GRID_B1)
    assert found("电梯", actor="grid_b1") == {theirs.pk}


def test_the_api_list_searches_the_same_way(three):
    lift, _wages, _apart = three
    r = api_client("leader").get("/api/v1/petitions/", {"q": "物业公司"})
    assert r.status_code == 200
    assert [item["id"] for item in r.json()["items"]] == [lift.pk]


def test_rebuild_refills_the_search_text_of_existing_petitions(three):
    lift, wages, _apart = three
    Petition.objects.update(search_text="")  # rows written before the column existed
    assert found("电梯") == set()
    call_command("search_rebuild", stdout=io.StringIO())
    assert found("电梯") == {lift.pk}
    assert found("工资") == {wages.pk}


def test_a_count_past_the_cap_is_a_lower_bound_on_the_page_and_in_the_api(monkeypatch):
    from fazhi.core import search
    from fazhi.testing import page_client

    monkeypatch.setattr(search, "COUNT_CAP", 1)
    make(content=LIFT), make(content=LIFT), make(content=APART)
    body = api_client("leader").get("/api/v1/petitions/", {"q": "电梯"}).json()
    assert (body["count"], body["count_is_lower_bound"], len(body["items"])) == (1, True, 2)
    body = api_client("leader").get("/api/v1/petitions/", {"q": "楼道"}).json()
    assert (body["count"], body["count_is_lower_bound"]) == (1, False)
    assert "共 1+ 条" in page_client("leader").get("/petitions/", {"q": "电梯"}).content.decode()


def test_a_name_found_more_often_than_the_id_limit_still_finds_every_petition(three, monkeypatch):
    """The named petitions go to the query as ids up to a limit (fazhi.core.idlist); past it, as the
    subquery — either way every one of them."""
    from fazhi.core import idlist

    _lift, _wages, apart = three
    again = make(content="再次反映：楼上漏水至今未修。", people=[LI])
    assert found("李大海") == {apart.pk, again.pk}
    monkeypatch.setattr(idlist, "LIMIT", 1)
    assert found("李大海") == {apart.pk, again.pk}
    assert found("无此人名") == set()
