"""The petition list's filters from query parameters: shared by the page and by its 导出 job."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils import timezone

from fazhi.core.errors import ValidationFailed
from fazhi.core.indicators import Period
from fazhi.org.selectors import unit_get_for
from fazhi.petitions import selectors
from fazhi.petitions.indicators import SELECTIONS, indicator_queryset


def parse_date(value: str | None, field: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed.field(field, "日期格式应为 YYYY-MM-DD") from None


def _int(value: str | None, field: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise ValidationFailed.field(field, "应为整数") from None


def filtered(actor: Any, g: Mapping[str, str]) -> tuple[Any, dict[str, str]]:
    """The list's queryset for the query parameters (shared by the page and its export job)."""
    today = timezone.localdate()
    note = ""
    if g.get("indicator"):
        unit = unit_get_for(actor=actor, unit_id=_int(g.get("unit"), "unit"))
        start = parse_date(g.get("from"), "from") or date(today.year, 1, 1)
        end = parse_date(g.get("to"), "to") or date(today.year, 12, 31)
        qs = indicator_queryset(actor=actor, code=g["indicator"], unit=unit, period=Period.custom(start, end))
        label = SELECTIONS.get(g["indicator"], ("",))[0]
        note = f"指标“{label}”统计的记录：{unit.name}，{start:%Y-%m-%d} 至 {end:%Y-%m-%d}"
        return qs, {"indicator_note": note}
    filters = selectors.PetitionFilters(
        q=g.get("q", "").strip(),
        status=g.get("status", ""),
        channel=g.get("channel", ""),
        category=g.get("category", ""),
        unit_id=_int(g.get("unit"), "unit"),
        received_from=parse_date(g.get("from"), "from"),
        received_to=parse_date(g.get("to"), "to"),
        overdue_on=today if g.get("overdue") else None,
        flag=g.get("flag", ""),
        satisfaction=g.get("satisfaction", ""),
    )
    return selectors.petition_list_for(actor=actor, filters=filters), {}
