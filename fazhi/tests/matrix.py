"""The route × persona expectations table: each app declares its routes in `<app>/tests/matrix.py`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fazhi.testing import PERSONAS


@dataclass
class Case:
    expect: dict[str, int]
    path: Callable[[], dict[str, Any]] = field(default=lambda: {})
    body: Callable[[], dict[str, Any]] | None = None


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def only(status: int, *names: str, default: int) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, default)
    table.update(dict.fromkeys(names, status))
    return table
