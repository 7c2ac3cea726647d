"""Records for the disputes tests, made through the services (so they are what users would make)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fazhi.disputes import services
from fazhi.disputes.models import Dispute, MediationOrg, Mediator
from fazhi.testing import COMMUNITY_A, GRID_A1, persona, unit

# Valid fictitious ID numbers (GB 11643 check digit). 371625 is 博兴县's code for people born from
# 2000 on; it was 372328 before (python-stdnum checks the code against the birth year).
ID_A = "371625200103120015"
ID_B = "372328197507230025"
PHONE_A = "13905439001"
PHONE_B = "13905439002"


def committee(
    code: str = COMMUNITY_A,
    *,
    members: int = 5,
    women: int = 1,
    name: str = "锦秋社区人民调解委员会",
    actor: str = "community_a",
) -> MediationOrg:
    """A committee with `members` members (the first a director), `women` of them women, a venue and rules."""
    who = persona(actor)
    existing = MediationOrg.objects.filter(unit=unit(code), name=name).first()
    if existing is not None:
        return existing
    org = services.org_create(
        actor=who,
        unit_id=unit(code).pk,
        kind="people",
        name=name,
        doc_prefix="锦调",
        venue="锦秋社区党群服务中心二楼调解室",
        rules_text="人民调解工作制度、调解员岗位职责、纠纷登记制度、回访制度",
        term_start=date(2021, 3, 1),
    )
    for i in range(members):
        services.mediator_add(
            actor=who,
            org_id=org.pk,
            name=f"委员{i + 1}",
            sex="female" if i < women else "male",
            role="director" if i == 0 else "member",
            user_id=persona("community_a").pk if i == 0 and code == COMMUNITY_A else None,
        )
    return MediationOrg.objects.get(pk=org.pk)


def dispute(
    *,
    actor: str = "grid_a1",
    unit_code: str = GRID_A1,
    category: str = "neighbour",
    parties: int = 2,
    registered_on: date | None = None,
    **extra: Any,
) -> Dispute:
    people = [
        {
            "name": "张明",
            "sex": "male",
            "id_number": ID_A,
            "phone": PHONE_A,
            "address": "锦秋社区3号楼",
            "role": "applicant",
        },
        {
            "name": "李芳",
            "sex": "female",
            "id_number": ID_B,
            "phone": PHONE_B,
            "address": "锦秋社区3号楼",
            "role": "respondent",
        },
        {"name": "王强", "sex": "male", "role": "third"},
    ][:parties]
    return services.dispute_intake(
        actor=persona(actor),
        unit_id=unit(unit_code).pk,
        category=category,
        source=extra.pop("source", "screening"),
        summary=extra.pop("summary", "楼上漏水浸湿楼下天花板，双方就维修和赔偿发生争执"),
        parties=people,
        registered_on=registered_on,
        **extra,
    )


def mediating(org: MediationOrg | None = None, *, on: date | None = None, **kw: Any) -> Dispute:
    """A dispute assigned to the committee's director with both parties' consent: 调解中."""
    org = org or committee()
    d = dispute(registered_on=on, **kw)
    clerk = persona("community_a")
    director = Mediator.objects.get(org=org, role="director")
    services.dispute_assign(actor=clerk, dispute_id=d.pk, org_id=org.pk, mediator_ids=[director.pk], on=on)
    for party in d.parties.all():
        services.party_consent(actor=clerk, dispute_id=d.pk, party_id=party.pk, consent="agreed", on=on)
    return Dispute.objects.get(pk=d.pk)


WRITTEN = {
    "parties_info": "申请人张明，男，住锦秋社区3号楼；被申请人李芳，女，住锦秋社区3号楼",
    "facts": "2022年5月，李芳家卫生间管道渗漏，造成楼下张明家天花板受损",
    "disputed_points": "维修责任及赔偿数额",
    "responsibilities": "李芳对管道渗漏负有维护责任",
    "content": "李芳于十日内修复管道并赔偿张明维修费2000元",
    "performance_method": "现金支付，调解委员会见证",
}


def written_agreement(d: Dispute, *, reached_on: date, **overrides: Any) -> Any:
    values = {**WRITTEN, "performance_deadline": reached_on + timedelta(days=10), **overrides}
    return services.agreement_record(
        actor=persona("community_a"), dispute_id=d.pk, form="written", reached_on=reached_on, **values
    )


def sign_all(agreement: Any, on: date) -> Any:
    clerk = persona("community_a")
    for party in agreement.dispute.parties.all():
        services.agreement_sign(actor=clerk, agreement_id=agreement.pk, party_id=party.pk, signed_on=on)
    director = agreement.dispute.mediators.get(role="director")
    return services.agreement_sign(
        actor=clerk, agreement_id=agreement.pk, mediator_id=director.pk, sealed=True, signed_on=on
    )
