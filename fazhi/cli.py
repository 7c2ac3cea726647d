"""The `fazhi` command (also `python -m fazhi`): operators' entry point over Django's management commands.

fazhi serve [--host 127.0.0.1] [--port 8000]   production WSGI server (granian), static files included
fazhi worker                                   background tasks and the periodic sweep
fazhi setup                                    keys, secret, database migrations
fazhi demo [--password P]                      load the 少海街道 demo (idempotent)
fazhi demo --scale county|0.1 [--seed N]        generate a county of synthetic data instead (empty db)
fazhi sweep                                    notify what comes due and what is overdue
fazhi indicators rebuild [measure ...]          recompute the pre-aggregated indicator buckets
fazhi audit verify                             walk the audit hash chain
fazhi keys rotate [--cipher SM4-GCM]           new active key, re-encrypt personal data
fazhi search rebuild [--batch-size N]          recompute the full-text search text of every case
fazhi backup FILE / fazhi restore FILE [--force]
fazhi check                                    deployment self-check
fazhi manage <django command> ...              any Django management command
"""

from __future__ import annotations

import os
import sys

# Two-word commands map to one management command.
COMMANDS = {
    ("audit", "verify"): "audit_verify",
    ("keys", "rotate"): "keys_rotate",
    ("indicators", "rebuild"): "indicators_rebuild",
    ("report", "annual"): "report_annual",
    ("report", "bulletin"): "report_bulletin",
    ("search", "rebuild"): "search_rebuild",
}
SINGLE = {
    "serve": "serve",
    "worker": "worker",
    "setup": "setup",
    "demo": "demo",
    "sweep": "sweep",
    "backup": "backup",
    "restore": "restore",
    "check": "selfcheck",
    "import": "ledger_import",
    "export": "ledger_export",
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    if not args or args[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    if args[0] == "manage":
        command, rest = args[1:2], args[2:]
        if not command:
            print("用法：fazhi manage <命令> …", file=sys.stderr)
            return 2
        name = command[0]
    elif tuple(args[:2]) in COMMANDS:
        name, rest = COMMANDS[(args[0], args[1])], args[2:]
    elif args[0] in SINGLE:
        name, rest = SINGLE[args[0]], args[1:]
    else:
        print(f"未知命令：{' '.join(args[:2])}。运行 fazhi --help 查看用法。", file=sys.stderr)
        return 2
    import django
    from django.core.management import call_command
    from django.core.management.base import CommandError

    django.setup()
    try:
        call_command(name, *rest)
    except CommandError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
