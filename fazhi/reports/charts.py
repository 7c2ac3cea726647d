"""ECharts options for the dashboard, built from the figures (no query): one chart of counts and one of
rates per area. Every bar carries its drill-down link; each chart also comes as rows for the table under
it, and with ECharts' aria description switched on for screen readers."""

from __future__ import annotations

from typing import Any

from fazhi.core.indicators import Figure
from fazhi.reports import wording

BRAND, GREEN, RED, GREY = "#a61b1b", "#1e8449", "#c0392b", "#6a737d"


def _row(f: Figure) -> dict[str, Any]:
    return {
        "code": f.code,
        "label": f.label,
        "display": wording.exact(f.value, f.unit),
        "target": "" if f.target is None else wording.exact(f.target, f.unit),
        "missed": f.missed_target,
        "higher_is_better": f.higher_is_better,
        "link": f.link,
        "record_count": f.record_count,
        "definition": f.definition,
    }


def _bar(f: Figure) -> dict[str, Any]:
    colour = RED if f.missed_target else (GREEN if f.target is not None else BRAND)
    # The value as the tiles and tables show it (one decimal, cut), so the bar label agrees with them.
    shown = wording.exact(f.value, "")
    return {
        "value": None if f.value is None else float(shown),
        "link": f.link,
        "itemStyle": {"color": colour},
    }


def _option(title: str, figures: list[Figure], *, percent: bool) -> dict[str, Any]:
    labels = [f.label for f in figures][::-1]  # ECharts draws the first category at the bottom
    series: list[dict[str, Any]] = [
        {
            "name": "数值",
            "type": "bar",
            "itemStyle": {"color": BRAND},
            "data": [_bar(f) for f in figures][::-1],
            "label": {"show": True, "position": "right", "formatter": "{c}" + ("%" if percent else "")},
            "barMaxWidth": 26,
        }
    ]
    targets = [{"value": f.target, "link": f.link} if f.target is not None else None for f in figures][::-1]
    if any(t is not None for t in targets):
        series.append(
            {
                "name": "目标",
                "type": "scatter",
                "symbol": "diamond",
                "symbolSize": 12,
                "itemStyle": {"color": GREY},
                "data": [t if t is not None else "-" for t in targets],
            }
        )
    value_axis: dict[str, Any] = {"type": "value", "minInterval": 1}
    if percent:
        value_axis.update({"max": 100, "axisLabel": {"formatter": "{value}%"}})
    return {
        "aria": {"enabled": True},
        "title": {"text": title, "left": 0, "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"show": len(series) > 1, "right": 0},
        "grid": {"left": 8, "right": 48, "top": 36, "bottom": 8, "containLabel": True},
        "xAxis": value_axis,
        "yAxis": {"type": "category", "data": labels, "axisLabel": {"width": 120, "overflow": "break"}},
        "series": series,
    }


def charts_for(areas: dict[str, list[Figure]]) -> list[dict[str, Any]]:
    """One entry per chart: id, area, title, ECharts option, height, and the rows of its table."""
    charts = []
    for i, (area, figures) in enumerate(areas.items()):
        valued = [f for f in figures if f.value is not None]
        groups = [
            ("counts", f"{area}：数量", [f for f in valued if f.unit != wording.PERCENT], False),
            ("rates", f"{area}：比率", [f for f in valued if f.unit == wording.PERCENT], True),
        ]
        for kind, title, group, percent in groups:
            if not group:
                continue
            charts.append(
                {
                    "id": f"chart-{i}-{kind}",
                    "area": area,
                    "title": title,
                    "option": _option(title, group, percent=percent),
                    "height": 60 + 40 * len(group),
                    "rows": [_row(f) for f in group],
                }
            )
    return charts
