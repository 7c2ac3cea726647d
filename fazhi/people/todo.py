"""我的待办 for key persons: visits due within 3 days or overdue, names masked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.core import crypto
from fazhi.org.scope import has_perm
from fazhi.people import permissions as P
from fazhi.people.selectors.keypersons import keyperson_list_for, rule_basis
from fazhi.workbench.todo import TodoItem

SOON_DAYS = 3
LIMIT = 200


def visits_due(actor: Any, today: dt.date) -> list[TodoItem]:
    if not has_perm(actor, P.KEYPERSONS):
        return []
    qs = keyperson_list_for(actor=actor).filter(next_visit_due__lte=today + dt.timedelta(days=SOON_DAYS))
    items = []
    for person in qs[:LIMIT]:
        due = person.next_visit_due
        assert due is not None
        basis = rule_basis(person.next_visit_rule) if person.next_visit_rule else ""
        items.append(
            TodoItem(
                module="重点人员",
                title=f"走访 {crypto.mask_name(person.resident.name)}（{person.category.name}）",
                link=f"/people/keypersons/{person.pk}/",
                due=due,
                basis=basis,
                severity="overdue" if due < today else "due",
            )
        )
    return items
