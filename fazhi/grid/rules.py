"""The numbers of grid work, each with its basis (DOMAIN.md §3). All local and configurable: an
administrator overrides them in settings.FAZHI_GRID_RULES (keyed by the constant's name).

Handling deadlines are local service commitments counted in calendar days from dispatch, without the
holiday roll of 民法典 periods — the clock of GB/T 30428's dispatch → handle step.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from fazhi.core.deadlines import Rule

EVENT_BASIS = "《滨州市社会治理网格化服务管理条例》第十一条；GB/T 30428 处置时限（本地规定，可配置）"

# Days from dispatch to handling, by category (local defaults).
HANDLING_DAYS = {
    "dispute": 3,
    "safety": 1,
    "fire": 1,
    "order": 1,
    "environment": 3,
    "facility": 5,
    "service": 5,
    "opinion": 7,
    "other": 5,
}


def configured(name: str, default: Any) -> Any:
    return getattr(settings, "FAZHI_GRID_RULES", {}).get(name, default)


def handling_rule(category: str) -> Rule:
    days = int(configured("HANDLING_DAYS", HANDLING_DAYS).get(category, HANDLING_DAYS["other"]))
    return Rule(f"grid.handling_{category}_{days}", "网格事件处置期限", days, "calendar", EVENT_BASIS)


# --- Points (积分制; local, all configurable) -------------------------------------------------------
POINTS_BASIS = "积分制管理办法（本地规定，可配置）；信用分 = 基础分 + 积分余额"
CREDIT_BASE = 1000
# (grade, minimum credit score), highest first; the Shandong example: 1,050 points earns "AAA".
CREDIT_GRADES = [("AAA", 1050), ("AA", 1020), ("A", 1000), ("B", 950), ("C", 0)]


def credit_base() -> int:
    return int(configured("CREDIT_BASE", CREDIT_BASE))


def credit_grade(balance: int) -> tuple[str, int]:
    """(grade, credit score) for a household's points balance."""
    score = credit_base() + balance
    for grade, minimum in configured("CREDIT_GRADES", CREDIT_GRADES):
        if score >= minimum:
            return grade, score
    return "C", score


# --- Appeals: a resident appeals an entry within this many days (local) --------------------------
APPEAL_DAYS = 30
