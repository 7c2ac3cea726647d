"""Petitions in a given status, built through the services as a user would (tests only)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fazhi.petitions import services
from fazhi.testing import GRID_A1, persona, unit

# Fictitious people; ID numbers carry the real region code of 博兴县 (372328 before 2000, 371625 since)
# and a valid check digit.
ZHANG = {
    "name": "张桂兰",
    "id_number": "372328195803120024",
    "phone": "13805431234",
    "address": "锦秋社区3号楼2单元301",
}
LI = {"name": "李大海", "id_number": "372328197001010017", "phone": "13905439876", "address": "湖滨社区5号楼"}

WAGES = "包工头王某拖欠我们十二名工人工资十八万元，多次讨要至今没给，要求帮助追讨。"


def make(
    status: str = "registered",
    *,
    unit_code: str = GRID_A1,
    by: str = "clerk",
    received_on: date = date(2022, 9, 1),
    category: str = "claim",
    content: str = WAGES,
    people: list[dict[str, Any]] | None = None,
    leader: bool = False,
) -> Any:
    clerk = persona(by)
    p = services.petition_register(
        actor=clerk,
        channel="letter",
        received_on=received_on,
        category=category,
        title="拖欠工资",
        content=content,
        unit_id=unit(unit_code).pk,
        petitioners=people if people is not None else [ZHANG],
    )
    if status == "registered":
        return p
    office = persona("clerk")
    if status in ("transferred", "assigned", "declined", "redirected"):
        route = {
            "transferred": "transfer",
            "assigned": "assign",
            "declined": "decline",
            "redirected": "redirect",
        }[status]
        return services.petition_route(
            actor=office,
            petition_id=p.pk,
            route=route,
            on=date(2022, 9, 5),
            target="县人力资源和社会保障局",
            reason="属劳动保障监察职责",
            legal_procedure="labour_arbitration",
            feedback_due=date(2022, 10, 20),
        )
    p = services.petition_route(
        actor=office, petition_id=p.pk, route="accept", on=received_on + timedelta(days=4), new_facts=True
    )
    if leader:
        services.petition_lead(actor=office, petition_id=p.pk, leader_id=persona("leader").pk)
    if status == "accepted":
        return p
    if status == "closed":
        raise ValueError("use assigned + feedback")
    p = services.petition_reply(
        actor=office,
        petition_id=p.pk,
        outcome="support",
        request="追讨拖欠工资",
        facts="经核实，包工头王某确欠工资十八万元",
        opinion="责成施工单位于十日内足额支付",
        basis="《保障农民工工资支付条例》第三十条",
        on=date(2022, 10, 10),
    )
    if status == "replied":
        return p
    if status == "final":
        services.petition_review_request(
            actor=office, petition_id=p.pk, requested_on=date(2022, 10, 20), request="不服"
        )
        services.petition_review_decide(actor=office, petition_id=p.pk, accept=True, on=date(2022, 10, 21))
        services.petition_review_answer(
            actor=office, petition_id=p.pk, outcome="support", opinion="维持原处理意见", on=date(2022, 11, 1)
        )
        services.petition_review_request(
            actor=office, petition_id=p.pk, requested_on=date(2022, 11, 10), request="仍不服"
        )
        services.petition_review_decide(actor=office, petition_id=p.pk, accept=True, on=date(2022, 11, 11))
        services.petition_review_answer(
            actor=office, petition_id=p.pk, outcome="support", opinion="维持复查意见", on=date(2022, 11, 25)
        )
        p.refresh_from_db()
        return p
    services.petition_review_request(
        actor=office, petition_id=p.pk, requested_on=date(2022, 10, 20), request="不服处理意见"
    )
    if status == "review_requested":
        p.refresh_from_db()
        return p
    services.petition_review_decide(actor=office, petition_id=p.pk, accept=True, on=date(2022, 10, 21))
    if status == "reviewing":
        p.refresh_from_db()
        return p
    services.petition_review_answer(
        actor=office, petition_id=p.pk, outcome="support", opinion="维持原处理意见", on=date(2022, 11, 1)
    )
    if status == "reviewed":
        p.refresh_from_db()
        return p
    services.petition_review_request(
        actor=office, petition_id=p.pk, requested_on=date(2022, 11, 10), request="仍不服"
    )
    if status == "re_review_requested":
        p.refresh_from_db()
        return p
    services.petition_review_decide(actor=office, petition_id=p.pk, accept=True, on=date(2022, 11, 11))
    p.refresh_from_db()
    assert status == "re_reviewing", status
    return p
