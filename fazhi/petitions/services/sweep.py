"""The petitions sweep: 终结 after an unused window, and a 提醒 order on every matter that broke a
statutory deadline (信访工作条例 Art. 43–46: not routed, no notice, not concluded in time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from fazhi.petitions import rules
from fazhi.petitions.models import Petition
from fazhi.petitions.selectors import overdue_q
from fazhi.petitions.services.reviews import petition_finalize_due


@dataclass
class SweepResult:
    finalized: int = 0
    orders: int = 0


def _violation(petition: Petition, today: date) -> str:
    if petition.status == "registered" and petition.route_due and petition.route_due < today:
        return f"收到后15日内未登记转办（期限 {petition.route_due:%Y-%m-%d}，《信访工作条例》第二十二条）"
    if (
        petition.notice_required
        and not petition.notice_sent_on
        and petition.notice_due
        and petition.notice_due < today
    ):
        return f"未在15日内书面告知信访人（期限 {petition.notice_due:%Y-%m-%d}，《信访工作条例》第二十三条）"
    if petition.status == "accepted" and petition.handling_due and petition.handling_due < today:
        return f"超过办理期限未办结（期限 {petition.handling_due:%Y-%m-%d}，《信访工作条例》第三十四条）"
    if petition.status == "assigned" and petition.feedback_due and petition.feedback_due < today:
        return f"交办事项逾期未反馈（期限 {petition.feedback_due:%Y-%m-%d}）"
    return "复查/复核逾期未办理（《信访工作条例》第三十五条、第三十六条）"


def petitions_sweep(*, today: date) -> SweepResult:
    """Run daily (see the petitions_sweep command); safe to repeat: one open order per matter."""
    from fazhi.supervision.selectors import orders_open_on
    from fazhi.supervision.services import order_create
    from fazhi.supervision.targets import Target

    result = SweepResult(finalized=petition_finalize_due(today=today))
    late = (
        Petition.objects.filter(overdue_q(today))
        .distinct()
        .select_related("unit", "case_leader", "registered_by")
    )
    for petition in late:
        if orders_open_on(object_type="petitions.petition", object_id=str(petition.pk)).exists():
            continue
        with transaction.atomic():
            order_create(
                actor=None,
                target=Target(
                    obj=petition,
                    unit=petition.unit,
                    label=f"{petition.case_number} {petition.title}",
                    link=f"/petitions/{petition.pk}/",
                    assignee=petition.case_leader or petition.registered_by,
                ),
                level="remind",
                reason=f"{_violation(petition, today)}（{rules.VIOLATION_BASIS}）",
                on=today,
            )
        result.orders += 1
    return result
