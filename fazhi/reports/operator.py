"""The actor of the command line: the operator on the server, or an account named with --user.

`fazhi report annual` runs where `fazhi backup` runs, by whoever may read the whole database; by default
it sees what an all-scope account would (every unit, every module's view permission). With --user it
sees exactly what that account sees, as the pages would show it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from fazhi.org.models import User
from fazhi.org.scope import system_actor


def operator_actor() -> User:
    actor = system_actor()
    if actor is None:
        raise CommandError("系统中还没有单位，请先运行 fazhi setup 并建立组织机构")
    return actor


def actor_for(username: str | None) -> Any:
    if not username:
        return operator_actor()
    user = User.objects.select_related("unit").filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"账号“{username}”不存在或已停用")
    return user
