from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from fazhi.supervision.services import supervision_escalate_due


class Command(BaseCommand):
    help = "督办升级：逾期未回复的督办单按配置的层级逐级升级（可重复执行）"

    def handle(self, *args: Any, **options: Any) -> None:
        count = supervision_escalate_due(today=timezone.localdate())
        self.stdout.write(f"升级督办单 {count} 件")
