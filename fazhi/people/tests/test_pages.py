"""The people pages at any scale: a unit filter takes a community (its grids' records) as well as a
grid, and a large scope asks for a unit before offering its grids for a new building."""

from __future__ import annotations

import pytest

from fazhi.org import selectors as org_selectors
from fazhi.people.tests import factories as f
from fazhi.testing import COMMUNITY_A, GRID_A1, GRID_B1, page_client, unit

pytestmark = pytest.mark.django_db


def test_residents_filtered_by_a_community_are_those_of_its_grids():
    f.resident("王锦秋", grid=GRID_A1)
    f.resident("李湖滨", grid=GRID_B1)
    page = page_client("clerk").get("/people/residents/", {"unit": unit(COMMUNITY_A).pk}).content.decode()
    assert "王" in page and "李湖滨" not in page and "李" not in page.split("<tbody>")[1]


def test_a_large_scope_chooses_a_unit_before_its_grids_are_offered_for_a_new_building(monkeypatch):
    client = page_client("clerk")
    whole = client.get("/people/buildings/").content.decode()
    assert 'name="unit_id"' in whole and unit(GRID_B1).name in whole.split('name="unit_id"')[1]
    monkeypatch.setattr(org_selectors, "PICKER_ALL_UP_TO", 2)
    monkeypatch.setattr("fazhi.people.views.residents.PICKER_ALL_UP_TO", 2)
    large = client.get("/people/buildings/").content.decode()
    assert 'name="unit_id"' not in large and 'data-testid="choose-unit-first"' in large
    chosen = client.get("/people/buildings/", {"unit": unit(GRID_A1).pk}).content.decode()
    offered = chosen.split('name="unit_id"')[1].split("</select>")[0]
    assert unit(GRID_A1).name in offered and unit(GRID_B1).name not in offered
