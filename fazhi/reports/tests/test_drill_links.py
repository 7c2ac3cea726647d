"""Every drill-down a dashboard offers opens for the person it is offered to: a figure whose records the
viewer may not list (a leader and the key persons) shows its count without a link, never a link to 404."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from fazhi.testing import page_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["leader", "clerk", "community_a"])
def test_every_drill_link_on_the_dashboard_opens(who):
    client = page_client(who)
    page = client.get("/reports/", {"period": "year", "year": timezone.localdate().year}).content.decode()
    links = set(re.findall(r'<a class="drill" href="([^"]+)"', page))
    assert links, "the dashboard offers drill-downs"
    refused = {}
    for link in sorted(links):
        status = client.get(link.replace("&amp;", "&")).status_code
        if status != 200:
            refused[link] = status
    assert refused == {}


def test_a_leader_sees_the_key_person_figures_as_counts_without_links():
    page = page_client("leader").get("/reports/").content.decode()
    area = page.split(">重点人员</h2>")[1].split("<h2")[0]
    assert "在管重点人员" in area and "/people/keypersons/" not in area and "/people/visits/" not in area
