from __future__ import annotations

import base64
import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.errors import ValidationFailed
from fazhi.org.demo import ACCOUNTS, ADMINS, DemoContext
from fazhi.workbench.scaling import app_modules

PASSWORD_FILE = "demo_password"


def _demo_password(given: str | None) -> str:
    path = settings.FAZHI_HOME / PASSWORD_FILE
    if given:
        password = given
    elif path.exists():
        password = path.read_text().strip()
    else:
        password = "Fz-" + secrets.token_urlsafe(9)
    path.write_text(password)
    path.chmod(0o600)
    return password


class Command(BaseCommand):
    help = (
        "载入少海街道演示数据（可重复执行，不会重复创建），并列出演示账号；"
        "--scale county|<比例> 则改为在空数据库中生成县级规模数据（基准测试用）"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--password", help="所有演示账号的密码；不填则生成一个并打印")
        parser.add_argument(
            "--scale",
            help="生成县级规模数据而非少海街道演示：county（10个街道、100万居民……）或比例，如 0.1、0.01",
        )
        parser.add_argument(
            "--seed", type=int, default=None, help="规模数据的随机种子（默认固定，结果可重现）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        password = _demo_password(options.get("password"))
        try:
            validate_password(password)
        except ValidationError as exc:
            raise CommandError("演示密码不符合密码策略：" + "；".join(exc.messages)) from exc
        if options.get("scale"):
            self._scale(options["scale"], options.get("seed"), password)
            return
        ctx = DemoContext(password=password)
        for config, module in app_modules("demo"):
            self.stdout.write(f"载入 {config.verbose_name} 演示数据 …")
            try:
                module.load(ctx)
            except ValidationFailed as exc:
                raise CommandError(f"{config.verbose_name}：{exc.message} {exc.fields}") from exc
        from fazhi.core import buckets

        buckets.rebuild()  # the demo loaders write in bulk too: count everything once
        for line in ctx.lines:
            self.stdout.write("  " + line)
        self.stdout.write(f"\n演示账号（密码均为：{password}）")
        for username, display, *_ in ACCOUNTS:
            self.stdout.write(f"  {username:<12} {display}")
        from django_otp.plugins.otp_totp.models import TOTPDevice

        self.stdout.write(
            "\n管理员账号须双因素登录。把下列密钥加入手机验证器（TOTP，30秒，6位），登录时填写动态口令："
        )
        for username in sorted(ADMINS):
            device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
            if device:
                secret = base64.b32encode(device.bin_key).decode().rstrip("=")
                self.stdout.write(f"  {username:<12} {secret}")
        self.stdout.write("  （或运行 fazhi manage totp_code <用户名> 查看当前口令，仅限演示环境）")

    def _scale(self, scale: str, seed: int | None, password: str) -> None:
        # The county replaces the 少海街道 demo rather than joining it: one root, one set of personas,
        # and ID numbers that cannot collide with the demo's residents.
        from fazhi.org.scale import PERSONAS
        from fazhi.workbench.scaling import DEFAULT_SEED, ScaleRefused, parse_factor, scale_run

        try:
            factor = parse_factor(scale)
            manifest = scale_run(
                factor=factor, seed=DEFAULT_SEED if seed is None else seed, password=password, out=self.stdout
            )
        except ScaleRefused as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"\n基准测试账号（密码均为：{password}）")
        for username, info in manifest["personas"].items():
            self.stdout.write(f"  {username:<14} {PERSONAS[username]}：{info['unit_name']}")
