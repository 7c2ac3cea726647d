from __future__ import annotations

import threading
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections


class Command(BaseCommand):
    help = "后台任务进程：执行导入、导出、报告等任务，并定时巡检到期事项"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--sweep-minutes", type=float, default=10, help="巡检间隔（分钟），0 为不巡检")

    def handle(self, *args: Any, **options: Any) -> None:
        self._recover()
        minutes = options["sweep_minutes"]
        if minutes > 0:
            threading.Thread(target=self._sweep_loop, args=(minutes * 60,), daemon=True).start()
        if settings.REDIS_URL:
            self.stdout.write("任务队列：Redis（RQ）")
            call_command("rqworker", "default", job_class="django_tasks_rq.backend.Job")
        else:
            from fazhi.workbench.services import worker_label

            self.stdout.write("任务队列：数据库")
            # host:pid as the worker id, so the next worker can tell this one's tasks died with it.
            call_command("db_worker", interval=1, worker_id=worker_label())

    def _recover(self) -> None:
        """Jobs and queued tasks whose process died (kill -9, power loss) are failed, not left running."""
        from fazhi.workbench.services import job_recover_lost, tasks_recover_lost

        lost = job_recover_lost() + (0 if settings.REDIS_URL else tasks_recover_lost())
        if lost:
            self.stdout.write(f"已将 {lost} 个因进程中止而中断的后台任务标记为失败")

    def _sweep_loop(self, seconds: float) -> None:
        from fazhi.workbench.tasks import sweep

        while True:
            close_old_connections()
            try:
                self._recover()
                sweep.enqueue()
            except Exception as exc:  # a failed enqueue must not stop the worker; it retries next round
                self.stderr.write(f"巡检入队失败：{exc}")
            time.sleep(seconds)
