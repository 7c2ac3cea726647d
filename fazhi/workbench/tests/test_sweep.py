from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import date, timedelta

import pytest

from fazhi.testing import persona
from fazhi.workbench import todo
from fazhi.workbench.models import Notification
from fazhi.workbench.sweep import sweep_run

pytestmark = pytest.mark.django_db
TODAY = date(2025, 10, 9)


@pytest.fixture
def provider(monkeypatch):
    def overdue_for_clerk(actor, today):
        if actor.username != "clerk":
            return []
        return [
            todo.TodoItem(
                "信访",
                "答复 SH-XF-2025-0001",
                "/petitions/1/",
                today - timedelta(days=1),
                "《信访工作条例》第三十四条",
                "overdue",
            ),
            todo.TodoItem(
                "信访", "受理 SH-XF-2025-0002", "/petitions/2/", today + timedelta(days=10), "", "normal"
            ),
        ]

    monkeypatch.setattr(todo, "PROVIDERS", [overdue_for_clerk])


def test_the_sweep_notifies_what_is_overdue_once_and_nothing_that_is_not_due(provider):
    first = sweep_run(today=TODAY)
    again = sweep_run(today=TODAY)
    notes = Notification.objects.filter(recipient=persona("clerk"))
    assert first.notified == 1 and again.notified == 0
    assert notes.count() == 1
    note = notes.get()
    assert note.title == "【已逾期】信访：答复 SH-XF-2025-0001" and note.link == "/petitions/1/"
    assert "第三十四条" in note.body


def test_the_sweep_command_reports_what_it_did(provider, capsys):
    from django.core.management import call_command

    call_command("sweep", "--date", "2025-10-09")
    assert "新发提醒 1 条" in capsys.readouterr().out


def _redis_up() -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", 6379)) == 0


@pytest.mark.skipif(not _redis_up(), reason="RQ 测试跳过：127.0.0.1:6379 无 Redis 服务（CI 中有）")
def test_with_redis_configured_tasks_go_through_rq_and_a_worker_runs_them(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"FAZHI_TASKS_IMMEDIATE", "DATABASE_URL"}}
    env.update(FAZHI_HOME=str(tmp_path), REDIS_URL="redis://127.0.0.1:6379/14")
    script = (
        "import django, os; django.setup();"
        "from django.core.management import call_command; call_command('setup');"
        "import django_rq; q = django_rq.get_queue('default'); q.empty();"
        "from fazhi.workbench.tasks import sweep; r = sweep.enqueue();"
        "print('QUEUED', q.count);"
        "call_command('rqworker', 'default', burst=True, job_class='django_tasks_rq.backend.Job');"
        "print('LEFT', q.count, 'STATUS', q.fetch_job(r.id).get_status())"
    )
    env["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "QUEUED 1" in run.stdout
    assert "LEFT 0 STATUS JobStatus.FINISHED" in run.stdout, run.stdout + run.stderr[-1000:]
