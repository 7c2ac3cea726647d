from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from fazhi.core import search


class Command(BaseCommand):
    help = "重建全文检索：按当前分词重新计算信访、纠纷、网格事件的检索文本（分批写入），并补建索引"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=2000, help="每批处理的记录数（默认 2000）")

    def handle(self, *args: Any, **options: Any) -> None:
        for model in search.searchable_models():
            started = time.perf_counter()
            changed = search.rebuild(model, batch_size=options["batch_size"])
            search.install(connection, model._meta.db_table, model._meta.pk.column)  # type: ignore[union-attr]
            self.stdout.write(
                f"{model._meta.verbose_name}：更新 {changed} 条检索文本"
                f"（共 {model._default_manager.count()} 条，{time.perf_counter() - started:.1f} 秒）"
            )
