from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "备份到一个文件：数据库（在线一致性备份）、上传文件、所用密钥编号（默认不含密钥本身）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--include-keys", action="store_true", help="把密钥文件一并放入备份（须另行妥善保管）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            manifest = backup_write(path, include_keys=options["include_keys"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        keys = "、".join(manifest["key_ids"]) or "无"
        self.stdout.write(f"已备份到 {path}（数据库 {manifest['database']}，用到的密钥：{keys}）")
        if not manifest["keys_included"]:
            self.stdout.write("注意：备份不含密钥；恢复时须有原密钥文件。")
