"""One way to page a list, for the API and the pages alike.

A text search over a large table may match a hundred thousand rows; counting them exactly costs a
row lookup each, while the page itself needs only twenty. Such lists pass `count_cap`: the count
stops there, and the page says "1,000+ 条" (`count_capped`) — the API returns the count with
`count_is_lower_bound`. Every other list counts exactly.
"""

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
    count_capped: bool = False  # `count` is a lower bound: at least this many match
    more: bool = False  # (capped counts only) a row exists after this page

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.more if self.count_capped else self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def count_text(self) -> str:
        """The count as a page shows it: "1,000+" when capped."""
        return f"{self.count:,}+" if self.count_capped else str(self.count)

    @property
    def pages_text(self) -> str:
        return f"{self.pages:,}+" if self.count_capped else str(self.pages)


def paginate(
    qs: QuerySet[Any], *, page: int = 1, page_size: int = 20, count_cap: int | None = None
) -> PageOf:
    page_size = max(1, min(int(page_size or 20), MAX_PAGE_SIZE))
    page = max(1, int(page or 1))
    start = (page - 1) * page_size
    if count_cap is None:
        count = qs.count()
        return PageOf(items=list(qs[start : start + page_size]), count=count, page=page, page_size=page_size)
    # Count up to one past the cap (no order, no joins: the cheapest plan that finds that many).
    count = qs.order_by().values("pk")[: count_cap + 1].count()
    rows = list(qs[start : start + page_size + 1])
    capped = count > count_cap
    return PageOf(
        items=rows[:page_size],
        count=count_cap if capped else count,
        page=page,
        page_size=page_size,
        count_capped=capped,
        more=len(rows) > page_size,
    )
