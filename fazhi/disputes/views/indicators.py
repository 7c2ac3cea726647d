"""The indicators page: the year's (or a month's) figures by community and by category, each number a
link to the records it counts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.indicators import Period
from fazhi.disputes import perms
from fazhi.disputes.selectors.indicators import category_table, figure_table
from fazhi.disputes.services.common import today
from fazhi.disputes.views.common import require_page
from fazhi.org.models import UnitKind
from fazhi.org.scope import subdistrict_of
from fazhi.org.selectors import unit_list_for

COLUMNS = [
    ("disputes.screened", "排查发现"),
    ("disputes.intake", "受理"),
    ("disputes.resolved", "成功化解"),
    ("disputes.failed", "调解不成"),
    ("disputes.success_rate", "调解成功率"),
    ("disputes.agreements", "调解协议"),
    ("disputes.confirmed", "司法确认"),
    ("disputes.escalations", "上报移交"),
    ("disputes.talk_days", "拉呱日"),
    ("disputes.talk_issues", "拉呱日问题"),
]
CATEGORY_COLUMNS = COLUMNS[:8]


@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    require_page(request, perms.VIEW)
    g = request.GET
    year = int(g["year"]) if g.get("year", "").isdigit() else today().year
    month = int(g["month"]) if g.get("month", "").isdigit() and 1 <= int(g["month"]) <= 12 else None
    period = Period.month(year, month) if month else Period.year(year)
    visible = list(unit_list_for(actor=request.user))
    communities = [u for u in visible if u.kind == UnitKind.COMMUNITY] or [
        u for u in visible if u.kind == UnitKind.GRID
    ]
    actor_unit = request.user.unit  # type: ignore[union-attr]  # login_required: a staff account
    top = subdistrict_of(actor_unit)  # type: ignore[arg-type]
    units = ([top] if any(u.pk == top.pk for u in visible) else []) + communities
    codes = [c for c, _ in COLUMNS]
    rows = figure_table(actor=request.user, units=units, period=period, codes=codes)
    scope_unit = units[0] if units else actor_unit
    categories = category_table(
        actor=request.user, unit=scope_unit, period=period, codes=[c for c, _ in CATEGORY_COLUMNS]
    )
    return render(
        request,
        "disputes/indicators.html",
        {
            "period": period,
            "year": year,
            "month": month,
            "years": list(range(today().year, 2019, -1)),
            "months": list(range(1, 13)),
            "columns": COLUMNS,
            "category_columns": CATEGORY_COLUMNS,
            "rows": rows,
            "categories": categories,
            "scope_unit": scope_unit,
        },
    )
