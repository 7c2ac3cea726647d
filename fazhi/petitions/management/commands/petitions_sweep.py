from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from fazhi.petitions.services import petitions_sweep
from fazhi.supervision.services import supervision_escalate_due


class Command(BaseCommand):
    help = "信访巡检：期限届满未申请复查/复核的终结；逾期事项下达提醒督办；督办逐级升级（可重复执行）"

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        result = petitions_sweep(today=today)
        escalated = supervision_escalate_due(today=today)
        self.stdout.write(
            f"终结 {result.finalized} 件；新下达提醒督办 {result.orders} 件；升级督办 {escalated} 件"
        )
