from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "从备份文件恢复；当前实例已有数据时须加 --force"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--force", action="store_true", help="覆盖已有数据")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_restore(Path(options["file"]), force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已从 {options['file']} 恢复（备份时间 {manifest['created_at']}）。")
