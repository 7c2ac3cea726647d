"""Server-side lists: filter, sort, paginate — one helper every list page uses.

A page declares its sortable columns (a whitelist: the `sort` parameter never reaches the ORM
unchecked) and hands its scoped queryset here; the template gets the page, the sort links and the
query string to carry filters into pagination and export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest

from fazhi.core.pagination import paginate


@dataclass(frozen=True)
class Column:
    label: str
    sort: str = ""  # ORM field to order by; empty: not sortable


@dataclass(frozen=True)
class ListSpec:
    columns: list[Column]
    default_sort: str
    filters: list[str] = field(default_factory=list)  # GET parameters that filter
    export: str = ""  # name in the export registry; empty: no export button
    page_size: int = 20


def list_context(
    request: HttpRequest, qs: QuerySet[Any], spec: ListSpec, *, count_cap: int | None = None
) -> dict[str, Any]:
    """`count_cap`: count at most this many (a text search; the page then shows "1,000+ 条")."""
    allowed = {c.sort for c in spec.columns if c.sort}
    sort = request.GET.get("sort", spec.default_sort)
    if sort.lstrip("-") not in allowed:
        sort = spec.default_sort
    # Ties break by pk in the same direction, so an index on (column, id) serves the whole order.
    qs = qs.order_by(sort, "-pk" if sort.startswith("-") else "pk")
    try:
        page_number = int(request.GET.get("page", "1"))
    except ValueError:
        page_number = 1
    page = paginate(qs, page=page_number, page_size=spec.page_size, count_cap=count_cap)
    filters = {k: request.GET.get(k, "") for k in spec.filters if request.GET.get(k)}
    headers = []
    for column in spec.columns:
        link = ""
        if column.sort:
            flipped = f"-{column.sort}" if sort == column.sort else column.sort
            link = "?" + urlencode({**filters, "sort": flipped})
        state = "asc" if sort == column.sort else "desc" if sort == f"-{column.sort}" else ""
        headers.append({"label": column.label, "link": link, "state": state})
    base = urlencode({**filters, "sort": sort})
    return {
        "page": page,
        "headers": headers,
        "filters": filters,
        "sort": sort,
        "query": base,
        "export_name": spec.export,
        "export_query": urlencode(filters),
    }
