"""The grid event list search: words of the description and location through the full-text index."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from fazhi.core import search
from fazhi.core.pagination import paginate
from fazhi.grid import services
from fazhi.grid.models import GridEvent
from fazhi.grid.selectors.events import event_list_for
from fazhi.testing import GRID_B1, api_client, page_client, persona, unit

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


def like(q: str) -> set[int]:
    rows = GridEvent.objects.filter(Q(description__contains=q) | Q(location__contains=q))
    return set(rows.values_list("pk", flat=True))


def test_two_characters_find_every_text_a_substring_search_finds():
    # A word segmenter reads 垃圾堆放 as 垃圾/垃圾堆/放: 堆放 was missed before the index held pairs.
    report("3号楼东侧垃圾堆放三天未清运")
    report("建材堆放占用消防通道")
    report("小区门口垃圾堆满未清运")
    for q in ("堆放", "圾堆", "清运", "东侧"):
        assert found(q) == like(q) != set()


def test_a_longer_query_finds_the_texts_holding_it_as_written():
    written = report("3号楼东侧垃圾堆放三天未清运")
    report("垃圾堆旁又有建材堆放")  # 垃圾、圾堆、堆放 all present, 垃圾堆放 is not
    assert found("垃圾堆放") == like("垃圾堆放") == {written.pk}


def test_a_common_word_pages_the_same_whichever_way_the_index_is_read(monkeypatch):
    at = timezone.now() - dt.timedelta(days=3)
    for i in range(30):  # pairs share a time: the order falls back to the number, newest first
        report(f"第{i}处垃圾堆放未清运", reported_at=at + dt.timedelta(minutes=i // 2))
    report("小区路灯损坏", reported_at=at + dt.timedelta(hours=2))
    rows = event_list_for(actor=persona("leader"), q="垃圾")
    monkeypatch.setattr(search, "_seen", {})
    monkeypatch.setattr(search, "WALK_PAGE", 10**9)  # index first, then sort
    first = [e.pk for e in rows[:20]]
    monkeypatch.setattr(search, "WALK_PAGE", 1)  # walk the list order, stop at a page
    monkeypatch.setattr(search, "WALK_COUNT", 1)  # count by reading rows up to the cap
    if connection.vendor == "sqlite":
        assert "instr(" in str(rows[:20].query) and "MATCH" not in str(rows[:20].query)
    assert [e.pk for e in rows[:20]] == first == sorted(like("垃圾"), reverse=True)[:20]
    page = paginate(rows, page=2, page_size=20, count_cap=25)
    assert (page.items, page.count_text, page.has_next) == (list(rows[20:]), "25+", False)


def test_a_count_past_the_cap_is_shown_as_a_lower_bound(monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 2)
    for _ in range(3):
        report("井盖缺失，存在安全隐患")
    report("路灯损坏，夜间出行不便")
    page = page_client("leader").get("/grid/events/", {"q": "井盖"}).content.decode()
    assert "共 2+ 条" in page
    assert "共 4 条" in page_client("leader").get("/grid/events/").content.decode()  # no search: exact
    body = api_client("leader").get("/api/v1/grid/events", {"q": "井盖", "page_size": 2}).json()
    assert (body["count"], body["count_is_lower_bound"], len(body["items"])) == (2, True, 2)
    body = api_client("leader").get("/api/v1/grid/events", {"q": "路灯"}).json()
    assert (body["count"], body["count_is_lower_bound"]) == (1, False)
