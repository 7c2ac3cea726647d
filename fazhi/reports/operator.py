"""The actor of the command line: the operator on the server, or an account named with --user.

`fazhi report annual` runs where `fazhi backup` runs, by whoever may read the whole database; by default
it sees what an all-scope account would (every unit, every module's view permission). With --user it
sees exactly what that account sees, as the pages would show it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from fazhi.org.models import DataScope, Role, Unit, User
from fazhi.org.permissions import CATALOGUE


def operator_actor() -> User:
    """An unsaved account whose one role sees everything and holds every registered view permission.

    Never saved: it only answers the scope and permission checks of the selectors and indicator sources.
    """
    root = Unit.objects.get_root_nodes().first()
    if root is None:
        raise CommandError("系统中还没有单位，请先运行 fazhi setup 并建立组织机构")
    role = Role(code="operator", name="命令行运维", data_scope=DataScope.ALL, permissions=sorted(CATALOGUE))
    actor = User(username="operator", display_name="命令行运维", unit=root, is_active=True)
    actor._fazhi_roles = [role]  # type: ignore[attr-defined]  # the cache org.scope reads roles from
    return actor


def actor_for(username: str | None) -> Any:
    if not username:
        return operator_actor()
    user = User.objects.select_related("unit").filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"账号“{username}”不存在或已停用")
    return user
