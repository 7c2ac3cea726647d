"""Hand-run probe: the grid-event list search over ~1,000,000 generated Chinese texts, full-text index
against a LIKE '%…%' scan, on SQLite (default) or PostgreSQL (DATABASE_URL). Not part of the tests.

    FAZHI_HOME=/tmp/fz_probe python bench/search_probe.py --rows 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fz_search_probe python bench/search_probe.py --rows 1000000

The data is kept between runs (same --rows: loading is skipped). For each query it times the list
page as the pages and the API build it — the first 20 by recency plus the count, capped at
search.COUNT_CAP — through `event_list_for` (the index), against the same page with a LIKE on the
description and location (the scan): once with the exact count the page used to show (the floor of
issue #8), once capped like the index. It reports p50, the ratios, recall against LIKE, whether the
first page is the same, and with --plans the query plans.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")

# Vocabulary with known frequencies: one word from each list per text, so a word of a list of n
# appears in about 1/n of the texts (垃圾: 1 in 10; 井盖: 1 in 1000 …).
WHERE = ["小区", "楼道", "路口", "广场", "菜市场", "学校门口", "公园", "停车场", "河道", "村口"]
THING = ["垃圾", "路灯", "污水", "绿化带", "围墙", "电动车", "化粪池", "广告牌", "树木", "下水道"]
STATE = ["损坏", "堆放", "占道", "漏水", "倒伏", "堵塞", "乱停", "异味", "破损", "私搭乱建"]
RARE = ["井盖", "消防栓", "高空抛物", "违规用火", "燃气泄漏"]  # each in about 1 in 5000 texts
TAIL = ["影响居民出行", "存在安全隐患", "群众反映强烈", "已持续多日", "需尽快处置", "夜间尤为严重"]
PLACE = ["锦秋社区", "湖滨社区", "博城街道", "城东社区", "兴福镇", "纯化镇", "曹王镇", "店子镇"]

QUERIES = [  # (query, what it is)
    ("垃圾", "2 字，约 10% 的文本"),
    ("井盖", "2 字，约 0.02%"),
    ("物业", "2 字，无文本含此词"),
    ("私搭乱建", "4 字，约 10%"),
    ("堆放", "2 字，约 10%（常被切进“垃圾堆”）"),
    ("高空抛物", "4 字，约 0.02%"),
    ("安全隐患", "4 字，约 17%"),
]


def text(rng: random.Random) -> tuple[str, str]:
    parts = [rng.choice(WHERE), rng.choice(THING), rng.choice(STATE)]
    if rng.random() < 0.001:
        parts.insert(1, rng.choice(RARE))
    place = f"{rng.choice(PLACE)}{rng.randint(1, 40)}号楼{rng.choice(['东侧', '西侧', '南门', '北门'])}"
    return "，".join(["".join(parts), rng.choice(TAIL)]) + "。", place


def load(rows: int) -> None:
    from django.db import connection, transaction

    from fazhi.core import search
    from fazhi.grid.models import GridEvent
    from fazhi.org.demo import DemoContext
    from fazhi.org.demo import load as load_org
    from fazhi.org.models import Unit, UnitKind, User

    if GridEvent.objects.count() >= rows:
        return
    load_org(DemoContext(password="Probe-2022!"))
    grids = list(Unit.objects.filter(kind=UnitKind.GRID))
    reporter = User.objects.get(username="grid_a1")
    rng = random.Random(8)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    done, batch, t0 = GridEvent.objects.count(), 5000, time.perf_counter()
    while done < rows:
        objs = []
        for i in range(done, min(rows, done + batch)):
            description, location = text(rng)
            at = start + timedelta(seconds=i * 90)
            objs.append(
                GridEvent(
                    unit=grids[i % len(grids)],
                    number=f"SJP-{i:09d}",
                    category="environment",
                    description=description,
                    location=location,
                    reporter=reporter,
                    reported_at=at,
                    reported_on=at.date(),
                    search_text=search.index_text(description, location),
                )
            )
        with transaction.atomic():
            GridEvent.objects.bulk_create(objs, batch_size=1000)
        done += len(objs)
        print(f"\r  已生成 {done:,}/{rows:,}（{time.perf_counter() - t0:.0f} 秒）", end="", flush=True)
    print()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed(fn: Any, repeat: int) -> float:
    fn()  # warm
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def plan(qs: Any) -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        return str(qs.explain(analyze=True, buffers=True))
    return str(qs.explain())


def sizes() -> str:
    """What the index costs on disk: the FTS5 table (SQLite) or the GIN index (PostgreSQL), and the
    search_text column it is built from."""
    from django.db import connection

    from fazhi.core import search
    from fazhi.grid.models import GridEvent

    table = GridEvent._meta.db_table
    with connection.cursor() as cursor:
        octets = "length(CAST({} AS BLOB))" if connection.vendor == "sqlite" else "octet_length({})"
        cursor.execute(f"SELECT sum({octets.format(search.FIELD)}) FROM {table}")
        column = cursor.fetchone()[0] or 0
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE %s", [search.fts_table(table) + "%"]
            )
        else:
            cursor.execute("SELECT pg_relation_size(%s)", [f"{table}_search"[:63]])
        index = cursor.fetchone()[0] or 0
    mb = 1024 * 1024
    return f"索引 {index / mb:.0f} MB；search_text 列 {column / mb:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--plans", action="store_true", help="print the query plans")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q

    from fazhi.core import search
    from fazhi.core.pagination import paginate
    from fazhi.grid.models import GridEvent
    from fazhi.grid.selectors.events import _scoped, event_list_for
    from fazhi.org.models import User

    call_command("migrate", verbosity=0)
    load(args.rows)
    leader = User.objects.get(username="leader")
    total = GridEvent.objects.count()
    version = (
        connection.Database.sqlite_version
        if connection.vendor == "sqlite"
        else connection.cursor().connection.info.server_version
    )
    print(f"数据库：{connection.vendor} {version}；网格事件 {total:,} 条；{sizes()}")
    print(
        f"索引：首页 20 条 + 计数（上限 {search.COUNT_CAP:,}，页面显示“{search.COUNT_CAP:,}+ 条”）；扫描：同一首页 + LIKE 精确计数（原页面）；"
        "扫描（同上限）：同一首页 + 同样封顶的 LIKE 计数"
    )
    print(
        f"{'查询':<8}{'说明':<18}{'LIKE 命中':>10}{'召回':>6}{'同页':>4}"
        f"{'索引 p50':>10}{'扫描 p50':>10}{'倍数':>7}{'扫描(同上限)':>12}{'倍数':>7}"
    )
    for q, what in QUERIES:
        indexed = event_list_for(actor=leader, q=q)
        scanned = (
            GridEvent.objects.filter(_scoped(leader), Q(description__contains=q) | Q(location__contains=q))
            .select_related("unit", "reporter", "assignee")
            .order_by("-reported_at", "-pk")
        )

        def app_page(qs: Any) -> Any:
            return lambda: paginate(qs, page_size=20, count_cap=search.COUNT_CAP)

        def exact_page(qs: Any) -> Any:
            return lambda: (list(qs[:20]), qs.count())

        truth, hits = scanned.count(), indexed.count()
        same = [e.pk for e in indexed[:20]] == [e.pk for e in scanned[:20]]
        fast = timed(app_page(indexed), args.repeat)
        slow = timed(exact_page(scanned), max(3, args.repeat // 5))
        slow_capped = timed(app_page(scanned), max(3, args.repeat // 5))
        recall = f"{hits / truth:.0%}" if truth else "—"
        print(
            f"{q:<8}{what:<18}{truth:>10,}{recall:>6}{'✓' if same else '✗':>4}"
            f"{fast:>8.1f}ms{slow:>8.1f}ms{slow / fast:>6.0f}×{slow_capped:>10.1f}ms{slow_capped / fast:>6.1f}×"
        )
        if args.plans:
            print("  -- 索引：首页 20 条\n" + plan(indexed[:20]))
            print("  -- 索引：封顶计数\n" + plan(indexed.order_by().values("pk")[: search.COUNT_CAP + 1]))
            print("  -- 扫描：首页 20 条\n" + plan(scanned[:20]))


if __name__ == "__main__":
    main()
