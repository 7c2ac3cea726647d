"""/healthz and the benchmark's raw-SQL floors (mounted only when FAZHI_BENCH=1)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from fazhi.org.models import Unit
from fazhi.org.services import token_issue
from fazhi.petitions.tests.factories import make
from fazhi.testing import COMMUNITY_A, GRID_B1, persona
from fazhi.workbench import bench_views


@pytest.mark.django_db
def test_healthz_answers_ok_without_a_login() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_the_floors_are_not_mounted_in_normal_operation(monkeypatch: Any) -> None:
    monkeypatch.delenv(bench_views.ENV_FLAG, raising=False)
    assert bench_views.bench_urlpatterns() == []
    with pytest.raises(Resolver404):
        resolve("/bench/floor/petitions/")


def test_the_floors_mount_only_with_the_flag(monkeypatch: Any) -> None:
    monkeypatch.setenv(bench_views.ENV_FLAG, "1")
    assert [p.name for p in bench_views.bench_urlpatterns()] == ["bench_floor"]
    monkeypatch.setenv(bench_views.ENV_FLAG, "0")
    assert bench_views.bench_urlpatterns() == []


def test_a_floor_reads_the_rows_the_api_lists_for_a_community_clerk(personas: Any, rf: Any) -> None:
    for day in (1, 2, 3):
        make(received_on=date(2022, 9, day))
    make(unit_code=GRID_B1)  # another community: neither lists it
    raw, _ = token_issue(user=persona("community_a"))
    auth = {"Authorization": f"Bearer {raw}"}
    api = Client(headers=auth).get("/api/v1/petitions/?page=1&page_size=2").json()
    prefix = Unit.objects.get(code=COMMUNITY_A).path
    request = rf.get(f"/bench/floor/petitions/?page=1&page_size=2&prefix={prefix}", headers=auth)
    floor = json.loads(bench_views.floor_list(request, "petitions").content)
    assert floor["count"] == api["count"] == 3
    assert [r["id"] for r in floor["items"]] == [r["id"] for r in api["items"]]
    assert floor["items"][0]["people"] == api["items"][0]["petitioners"]


def test_a_floor_refuses_a_request_without_a_token(db: Any, rf: Any) -> None:
    assert bench_views.floor_list(rf.get("/bench/floor/petitions/"), "petitions").status_code == 401
