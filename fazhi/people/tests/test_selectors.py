from __future__ import annotations

import pytest

from fazhi.core.errors import NotFound
from fazhi.people import selectors
from fazhi.people.tests import factories as f
from fazhi.testing import GRID_B1, persona

pytestmark = pytest.mark.django_db


def names(q: str, actor: str = "community_a") -> set[str]:
    return set(selectors.resident_list_for(actor=persona(actor), q=q).values_list("name", flat=True))


def test_pinyin_initials_find_a_resident():
    f.resident("张三")
    f.resident("李四")
    assert names("zs") == {"张三"}
    assert names("ZS") == {"张三"}


def test_a_full_id_number_finds_exactly_one_resident_and_a_partial_one_finds_none():
    person = f.resident("王五")
    assert names(person.id_number) == {"王五"}
    assert names(person.id_number[:10]) == set()


def test_a_full_phone_finds_the_resident():
    f.resident("钱七", phone="13700001111")
    assert names("13700001111") == {"钱七"}


def test_name_and_address_search_by_substring():
    f.resident("欧阳明", home=f.household(building="9号楼", room="901"))
    assert names("欧阳") == {"欧阳明"}
    assert "欧阳明" in names("9号楼")


def test_an_outsider_cannot_see_or_open_community_a_residents():
    person = f.resident("锦秋人")
    assert names("锦秋人", actor="grid_b1") == set()
    with pytest.raises(NotFound):
        selectors.resident_get_for(actor=persona("grid_b1"), resident_id=person.pk)


def test_an_adviser_sees_no_residents():
    f.resident("某人")
    assert names("", actor="adviser") == set()


def test_the_resident_list_runs_a_fixed_number_of_queries(django_assert_max_num_queries):
    for i in range(15):
        f.resident(f"居民{i}")
    actor = persona("community_a")
    with django_assert_max_num_queries(3):
        rows = [selectors.resident_row(r) for r in selectors.resident_list_for(actor=actor)[:20]]
    assert len(rows) == 15


def test_grid_b1_sees_its_own_residents():
    f.resident("湖滨居民", grid=GRID_B1)
    assert names("湖滨", actor="grid_b1") == {"湖滨居民"}
