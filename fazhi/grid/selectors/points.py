"""Reads of the points system. A household's balance is the sum of its entries — computed, never
stored — and its credit grade follows from it (grid.rules.credit_grade)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from fazhi.core.errors import NotFound
from fazhi.grid import permissions as P
from fazhi.grid import rules
from fazhi.grid.models import (
    DeductionProposal,
    PointsAppeal,
    PointsEntry,
    PointsRule,
    Redemption,
    RedemptionItem,
)
from fazhi.org.scope import NOTHING, has_perm, scope_q, unit_scope_q


def _scoped(actor: Any, model: type[Any]) -> Q:
    if not has_perm(actor, P.VIEW):
        return NOTHING
    return scope_q(actor, model, unit_field="unit", owner_field=None, participation=False)


def _catalogue_q(actor: Any) -> Q:
    """Catalogues (rules, items) set at the actor's unit or above apply to it; those below it are in scope."""
    if not has_perm(actor, P.VIEW) or actor.unit_id is None:
        return NOTHING
    upward = Q(unit__path__in=[*actor.unit.ancestor_paths(), actor.unit.path])
    scope = unit_scope_q(actor, prefix="unit__")
    return Q() if scope is None else upward | scope


def rule_list_for(*, actor: Any, kind: str = "", active_only: bool = True) -> QuerySet[PointsRule]:
    qs = PointsRule.objects.filter(_catalogue_q(actor))
    if kind:
        qs = qs.filter(kind=kind)
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.select_related("unit").order_by("kind", "code")


def rule_for_household(*, actor: Any, rule_id: int, household: Any) -> PointsRule:
    """A rule the actor may use that applies to the household's grid (set at the grid or above)."""
    paths = [*household.unit.ancestor_paths(), household.unit.path]
    rule = rule_list_for(actor=actor).filter(pk=rule_id, unit__path__in=paths).first()
    if rule is None:
        raise NotFound("积分规则不存在或不适用于该户")
    return rule


def entry_list_for(
    *,
    actor: Any,
    household_id: int | None = None,
    kind: str = "",
    unit_id: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[PointsEntry]:
    qs = PointsEntry.objects.filter(_scoped(actor, PointsEntry))
    if household_id:
        qs = qs.filter(household_id=household_id)
    if kind:
        qs = qs.filter(kind=kind)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if start:
        qs = qs.filter(occurred_on__gte=start)
    if end:
        qs = qs.filter(occurred_on__lte=end)
    return qs.select_related("household", "resident", "rule", "recorded_by", "approved_by", "unit").order_by(
        "-occurred_on", "-pk"
    )


def entry_get_for(*, actor: Any, entry_id: int) -> PointsEntry:
    entry = entry_list_for(actor=actor).filter(pk=entry_id).first()
    if entry is None:
        raise NotFound("积分记录不存在或无权查看")
    return entry


def balance_of(household_id: int) -> int:
    """The sum of the household's entries (the only definition of a balance)."""
    total = PointsEntry.objects.filter(household_id=household_id).aggregate(s=Coalesce(Sum("points"), 0))["s"]
    return int(total)


@dataclass(frozen=True)
class Balance:
    household_id: int
    address: str
    balance: int
    grade: str
    score: int
    basis: str = rules.POINTS_BASIS


def balance_for(*, actor: Any, household: Any) -> Balance:
    """The balance of a household the caller already fetched in scope."""
    balance = balance_of(household.pk)
    grade, score = rules.credit_grade(balance)
    return Balance(household.pk, household.address, balance, grade, score)


def balance_list_for(*, actor: Any, unit_id: int | None = None, limit: int = 200) -> list[Balance]:
    """Households with entries in scope, highest balance first — one grouped query."""
    qs = PointsEntry.objects.filter(_scoped(actor, PointsEntry))
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    rows = (
        qs.values("household_id", "household__address")
        .annotate(total=Sum("points"))
        .order_by("-total", "household_id")[:limit]
    )
    result = []
    for row in rows:
        grade, score = rules.credit_grade(int(row["total"]))
        result.append(
            Balance(row["household_id"], row["household__address"], int(row["total"]), grade, score)
        )
    return result


def proposal_list_for(*, actor: Any, status: str = "") -> QuerySet[DeductionProposal]:
    qs = DeductionProposal.objects.filter(_scoped(actor, DeductionProposal))
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("household", "rule", "proposed_by", "decided_by").order_by("-created_at")


def appeal_list_for(*, actor: Any, status: str = "") -> QuerySet[PointsAppeal]:
    qs = PointsAppeal.objects.filter(_scoped(actor, PointsAppeal))
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("entry", "entry__household", "decided_by").order_by("-created_at")


def item_list_for(*, actor: Any, active_only: bool = True) -> QuerySet[RedemptionItem]:
    qs = RedemptionItem.objects.filter(_catalogue_q(actor))
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.select_related("unit").order_by("cost", "name")


def redemption_list_for(*, actor: Any, household_id: int | None = None) -> QuerySet[Redemption]:
    qs = Redemption.objects.filter(_scoped(actor, Redemption))
    if household_id:
        qs = qs.filter(household_id=household_id)
    return qs.select_related("item", "household", "redeemed_by").order_by("-redeemed_on", "-pk")


def period_bounds(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The cap period containing `day`."""
    if period == "month":
        start = day.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    elif period == "quarter":
        first = 3 * ((day.month - 1) // 3) + 1
        start = dt.date(day.year, first, 1)
        end = (dt.date(day.year + (first + 3 > 12), (first + 2) % 12 + 1, 1)) - dt.timedelta(days=1)
    else:
        start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return start, end


def awarded_in_period(*, household_id: int, rule: PointsRule, day: dt.date) -> int:
    start, end = period_bounds(rule.cap_period, day)
    total = PointsEntry.objects.filter(
        household_id=household_id, rule=rule, occurred_on__gte=start, occurred_on__lte=end
    ).aggregate(s=Coalesce(Sum("points"), 0))["s"]
    return abs(int(total))
