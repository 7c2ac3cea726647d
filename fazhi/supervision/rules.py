"""The supervision ladder 提醒 → 催办 → 督办 → 挂牌督办 (信访工作条例 Art. 39–40; DOMAIN.md §1).

No national numbers: the levels, the reply period at each level and how long an unanswered order
waits before it climbs a level are **configurable** — the defaults below, overridable with
settings.FAZHI_SUPERVISION_LADDER (a list of {"code", "label", "reply_days", "escalate_after_days"}).
Reply periods are working days; a written reply is always required (Art. 40).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from fazhi.core.deadlines import Rule

BASIS = "《信访工作条例》第三十九条、第四十条"
REPLY_BASIS = "《信访工作条例》第四十条（书面回复）"


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    reply_days: int  # working days to reply in writing
    escalate_after_days: int  # calendar days past the reply deadline before the next level

    @property
    def rule(self) -> Rule:
        # The period is in the code: a changed ladder declares new rules, stored orders keep theirs.
        return Rule(
            f"supervision.reply_{self.code}_{self.reply_days}",
            f"{self.label}回复期限",
            self.reply_days,
            "workday",
            f"{REPLY_BASIS}；回复期限可配置",
        )


DEFAULT_LADDER = [
    {"code": "remind", "label": "提醒", "reply_days": 5, "escalate_after_days": 3},
    {"code": "urge", "label": "催办", "reply_days": 3, "escalate_after_days": 3},
    {"code": "supervise", "label": "督办", "reply_days": 3, "escalate_after_days": 5},
    {"code": "listed", "label": "挂牌督办", "reply_days": 2, "escalate_after_days": 0},
]


def ladder() -> list[Step]:
    """The configured ladder, lowest level first; the last level does not escalate further."""
    raw = getattr(settings, "FAZHI_SUPERVISION_LADDER", None) or DEFAULT_LADDER
    return [Step(**step) for step in raw]


def step(code: str) -> Step:
    for s in ladder():
        if s.code == code:
            return s
    raise KeyError(code)


def next_step(code: str) -> Step | None:
    steps = ladder()
    codes = [s.code for s in steps]
    i = codes.index(code)
    return steps[i + 1] if i + 1 < len(steps) else None


def level_choices() -> list[tuple[str, str]]:
    return [(s.code, s.label) for s in ladder()]


def rank(code: str) -> int:
    codes = [s.code for s in ladder()]
    return codes.index(code) if code in codes else -1


# Declare every level's reply rule at import, so a stored rule code resolves on any page.
for _step in ladder():
    _step.rule  # noqa: B018


def reply_basis(rule_code: str) -> str:
    """The basis shown beside a stored order's deadline (a rule of an earlier ladder included)."""
    from fazhi.core.deadlines import rule_get

    try:
        return rule_get(rule_code).basis
    except KeyError:
        return f"{REPLY_BASIS}；回复期限可配置"
