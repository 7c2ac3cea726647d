from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.audit import audit_verify


class Command(BaseCommand):
    help = "校验审计日志哈希链；发现篡改时以非零状态退出并指出第一条被破坏的记录"

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit_verify()
        if not result.ok:
            raise CommandError(f"审计链校验失败：{result.reason}（已校验 {result.checked} 条）")
        self.stdout.write(f"审计链完整：共 {result.checked} 条，未发现篡改。")
