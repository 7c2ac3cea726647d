from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.workbench.sweep import sweep_run


class Command(BaseCommand):
    help = "巡检：找出即将到期和已逾期的事项，写入站内信（可重复运行，不会重复提醒）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="按指定日期巡检（YYYY-MM-DD），默认今天")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["date"]) if options.get("date") else timezone.localdate()
        except ValueError as exc:
            raise CommandError("--date 须为 YYYY-MM-DD") from exc
        result = sweep_run(today=today)
        self.stdout.write(f"巡检完成：{result.accounts} 个账号，新发提醒 {result.notified} 条。")
