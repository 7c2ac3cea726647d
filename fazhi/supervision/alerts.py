"""Dashboard alerts of the supervision app: 挂牌督办 orders and orders past their reply deadline."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.deadlines import DUE_SOON_DAYS
from fazhi.core.indicators import DUE, OVERDUE, SUPERVISED, Alert
from fazhi.org.scope import within_q
from fazhi.supervision import rules
from fazhi.supervision.models import OrderStatus
from fazhi.supervision.selectors import order_list_for

LIMIT = 30


def supervision_alerts(*, actor: Any, unit: Any, today: date) -> list[Alert]:
    top = rules.ladder()[-1].code  # the highest rung: 挂牌督办 by default
    orders = order_list_for(actor=actor).filter(within_q(unit)).exclude(status=OrderStatus.CLOSED)[:LIMIT]
    alerts = []
    for o in orders:
        if o.status == OrderStatus.OPEN and o.reply_due < today:
            severity = OVERDUE
        elif o.level == top:
            severity = SUPERVISED
        elif o.status == OrderStatus.OPEN and (o.reply_due - today).days <= DUE_SOON_DAYS:
            severity = DUE
        else:
            continue
        alerts.append(
            Alert(
                title=f"{o.level_label}：{o.number} {o.object_label}",
                link=f"/supervision/{o.pk}/",
                severity=severity,
                due=o.reply_due,
                area="督查督办",
                basis="《信访工作条例》第三十九条、第四十条",
            )
        )
    return alerts
