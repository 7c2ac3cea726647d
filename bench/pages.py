"""Walk the pages as a person would: `python -m bench.pages --user county_leader [--limit N]`.

Starting at the home page, follows every same-site link of each page (breadth first) as one logged-in
user, inside Django (the test client: every middleware, no network), and prints each page's status,
time and number of queries, slowest first. Run it on a bench dataset (FAZHI_HOME of var/bench/…, and
DATABASE_URL for PostgreSQL) to find the pages that do not hold at county scale, and the links that
answer an error (4xx/5xx) to the person they are offered to.

Only GET; links that would download, export, print or log out are not followed, nor sort and page
links; each URL shape (digits replaced) is visited at most `--per-shape` times. Not a benchmark with a
floor: a survey, to be read beside the query count.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

import django

SKIP = re.compile(
    r"/(logout|exports?|imports?|download|docx|xlsx|print|card|media|static|admin|api)(/|$)"
    r"|\.(docx|xlsx|png|svg|js|css|json)$"
)
HREF = re.compile(r'href="([^"#]+)"')


@dataclass
class Visit:
    url: str
    status: int
    ms: float
    queries: int
    size: int


def links_of(url: str, html: str) -> list[str]:
    """The same-site GET links of a page worth following, as paths with their query strings."""
    found = []
    for href in HREF.findall(html):
        target = urlparse(urljoin(url, href.replace("&amp;", "&")))
        if target.netloc not in ("", "127.0.0.1", "testserver") or SKIP.search(target.path):
            continue
        if "page=" in target.query or "sort=" in target.query:
            continue
        found.append(target.path + (f"?{target.query}" if target.query else ""))
    return found


def shape(url: str) -> str:
    return re.sub(r"\d+", "N", urlparse(url).path)


def walk(client: object, *, limit: int, per_shape: int) -> list[Visit]:
    from django.db import connection, reset_queries

    seen: set[str] = set()
    shapes: dict[str, int] = {}
    queue, visits = ["/"], []
    while queue and len(visits) < limit:
        url = queue.pop(0)
        if url in seen or shapes.get(shape(url), 0) >= per_shape:
            continue
        seen.add(url)
        shapes[shape(url)] = shapes.get(shape(url), 0) + 1
        reset_queries()
        started = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        ms = (time.perf_counter() - started) * 1000
        visits.append(Visit(url, response.status_code, ms, len(connection.queries), len(response.content)))
        if response.status_code in (301, 302):
            queue += links_of(url, f'href="{response["Location"]}"')
        elif response.status_code == 200 and "html" in response.get("content-type", ""):
            queue += [u for u in links_of(url, response.content.decode("utf-8", "replace")) if u not in seen]
    return visits


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m bench.pages", description="以某个账号逐页打开页面，列出用时和查询数"
    )
    p.add_argument("--user", required=True, help="用户名，如 county_leader")
    p.add_argument("--limit", type=int, default=400, help="最多打开的页面数（默认 400）")
    p.add_argument("--per-shape", type=int, default=2, help="同一种地址（数字不同）最多打开几次（默认 2）")
    args = p.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    django.setup()
    from django.conf import settings
    from django.test import Client

    from fazhi.org.models import User

    user = User.objects.filter(username=args.user).first()
    if user is None:
        print(f"用户 {args.user} 不存在（FAZHI_HOME={settings.FAZHI_HOME}）", file=sys.stderr)
        return 2
    settings.DEBUG = True  # to count queries; nothing is served
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get("/")  # the first request of a process loads templates and URL patterns: not a page's cost
    visits = walk(client, limit=args.limit, per_shape=args.per_shape)
    print("status\tms\tqueries\tbytes\tpage")
    for v in sorted(visits, key=lambda v: (v.status < 400, -v.ms)):
        print(f"{v.status}\t{v.ms:.0f}\t{v.queries}\t{v.size}\t{v.url}")
    refused = sum(v.status >= 400 for v in visits)
    print(
        f"{len(visits)} 页，{refused} 页出错（4xx/5xx），总用时 {sum(v.ms for v in visits) / 1000:.1f} 秒",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
