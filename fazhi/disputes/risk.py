"""Risk level of a dispute from configurable criteria (rules.local("RISK_CRITERIA")), and who leads it.

A dispute takes the most serious level any one criterion meets; blue needs none. Each reason says
which criterion and threshold put it there, so the page can show why ("涉及人数35人，达到红色标准30人").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fazhi.disputes import rules
from fazhi.disputes.models.choices import LeadLevel, RiskLevel

LEVEL_LABELS = dict(RiskLevel.choices)


@dataclass(frozen=True)
class Assessment:
    level: str
    reasons: list[str]
    lead_level: str


def _money(value: Decimal | int | float) -> str:
    number = Decimal(value)
    if number >= 10_000:
        return f"{(number / 10_000).normalize():f}万元"
    return f"{number.normalize():f}元"


def assess(
    *,
    people_involved: int,
    amount: Decimal | None,
    police_history: bool = False,
    criminal_risk: bool = False,
    group_behaviour: bool = False,
    extreme_behaviour: bool = False,
    criteria: dict[str, Any] | None = None,
    lead_by_level: dict[str, str] | None = None,
) -> Assessment:
    """The level, the reasons for it and the leading level, under `criteria` (default: the rules)."""
    criteria = criteria if criteria is not None else rules.local("RISK_CRITERIA")
    lead_by_level = lead_by_level if lead_by_level is not None else rules.local("LEAD_BY_LEVEL")
    flags = {
        "police_history": police_history,
        "criminal_risk": criminal_risk,
        "group_behaviour": group_behaviour,
        "extreme_behaviour": extreme_behaviour,
    }
    for level in rules.RISK_ORDER:
        rule = criteria.get(level)
        if not rule:
            continue
        label = LEVEL_LABELS[level]
        reasons: list[str] = []
        threshold = rule.get("people_involved")
        if threshold is not None and people_involved >= threshold:
            reasons.append(f"涉及人数{people_involved}人，达到{label}标准{threshold}人")
        threshold = rule.get("amount")
        if threshold is not None and amount is not None and amount >= Decimal(threshold):
            reasons.append(f"涉及金额{_money(amount)}，达到{label}标准{_money(threshold)}")
        for flag in rule.get("flags", []):
            if flags.get(flag):
                reasons.append(f"{rules.RISK_FLAG_LABELS[flag]}（{label}标准）")
        if reasons:
            return Assessment(level, reasons, lead_by_level.get(level, LeadLevel.COMMUNITY))
    return Assessment(
        RiskLevel.BLUE, ["未达到黄色及以上标准"], lead_by_level.get(RiskLevel.BLUE, LeadLevel.COMMUNITY)
    )


def criteria_text() -> list[tuple[str, str]]:
    """(level label, its criteria in words) for the page that explains the levels."""
    criteria = rules.local("RISK_CRITERIA")
    lead = rules.local("LEAD_BY_LEVEL")
    lead_labels = dict(LeadLevel.choices)
    rows = []
    for level in rules.RISK_ORDER:
        rule = criteria.get(level) or {}
        parts = []
        if rule.get("people_involved") is not None:
            parts.append(f"涉及人数≥{rule['people_involved']}人")
        if rule.get("amount") is not None:
            parts.append(f"金额≥{_money(rule['amount'])}")
        parts += [rules.RISK_FLAG_LABELS[f] for f in rule.get("flags", [])]
        text = "或".join(parts) if parts else "其他纠纷"
        rows.append((LEVEL_LABELS[level], f"{text}；{lead_labels.get(lead.get(level, ''), '')}"))
    return rows
