"""我的待办 for the disputes module: what is due or overdue for the actor.

Who is responsible: whoever is assigned to a dispute (mediator, case leader); staff with
disputes.mediate at a community or grid for the disputes there; office staff with disputes.mediate
for the disputes the subdistrict leads (橙/红). Leaders see only the cases they are assigned to.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from fazhi.disputes import perms, rules
from fazhi.disputes.models import Agreement, AgreementTerm, Dispute, MediationOrg, TalkDay
from fazhi.disputes.models.choices import (
    AgreementStatus,
    ConfirmationStatus,
    LeadLevel,
    OrgKind,
    ReportStatus,
    TalkDayStatus,
    TermStatus,
)
from fazhi.disputes.selectors.disputes import dispute_list_for
from fazhi.disputes.selectors.screening import campaign_list_for
from fazhi.disputes.workflow import OPEN, Status
from fazhi.org.models import Assignment, UnitKind
from fazhi.org.scope import has_perm
from fazhi.workbench.todo import TodoItem

MODULE = "矛盾纠纷"
LOCAL_UNITS = (UnitKind.COMMUNITY, UnitKind.GRID)


def _is_leader(actor: Any) -> bool:
    return bool(actor.roles.filter(is_leader=True).exists())


def responsible_disputes(actor: Any) -> QuerySet[Dispute]:
    """The disputes whose deadlines are the actor's to watch (see the module docstring)."""
    ct = ContentType.objects.get_for_model(Dispute)
    q = Q(pk__in=Assignment.objects.filter(user_id=actor.pk, content_type=ct).values("object_id"))
    if has_perm(actor, perms.MEDIATE) and not _is_leader(actor):
        if actor.unit.kind in LOCAL_UNITS:
            q |= Q(unit__path__startswith=actor.unit.path)
        else:
            q |= Q(lead_level__in=(LeadLevel.SUBDISTRICT, LeadLevel.LEADER))
    return dispute_list_for(actor=actor).filter(q)


def _severity(due: date | None, today: date, soon: int) -> str:
    if due is None:
        return "normal"
    if due < today:
        return "overdue"
    return "due" if (due - today).days <= soon else "normal"


def _mediation(actor: Any, today: date, disputes: QuerySet[Dispute]) -> list[TodoItem]:
    soon = int(rules.local("MEDIATION_DUE_SOON_DAYS"))
    horizon = today + timedelta(days=soon)
    items = []
    for d in disputes.filter(status__in=OPEN, due_on__lte=horizon).order_by("due_on"):
        severity = _severity(d.due_on, today, soon)
        title = (
            f"{d.number} {d.category.name}：{'已超过调解期限' if severity == 'overdue' else '调解期限将到'}"
        )
        items.append(TodoItem(MODULE, title, f"/disputes/{d.pk}/", d.due_on, rules.MEDIATION.basis, severity))
    return items


def _leaders_needed(actor: Any) -> list[TodoItem]:
    if not has_perm(actor, perms.LEAD) or actor.unit.kind in LOCAL_UNITS or _is_leader(actor):
        return []
    qs = dispute_list_for(actor=actor).filter(
        status__in=(*OPEN, Status.AGREED), lead_level=LeadLevel.LEADER, case_leader__isnull=True
    )
    return [
        TodoItem(
            MODULE,
            f"{d.number} 红色风险纠纷：请指定包案领导",
            f"/disputes/{d.pk}/",
            None,
            "风险等级牵头规则",
            "due",
        )
        for d in qs
    ]


def _confirmation(today: date, disputes: QuerySet[Dispute]) -> list[TodoItem]:
    soon = int(rules.local("JC_REMIND_DAYS"))
    items = []
    agreements = Agreement.objects.filter(
        dispute__in=disputes.values("pk"), status=AgreementStatus.EFFECTIVE, jc_status=ConfirmationStatus.OPEN
    ).select_related("dispute")
    for a in agreements.order_by("jc_due"):
        severity = _severity(a.jc_due, today, soon)
        title = f"{a.dispute.number} 调解协议{a.number}：" + (
            "司法确认申请期限已过，请记录当事人是否申请"
            if severity == "overdue"
            else "可在期限内共同申请司法确认"
        )
        items.append(
            TodoItem(
                MODULE,
                title,
                f"/disputes/agreements/{a.pk}/",
                a.jc_due,
                rules.JUDICIAL_CONFIRMATION.basis,
                severity,
            )
        )
    return items


def _performance(today: date, disputes: QuerySet[Dispute]) -> list[TodoItem]:
    soon = int(rules.local("PERFORMANCE_DUE_SOON_DAYS"))
    terms = AgreementTerm.objects.filter(
        agreement__dispute__in=disputes.values("pk"),
        agreement__status=AgreementStatus.EFFECTIVE,
        status__in=(TermStatus.PENDING, TermStatus.PARTIAL),
        due_on__lte=today + timedelta(days=soon),
    ).select_related("agreement", "agreement__dispute")
    return [
        TodoItem(
            MODULE,
            f"{t.agreement.dispute.number} 协议履行回访：第{t.seq}项 {t.content[:30]}",
            f"/disputes/agreements/{t.agreement_id}/",
            t.due_on,
            rules.PERFORMANCE_BASIS,
            _severity(t.due_on, today, soon),
        )
        for t in terms.order_by("due_on")
    ]


def _terms(actor: Any, today: date) -> list[TodoItem]:
    """Committee terms ending within TERM_WARNING_DAYS: for the clerk of the committee's own unit
    (a community), or for office staff when the committee is the subdistrict's."""
    if not has_perm(actor, perms.MANAGE_ORGS):
        return []
    warn = int(rules.local("TERM_WARNING_DAYS"))
    qs = MediationOrg.objects.filter(
        kind=OrgKind.PEOPLE, is_active=True, term_end__lte=today + timedelta(days=warn)
    )
    if actor.unit.kind in LOCAL_UNITS:
        qs = qs.filter(unit_id=actor.unit_id)
    else:
        from fazhi.org.scope import subdistrict_of

        qs = qs.filter(unit_id=subdistrict_of(actor.unit).pk)
    items = []
    for org in qs.select_related("unit"):
        severity = "overdue" if org.term_end and org.term_end < today else "due"
        title = f"{org.name}：" + (
            "本届任期已届满，请组织换届" if severity == "overdue" else "本届任期将届满，请准备换届推选"
        )
        items.append(
            TodoItem(MODULE, title, f"/disputes/orgs/{org.pk}/", org.term_end, rules.TERM_BASIS, severity)
        )
    return items


def _screening(actor: Any, today: date) -> list[TodoItem]:
    """The community's report for the current period of each active campaign, until it is filed."""
    if not has_perm(actor, perms.SCREEN) or actor.unit.kind != UnitKind.COMMUNITY:
        return []
    from fazhi.disputes.models import ScreeningReport
    from fazhi.disputes.periods import period_of

    items = []
    for campaign in campaign_list_for(actor=actor, active_on=today):
        period = period_of(campaign.cadence, campaign.start_on, campaign.end_on, today)
        if period is None or not actor.unit.path.startswith(campaign.unit.path):
            continue
        filed = ScreeningReport.objects.filter(
            campaign=campaign, unit_id=actor.unit_id, period_start=period.start, status=ReportStatus.SUBMITTED
        ).exists()
        if not filed:
            severity = "due" if (period.end - today).days <= 1 else "normal"
            items.append(
                TodoItem(
                    MODULE,
                    f"{campaign.name}：{period.label}排查情况待上报（无情况须零报告）",
                    f"/disputes/screening/{campaign.pk}/",
                    period.end,
                    "矛盾纠纷排查零报告制度",
                    severity,
                )
            )
    return items


def _talk_days(actor: Any, today: date) -> list[TodoItem]:
    if not has_perm(actor, perms.SCREEN):
        return []
    qs = TalkDay.objects.filter(status=TalkDayStatus.PLANNED, held_on__lt=today).filter(
        Q(host_id=actor.pk) | Q(created_by_id=actor.pk)
    )
    return [
        TodoItem(
            MODULE,
            f"拉呱日（{t.place}）待记录活动情况",
            f"/disputes/talk-days/{t.pk}/",
            t.held_on,
            "小板凳拉呱日工作机制",
            "due",
        )
        for t in qs
    ]


def todo_items(actor: Any, today: date) -> list[TodoItem]:
    if not has_perm(actor, perms.VIEW) or actor.unit_id is None:
        return []
    disputes = responsible_disputes(actor)
    return [
        *_mediation(actor, today, disputes),
        *_leaders_needed(actor),
        *_confirmation(today, disputes),
        *_performance(today, disputes),
        *_terms(actor, today),
        *_screening(actor, today),
        *_talk_days(actor, today),
    ]
