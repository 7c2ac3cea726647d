"""一人一档: the one-person profile as sections that modules contribute.

A provider is `(actor, resident) -> Section | None`: it returns None when the actor may not see
that part (permission or scope) or there is nothing to show. Apps register providers in their
AppConfig.ready() with `register_section`; people registers household, grid and key-person status,
grid registers points, party-member link and the responsible cadre, and petitions / disputes can
add theirs (they look a person up by `resident.id_index`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Item:
    title: str
    detail: str = ""
    link: str = ""
    tag: str = ""  # a short status label
    tag_colour: str = "grey"  # red / orange / yellow / green / blue / grey (app.css .tag)


@dataclass
class Section:
    key: str  # "household", "points" …
    title: str  # 户籍与住址
    order: int = 100
    facts: list[tuple[str, str]] = field(default_factory=list)  # label → value, already masked
    items: list[Item] = field(default_factory=list)
    link: str = ""  # "more" link
    empty: str = "暂无记录"


Provider = Callable[[Any, Any], Section | None]
PROVIDERS: list[Provider] = []


def register_section(provider: Provider) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def profile_sections(actor: Any, resident: Any) -> list[Section]:
    """The sections the actor may see for a resident already fetched in scope, in display order."""
    sections = []
    for provider in PROVIDERS:
        section = provider(actor, resident)
        if section is not None:
            sections.append(section)
    return sorted(sections, key=lambda s: (s.order, s.key))
