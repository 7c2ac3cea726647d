from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from fazhi.core import crypto


class Command(BaseCommand):
    help = "初始化：创建密钥文件（如无），执行数据库迁移"

    def handle(self, *args: Any, **options: Any) -> None:
        ring = crypto.keyring()
        self.stdout.write(f"密钥文件：{ring.path}（当前密钥 {ring.active_kid}，{ring.active.alg}）")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("数据库迁移完成。")
