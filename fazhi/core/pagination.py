"""One way to page a list, for the API and the pages alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

MAX_PAGE_SIZE = 200


@dataclass
class PageOf:
    items: list[Any]
    count: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def paginate(qs: QuerySet[Any], *, page: int = 1, page_size: int = 20) -> PageOf:
    page_size = max(1, min(int(page_size or 20), MAX_PAGE_SIZE))
    page = max(1, int(page or 1))
    count = qs.count()
    start = (page - 1) * page_size
    return PageOf(items=list(qs[start : start + page_size]), count=count, page=page, page_size=page_size)
