"""Template context every page gets: the menu the actor's roles allow, the unread notification count."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def workbench(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from fazhi.workbench.menu import menu_for
    from fazhi.workbench.selectors import unread_count_for

    return {"menu": menu_for(user, request.path), "unread_count": unread_count_for(actor=user)}
