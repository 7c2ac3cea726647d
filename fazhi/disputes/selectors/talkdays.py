"""Reads of talk days (拉呱日) and the issues raised at them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from fazhi.core.errors import NotFound
from fazhi.disputes import perms
from fazhi.disputes.models import TalkDay, TalkDayIssue
from fazhi.disputes.models.choices import IssueOutcome
from fazhi.disputes.selectors.disputes import require_view
from fazhi.org.scope import has_perm, scope_q, within_q


def talk_day_list_for(
    *,
    actor: Any,
    status: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    unit_id: int | None = None,
) -> QuerySet[TalkDay]:
    require_view(actor)
    qs = TalkDay.objects.filter(scope_q(actor, TalkDay, unit_field="unit", owner_field="created_by"))
    if status:
        qs = qs.filter(status=status)
    if date_from:
        qs = qs.filter(held_on__gte=date_from)
    if date_to:
        qs = qs.filter(held_on__lte=date_to)
    if unit_id:
        from fazhi.org.models import Unit

        unit = Unit.objects.filter(pk=unit_id).first()
        qs = qs.filter(within_q(unit)) if unit else qs.none()
    return (
        qs.select_related("unit", "host")
        .annotate(
            issue_count=Count("issues"),
            resolved_count=Count("issues", filter=Q(issues__outcome=IssueOutcome.RESOLVED)),
            converted_count=Count("issues", filter=Q(issues__outcome=IssueOutcome.CONVERTED)),
        )
        .order_by("-held_on", "-id")
    )


def talk_day_get_for(*, actor: Any, talk_day_id: Any) -> TalkDay:
    if not has_perm(actor, perms.VIEW):
        raise NotFound("拉呱日不存在或无权查看")
    try:
        pk = int(talk_day_id)
    except (TypeError, ValueError):
        raise NotFound("拉呱日不存在或无权查看") from None
    talk_day = (
        TalkDay.objects.filter(scope_q(actor, TalkDay, unit_field="unit", owner_field="created_by"), pk=pk)
        .select_related("unit", "host")
        .first()
    )
    if talk_day is None:
        raise NotFound("拉呱日不存在或无权查看")
    return talk_day


def issues_of(talk_day: TalkDay) -> QuerySet[TalkDayIssue]:
    return talk_day.issues.select_related("category", "dispute").order_by("id")


def issue_get_for(*, actor: Any, issue_id: Any) -> TalkDayIssue:
    if not has_perm(actor, perms.VIEW):
        raise NotFound("反映问题不存在或无权查看")
    try:
        pk = int(issue_id)
    except (TypeError, ValueError):
        raise NotFound("反映问题不存在或无权查看") from None
    talk_day_ids = TalkDay.objects.filter(
        scope_q(actor, TalkDay, unit_field="unit", owner_field="created_by")
    ).values("pk")
    issue = (
        TalkDayIssue.objects.filter(pk=pk, talk_day__in=talk_day_ids)
        .select_related("talk_day", "category", "dispute")
        .first()
    )
    if issue is None:
        raise NotFound("反映问题不存在或无权查看")
    return issue
