"""The grid app's sections of the one-person profile: points of the household, the linked party
member, and the cadre responsible for the grid."""

from __future__ import annotations

from typing import Any

from fazhi.grid import permissions as P
from fazhi.grid.selectors.links import cadre_link_list_for, party_link_list_for
from fazhi.grid.selectors.points import balance_for, entry_list_for
from fazhi.org.scope import has_perm
from fazhi.people.profile import Item, Section


def points_section(actor: Any, resident: Any) -> Section | None:
    if not has_perm(actor, P.VIEW) or resident.household_id is None:
        return None
    balance = balance_for(actor=actor, household=resident.household)
    section = Section(
        "points",
        "积分与信用（按户）",
        order=40,
        facts=[
            ("积分余额", f"{balance.balance} 分"),
            ("信用分", f"{balance.score}"),
            ("信用等级", balance.grade),
        ],
        link=f"/grid/points/households/{resident.household_id}/",
        empty="暂无积分记录",
    )
    for entry in entry_list_for(actor=actor, household_id=resident.household_id)[:5]:
        sign = "+" if entry.points > 0 else ""
        section.items.append(
            Item(
                entry.reason,
                f"{entry.occurred_on:%Y-%m-%d}",
                "",
                f"{sign}{entry.points}",
                "green" if entry.points > 0 else "orange",
            )
        )
    return section


def party_section(actor: Any, resident: Any) -> Section | None:
    if not has_perm(actor, P.VIEW):
        return None
    section = Section("party", "党员联系", order=50, empty="暂无联系党员")
    if resident.household_id:
        for link in party_link_list_for(actor=actor).filter(household_id=resident.household_id):
            section.items.append(
                Item(
                    f"联系党员：{link.member.name}",
                    f"自{link.since:%Y-%m-%d}，联系{getattr(link, 'contact_count', 0)}次",
                    f"/grid/links/party/{link.pk}/",
                )
            )
    for link in party_link_list_for(actor=actor, member_id=resident.pk):
        section.items.append(
            Item(
                f"本人联系：{link.household.address}",
                f"联系{getattr(link, 'contact_count', 0)}次",
                f"/grid/links/party/{link.pk}/",
            )
        )
    return section


def cadre_section(actor: Any, resident: Any) -> Section | None:
    if not has_perm(actor, P.VIEW):
        return None
    section = Section("cadre", "包联干部", order=60, empty="本网格暂无包联干部")
    for link in cadre_link_list_for(actor=actor, unit_id=resident.unit_id):
        section.items.append(Item(str(link.cadre), link.duty or "联系网格", f"/grid/links/cadres/{link.pk}/"))
    return section
