"""Constrained API parameter types shared by the apps' endpoints (bad values → 400 naming the rule)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

# A calendar year a record can belong to; beyond it dates overflow (year 10000 is no date at all).
Year = Annotated[int, Field(ge=1900, le=2100)]
