"""The disputes section of a resident's one-person profile (一人一档)."""

from __future__ import annotations

from typing import Any

from fazhi.disputes import perms
from fazhi.disputes.selectors import dispute_list_for_person
from fazhi.org.scope import has_perm
from fazhi.people.profile import Item, Section

LIMIT = 20


def disputes_section(actor: Any, resident: Any) -> Section | None:
    if not has_perm(actor, perms.VIEW) or not getattr(resident, "id_index", ""):
        return None
    disputes = list(dispute_list_for_person(actor=actor, id_index=resident.id_index)[:LIMIT])
    if not disputes:
        return None  # nothing the viewer may see: no section (an adviser, another community)
    return Section(
        key="disputes",
        title="矛盾纠纷",
        order=75,
        items=[
            Item(
                title=f"{d.number} {d.category.name}",
                detail=f"{d.registered_on:%Y-%m-%d} {d.summary[:40]}",
                link=f"/disputes/{d.pk}/",
                tag=d.get_status_display(),
                tag_colour={"red": "red", "orange": "orange", "yellow": "yellow"}.get(d.risk_level, "blue"),
            )
            for d in disputes
        ],
        empty="无矛盾纠纷记录（或无权查看）",
    )
