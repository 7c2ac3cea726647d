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
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in sorted(ITEMS, key=lambda i: i.order):
        if item.permission is None or item.permission in perms:
            active = current_path == item.url or (item.url != "/" and current_path.startswith(item.url))
            groups.setdefault(item.group, []).append({"label": item.label, "url": item.url, "active": active})
    return [{"group": g, "items": items} for g, items in groups.items()]
