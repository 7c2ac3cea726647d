"""fazhi report bulletin --year 2022 --month 6 --unit 少海街道 --out b.docx [--user NAME]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core.errors import FazhiError
from fazhi.reports import builder, periods, selectors, writers
from fazhi.reports.operator import actor_for


class Command(BaseCommand):
    help = "生成每月通报（各社区或各网格指标排名，.docx）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--month", type=int, required=True)
        parser.add_argument(
            "--unit", required=True, help="街道（通报各社区）或社区（通报各网格）的名称或编码"
        )
        parser.add_argument("--out", required=True)
        parser.add_argument("--user", help="以该账号的数据权限生成；不填则按运维权限（全部单位）")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        year, month, out = options["year"], options["month"], Path(options["out"])
        try:
            year, month = periods.bulletin_month(year, month, today)
        except FazhiError as exc:
            raise CommandError(exc.message) from exc
        if not out.parent.is_dir():
            raise CommandError(f"输出目录“{out.parent}”不存在")
        actor = actor_for(options.get("user"))
        try:
            bulletin = selectors.bulletin_for(actor=actor, unit_ref=options["unit"], year=year, month=month)
            unit = selectors.unit_resolve_for(actor=actor, ref=options["unit"], kinds=selectors.REPORT_KINDS)
        except FazhiError as exc:
            raise CommandError(exc.message) from exc
        issuer = builder.issuer_for(unit.name, unit.kind)
        out.write_bytes(writers.bulletin_docx(bulletin, issuer=issuer, signed_on=today, author=unit.name))
        indicators = sum(len(a.indicators) for a in bulletin.areas)
        self.stdout.write(f"已生成：{out}（{bulletin.title}，{indicators}项指标）")
