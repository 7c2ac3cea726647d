from __future__ import annotations

from django import template

from fazhi.core.indicators import Figure
from fazhi.reports import wording

register = template.Library()


@register.filter
def exact_value(figure: Figure) -> str:
    """The dashboard shows exact values ("1003份", "97.4%"); the report's text approximates them."""
    return wording.exact(figure.value, figure.unit)


@register.filter
def target_value(figure: Figure) -> str:
    return wording.exact(figure.target, figure.unit)
