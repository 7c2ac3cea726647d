"""The grid event list search: words of the description and location through the full-text index."""

from __future__ import annotations

import pytest

from fazhi.grid import services
from fazhi.grid.selectors.events import event_list_for
from fazhi.testing import GRID_B1, api_client, persona, unit

pytestmark = pytest.mark.django_db


def report(description: str, location: str = "锦秋社区3号楼东侧", actor: str = "grid_a1", **extra):
    return services.event_report(
        actor=persona(actor), category="environment", description=description, location=location, **extra
    )


def found(q: str, actor: str = "leader") -> set[int]:
    return set(event_list_for(actor=persona(actor), q=q).values_list("pk", flat=True))


def test_two_and_four_character_words_find_the_right_events():
    rubbish = report("3号楼东侧垃圾堆放三天未清运")
    lamp = report("小区路灯损坏，夜间出行不便", location="湖滨花园南门")
    assert found("垃圾") == {rubbish.pk}
    assert found("路灯") == {lamp.pk}
    assert found("湖滨花园") == {lamp.pk}
    assert found("东侧") == {rubbish.pk}


def test_an_event_is_findable_at_once_and_by_its_number():
    e = report("井盖缺失，存在安全隐患")
    assert found("井盖") == {e.pk}
    assert found(e.number) == {e.pk}


def test_an_outsider_does_not_find_an_event_outside_their_scope():
    report("井盖缺失，存在安全隐患")
    assert found("井盖", actor="grid_b1") == set()
    theirs = report("井盖缺失，存在安全隐患", actor="grid_b1", unit_id=unit(GRID_B1).pk)
    assert found("井盖", actor="grid_b1") == {theirs.pk}


def test_the_api_list_searches_the_same_way():
    e = report("井盖缺失，存在安全隐患")
    report("小区路灯损坏，夜间出行不便")
    r = api_client("leader").get("/api/v1/grid/events", {"q": "井盖"})
    assert r.status_code == 200
    assert [item["id"] for item in r.json()["items"]] == [e.pk]
