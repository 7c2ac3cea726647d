"""The menu: each app registers its entries with the permission that shows them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fazhi.org.scope import permissions_of


@dataclass(frozen=True)
class MenuItem:
    group: str
    label: str
    url: str
    permission: str | None = None  # None: every signed-in account
    order: int = 100


ITEMS: list[MenuItem] = []


def register(*items: MenuItem) -> None:
    for item in items:
        if item not in ITEMS:
            ITEMS.append(item)


def menu_for(user: Any, current_path: str = "") -> list[dict[str, Any]]:
    perms = permissions_of(user)
    visible = [
        i for i in sorted(ITEMS, key=lambda i: i.order) if i.permission is None or i.permission in perms
    ]
    # The entry whose URL is the longest prefix of the current path is the one the page belongs to.
    matches = [
        i.url for i in visible if current_path == i.url or (i.url != "/" and current_path.startswith(i.url))
    ]
    current = max(matches, key=len) if matches else None
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in visible:
        active = item.url == current
        groups.setdefault(item.group, []).append({"label": item.label, "url": item.url, "active": active})
    return [{"group": g, "items": items} for g, items in groups.items()]
