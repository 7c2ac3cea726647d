from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "以生产级 WSGI 服务器（granian）运行，静态文件由应用自身提供"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=int(os.environ.get("FAZHI_WORKERS", "2")))

    def handle(self, *args: Any, **options: Any) -> None:
        granian = shutil.which("granian", path=os.path.dirname(sys.executable)) or shutil.which("granian")
        argv = [
            granian or "granian",
            "--interface",
            "wsgi",
            "--host",
            options["host"],
            "--port",
            str(options["port"]),
            "--workers",
            str(options["workers"]),
            "--blocking-threads",
            "1",
            "--no-ws",
            "fazhi.wsgi:application",
        ]
        self.stdout.write(f"法治平台运行于 http://{options['host']}:{options['port']}/ （Ctrl+C 停止）")
        sys.stdout.flush()
        os.execv(argv[0], argv)
