"""The dispute list search: the words of the case text through the full-text index, parties' names
and numbers exactly, and the index following edits."""

from __future__ import annotations

import pytest

from fazhi.disputes import services
from fazhi.disputes.selectors.disputes import DisputeFilters, dispute_list_for
from fazhi.disputes.tests.factories import dispute
from fazhi.testing import GRID_B1, persona

pytestmark = pytest.mark.django_db

LEAK = "楼上漏水浸湿楼下天花板，双方就维修和赔偿发生争执"
PARKING = "小区停车位被长期占用，业主与物业公司发生争执"


def found(q: str, actor: str = "leader") -> set[int]:
    return set(
        dispute_list_for(actor=persona(actor), filters=DisputeFilters(q=q)).values_list("pk", flat=True)
    )


def test_two_and_four_character_words_find_the_right_disputes():
    leak, parking = dispute(summary=LEAK), dispute(summary=PARKING)
    assert found("漏水") == {leak.pk}
    assert found("争执") == {leak.pk, parking.pk}
    assert found("物业公司") == {parking.pk}
    assert found("发生争执") == {leak.pk, parking.pk}


def test_editing_the_summary_moves_the_dispute_in_the_index():
    d = dispute(summary=LEAK)
    services.dispute_update(actor=persona("grid_a1"), dispute_id=d.pk, summary=PARKING)
    assert found("漏水") == set()
    assert found("停车位") == {d.pk}


def test_claims_are_searched_too():
    d = dispute(summary=LEAK, claims="要求赔偿装修损失八千元")
    assert found("装修") == {d.pk}


def test_a_party_name_and_the_number_still_find_the_dispute():
    d = dispute(summary=LEAK)
    assert found("李芳") == {d.pk}
    assert found(d.number) == {d.pk}


def test_an_outsider_does_not_find_a_dispute_outside_their_scope():
    dispute(summary=LEAK)
    assert found("漏水", actor="grid_b1") == set()
    theirs = dispute(summary=LEAK, actor="grid_b1", unit_code=GRID_B1)
    assert found("漏水", actor="grid_b1") == {theirs.pk}


def test_a_count_past_the_cap_is_a_lower_bound_on_the_page_and_in_the_api(monkeypatch):
    from fazhi.core import search
    from fazhi.testing import api_client, page_client

    monkeypatch.setattr(search, "COUNT_CAP", 1)
    dispute(summary=LEAK), dispute(summary=LEAK), dispute(summary=PARKING)
    body = api_client("leader").get("/api/v1/disputes/cases", {"q": "漏水"}).json()
    assert (body["count"], body["count_is_lower_bound"], len(body["items"])) == (1, True, 2)
    body = api_client("leader").get("/api/v1/disputes/cases", {"q": "停车"}).json()
    assert (body["count"], body["count_is_lower_bound"]) == (1, False)
    assert "共 1+ 条" in page_client("leader").get("/disputes/", {"q": "漏水"}).content.decode()
