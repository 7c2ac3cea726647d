"""How the supervision app sees a petition: the record, its unit, its page, who must reply."""

from __future__ import annotations

from typing import Any

from fazhi.core.errors import NotFound
from fazhi.petitions.selectors import petition_get_for
from fazhi.supervision.targets import Target


def resolve_petition(*, actor: Any, object_id: str) -> Target:
    try:
        pk = int(object_id)
    except (TypeError, ValueError):
        raise NotFound("信访事项不存在或无权查看") from None
    petition = petition_get_for(actor=actor, petition_id=pk)
    return Target(
        obj=petition,
        unit=petition.unit,
        label=f"{petition.case_number} {petition.title}",
        link=f"/petitions/{petition.pk}/",
        assignee=petition.case_leader or petition.registered_by,
    )
