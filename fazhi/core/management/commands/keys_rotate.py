from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import crypto


class Command(BaseCommand):
    help = "生成新的个人信息加密密钥并用它重新加密全部已存数据（旧密钥保留以便读取备份）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--cipher", choices=crypto.ALGORITHMS, help="新密钥的算法，默认与当前相同")

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(label: str, done: int, total: int) -> None:
            self.stdout.write(f"  {label}: {done}/{total}")

        try:
            kid, count = crypto.rotate(alg=options.get("cipher"), progress=progress)
        except crypto.KeyringError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"新密钥 {kid} 已启用，重新加密 {count} 条记录。")
