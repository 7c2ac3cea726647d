"""我的待办 for petitions: what is due or overdue for the actor, each with its legal basis."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q

from fazhi.core.deadlines import DUE_SOON_DAYS
from fazhi.org.scope import has_perm, scope_q
from fazhi.petitions import rules
from fazhi.petitions.models import Petition, Review, Status
from fazhi.petitions.selectors import petition_list_for
from fazhi.petitions.workflow import HANDLE, ROUTE
from fazhi.workbench.todo import TodoItem

MODULE = "信访"
LIMIT = 50


def _severity(due: date, today: date) -> str:
    left = (due - today).days
    return "overdue" if left < 0 else "due" if left <= DUE_SOON_DAYS else "normal"


def petition_todo(actor: Any, today: date) -> list[TodoItem]:
    if not (has_perm(actor, ROUTE) or has_perm(actor, HANDLE)):
        return []
    items: list[TodoItem] = []
    visible = petition_list_for(actor=actor)

    def add(p: Petition, what: str, due: date | None, basis: str) -> None:
        if due is not None:
            items.append(
                TodoItem(
                    MODULE,
                    f"{p.case_number} {what}：{p.title}",
                    f"/petitions/{p.pk}/",
                    due,
                    basis,
                    _severity(due, today),
                )
            )

    if has_perm(actor, ROUTE):
        for p in visible.filter(status=Status.REGISTERED).order_by("route_due")[:LIMIT]:
            add(p, "待转办", p.route_due, rules.ROUTING.basis)
        for p in (
            visible.filter(notice_required=True, notice_sent_on__isnull=True)
            .exclude(status=Status.REGISTERED)
            .order_by("notice_due")[:LIMIT]
        ):
            add(p, "待书面告知", p.notice_due, rules.NOTICE.basis)
        pending = Review.objects.filter(
            petition__in=visible.filter(status__in=[Status.REVIEW_REQUESTED, Status.RE_REVIEW_REQUESTED]),
            accepted_on__isnull=True,
            declined_on__isnull=True,
        ).select_related("petition")[:LIMIT]
        for r in pending:
            rule = rules.REVIEW_DECISION if r.level == Review.Level.REVIEW else rules.RE_REVIEW_DECISION
            add(r.petition, f"{r.get_level_display()}申请待决定受理", r.decision_due, rule.basis)
    if has_perm(actor, HANDLE):
        mine = visible.filter(
            Q(case_leader_id=actor.pk) | scope_q(actor, Petition, unit_field=None, owner_field=None)
        )
        for p in mine.filter(status=Status.ACCEPTED, handling_due__isnull=False).order_by("handling_due")[
            :LIMIT
        ]:
            add(p, "办理期限", p.handling_due, rules.HANDLING.basis)
        for p in mine.filter(status=Status.ASSIGNED, feedback_due__isnull=False)[:LIMIT]:
            add(p, "交办反馈期限", p.feedback_due, "《信访工作条例》第二十二条")
        reviewing = Review.objects.filter(
            petition__in=mine.filter(status__in=[Status.REVIEWING, Status.RE_REVIEWING]),
            answered_on__isnull=True,
            due__isnull=False,
        ).select_related("petition")[:LIMIT]
        for r in reviewing:
            rule = rules.REVIEW if r.level == Review.Level.REVIEW else rules.RE_REVIEW
            add(r.petition, f"{r.get_level_display()}答复期限", r.due, rule.basis)
        for p in mine.filter(follow_up_due__isnull=False, satisfaction="", follow_up_due__gte=today)[:LIMIT]:
            add(p, "回访", p.follow_up_due, rules.FOLLOW_UP.basis)
    return items
