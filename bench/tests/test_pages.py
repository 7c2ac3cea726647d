"""The page walk (`python -m bench.pages`): which links it follows, and that on the 少海 world every page a
person reaches by following links opens for them (no link offered to a page that refuses them)."""

from __future__ import annotations

import pytest

from bench.pages import links_of, shape, walk


def test_only_same_site_get_pages_are_followed_without_sort_page_or_download_links() -> None:
    html = (
        '<a href="/petitions/?status=open&amp;unit=3">列表</a> <a href="/petitions/?page=2">下一页</a>'
        ' <a href="?sort=-received_on">排序</a> <a href="/exports/petitions/">导出</a>'
        ' <a href="https://example.org/">外站</a> <a href="5/">详情</a> <a href="/logout/">退出</a>'
        ' <a href="/reports/annual/1/report.docx">下载</a>'
    )
    assert links_of("/petitions/", html) == ["/petitions/?status=open&unit=3", "/petitions/5/"]
    assert shape("/petitions/12/reviews/3/") == "/petitions/N/reviews/N/"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["leader", "community_a", "grid_a1"])
def test_every_page_reached_by_links_opens_for_the_person_it_is_offered_to(who: str, settings) -> None:
    from django.test import Client

    from fazhi.testing import persona

    settings.DEBUG = True  # the walk counts queries
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(persona(who))
    visits = walk(client, limit=150, per_shape=1)
    assert len(visits) > 20
    assert {v.url: v.status for v in visits if v.status >= 400} == {}
