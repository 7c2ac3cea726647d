"""Paging a long list reads the page's ids first, then those rows: the pages must be exactly the
slices of the list, in its order, with what the rows show loaded alongside."""

from __future__ import annotations

import pytest

from fazhi.core.pagination import paginate
from fazhi.grid import services
from fazhi.grid.models import GridEvent
from fazhi.grid.selectors.events import event_list_for
from fazhi.testing import api_client, persona

pytestmark = pytest.mark.django_db


def test_every_page_of_a_long_list_is_the_slice_of_the_list_in_its_order(django_assert_num_queries):
    for n in range(23):
        services.event_report(
            actor=persona("grid_a1" if n % 2 else "grid_b1"),
            category="environment",
            description=f"第{n}处垃圾未清运",
            location="锦秋社区",
        )
    qs = event_list_for(actor=persona("leader"))
    whole = list(qs)
    assert len(whole) > 2 * 5
    for number in range(1, len(whole) // 5 + 2):
        page = paginate(qs, page=number, page_size=5)
        assert [e.pk for e in page.items] == [e.pk for e in whole[(number - 1) * 5 : number * 5]]
    page = paginate(qs, page=2, page_size=5)
    with django_assert_num_queries(0):  # unit, reporter and assignee came with the rows
        [(e.unit.name, str(e.reporter), e.assignee) for e in page.items]
    capped = paginate(qs, page=3, page_size=5, count_cap=7)
    assert capped.count_text == "7+" and capped.has_next
    assert [e.pk for e in capped.items] == [e.pk for e in whole[10:15]]

    body = api_client("leader").get("/api/v1/grid/events", {"page": 2, "page_size": 5}).json()
    assert [i["id"] for i in body["items"]] == [e.pk for e in whole[5:10]]
    assert body["count"] == GridEvent.objects.count()


def test_the_rows_of_a_searched_page_are_read_by_id_without_searching_again():
    """A text search is applied once, for the page's ids; the rows are then read by id alone (a common
    word applied again collected every match a second time)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(8):
        services.event_report(
            actor=persona("grid_a1"),
            category="environment",
            description=f"垃圾堆放第{n}处",
            location="锦秋社区",
        )
    qs = event_list_for(actor=persona("leader"), q="垃圾")
    with CaptureQueriesContext(connection) as ctx:
        page = paginate(qs, page=2, page_size=3, count_cap=1000)
    assert [e.pk for e in page.items] == [e.pk for e in list(qs)[3:6]]
    rows_read = ctx.captured_queries[-1]["sql"]
    assert not any(mark in rows_read for mark in ("MATCH", "@@", "instr(", "LIKE")), rows_read
    assert all("垃圾" in e.description and e.unit.name for e in page.items)
