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
from fazhi.org.selectors import unit_choices_for, unit_list_for

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
KINDS = (UnitKind.COUNTY, UnitKind.SUBDISTRICT, UnitKind.COMMUNITY, UnitKind.GRID)


@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    require_page(request, perms.VIEW)
    g = request.GET
    year = int(g["year"]) if g.get("year", "").isdigit() else today().year
    month = int(g["month"]) if g.get("month", "").isdigit() and 1 <= int(g["month"]) <= 12 else None
    period = Period.month(year, month) if month else Period.year(year)
    # The chosen unit (by default the actor's own, else the topmost in scope) and one row per unit one
    # level below it: a county's subdistricts, a subdistrict's communities, a community's grids — not
    # every community of a county (301 rows, 6 s at county scale).
    visible = unit_list_for(actor=request.user).filter(kind__in=KINDS)
    ref = g.get("unit", "")
    chosen = visible.filter(pk=int(ref)).first() if ref.isdigit() else None
    own = visible.filter(pk=request.user.unit_id).first()  # type: ignore[union-attr]  # a staff account
    chosen = chosen or own or visible.order_by("depth", "path").first()
    units = [chosen, *visible.filter(depth=chosen.depth + 1, path__startswith=chosen.path)] if chosen else []
    codes = [c for c, _ in COLUMNS]
    rows = figure_table(actor=request.user, units=units, period=period, codes=codes)
    scope_unit = chosen or request.user.unit  # type: ignore[union-attr]
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
            "units": unit_choices_for(actor=request.user, units=visible, current=chosen),
        },
    )
