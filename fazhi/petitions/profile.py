"""The petitions section of a resident's one-person profile (一人一档)."""

from __future__ import annotations

from typing import Any

from fazhi.org.scope import has_perm
from fazhi.people.profile import Item, Section
from fazhi.petitions.selectors import petition_list_for_person
from fazhi.petitions.workflow import VIEW

LIMIT = 20


def petitions_section(actor: Any, resident: Any) -> Section | None:
    if not has_perm(actor, VIEW) or not getattr(resident, "id_index", ""):
        return None
    petitions = list(
        petition_list_for_person(actor=actor, id_index=resident.id_index).order_by("-received_on")[:LIMIT]
    )
    if not petitions:
        return None  # nothing the viewer may see: no section (an adviser, another community)
    return Section(
        key="petitions",
        title="信访事项",
        order=70,
        items=[
            Item(
                title=f"{p.case_number} {p.title}",
                detail=f"{p.received_on:%Y-%m-%d} {p.get_channel_display()}",
                link=f"/petitions/{p.pk}/",
                tag=p.get_status_display(),
                tag_colour="green" if p.status in ("final", "closed") else "orange",
            )
            for p in petitions
        ],
        empty="无信访记录（或无权查看）",
    )
