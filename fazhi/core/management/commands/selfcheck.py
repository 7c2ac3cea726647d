from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fazhi.core import crypto


class Command(BaseCommand):
    help = "部署自检：密钥、调试开关、加密密钥文件、数据库连通、迁移是否完成、前端资源"

    def handle(self, *args: Any, **options: Any) -> None:
        results: list[tuple[bool, str]] = []
        secret = settings.SECRET_KEY
        results.append(
            (len(secret) >= 40 and not secret.startswith("django-insecure"), "SECRET_KEY 足够长且非默认值")
        )
        results.append((not settings.DEBUG, "调试模式已关闭（FAZHI_DEBUG 未开启）"))
        keys = Path(settings.FAZHI_KEYS_FILE)
        if keys.exists():
            mode = stat.S_IMODE(keys.stat().st_mode)
            results.append((mode & 0o077 == 0, f"密钥文件 {keys} 仅所有者可读（当前权限 {oct(mode)}）"))
            try:
                ring = crypto.reload_keyring()
                sealed = crypto.encrypt("自检")
                results.append(
                    (
                        crypto.decrypt(sealed) == "自检",
                        f"密钥可用（当前 {ring.active_kid}，{ring.active.alg}）",
                    )
                )
            except Exception as exc:
                results.append((False, f"密钥不可用：{exc}"))
        else:
            results.append((False, f"密钥文件不存在：{keys}（运行 fazhi setup 创建）"))
        try:
            connection.ensure_connection()
            results.append((True, f"数据库可连接（{connection.vendor}）"))
            plan = MigrationExecutor(connection).migration_plan(
                MigrationExecutor(connection).loader.graph.leaf_nodes()
            )
            results.append(
                (
                    not plan,
                    "数据库迁移已全部执行"
                    if not plan
                    else f"有 {len(plan)} 个迁移未执行（运行 fazhi setup）",
                )
            )
        except Exception as exc:
            results.append((False, f"数据库不可连接：{exc}"))
        htmx = settings.PROJECT_DIR / "node_modules" / "htmx.org" / "dist" / "htmx.min.js"
        results.append(
            (
                htmx.exists(),
                "前端资源已安装（htmx、echarts）" if htmx.exists() else "前端资源未安装（运行 make install）",
            )
        )
        for ok, text in results:
            self.stdout.write(("✓ " if ok else "✗ ") + text)
        failed = sum(not ok for ok, _ in results)
        if failed:
            raise CommandError(f"{failed} 项未通过")
        self.stdout.write("全部通过。")
