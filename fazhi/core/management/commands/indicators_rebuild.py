"""`fazhi indicators rebuild [measure …]`: recompute the pre-aggregated indicator buckets from the base
tables. Run it after anything that writes records without save() (bulk imports, data generators,
SQL fixes); the sweep also rebuilds every measure once a day."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core import buckets


class Command(BaseCommand):
    help = "重新计算统计指标预汇总表（批量导入或生成数据后运行）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("measures", nargs="*", help="只重算这些指标组（默认全部），如 grid.events")

    def handle(self, *args: Any, **options: Any) -> None:
        names = options["measures"] or list(buckets.MEASURES)
        unknown = [n for n in names if n not in buckets.MEASURES]
        if unknown:
            raise CommandError(f"没有指标组“{unknown[0]}”；可选：{'、'.join(buckets.MEASURES)}")
        for name in names:
            started = time.monotonic()
            rows = buckets.rebuild([name], today=timezone.localdate())[name]
            self.stdout.write(f"{name}：{rows} 行，{time.monotonic() - started:.1f} 秒")
