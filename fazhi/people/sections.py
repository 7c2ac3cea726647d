"""The people app's own profile sections: household and address, grid, key-person status."""

from __future__ import annotations

from typing import Any

from fazhi.core import crypto
from fazhi.org.scope import has_perm
from fazhi.people import permissions as P
from fazhi.people.models import Resident
from fazhi.people.profile import Item, Section
from fazhi.people.selectors.keypersons import keypersons_of_resident
from fazhi.people.selectors.residents import household_members


def household_section(actor: Any, resident: Resident) -> Section | None:
    if not has_perm(actor, P.VIEW):
        return None
    section = Section("household", "户籍与住址", order=10)
    section.facts = [
        ("身份证号", crypto.mask_id_number(resident.id_number) or "—"),
        ("手机号", crypto.mask_phone(resident.phone) or "—"),
        ("性别", resident.get_gender_display() or "—"),
        ("出生日期", f"{resident.birth_date:%Y-%m-%d}" if resident.birth_date else "—"),
        ("居住状态", resident.get_living_status_display()),
        ("政治面貌", resident.get_political_status_display()),
        ("与户主关系", resident.get_relation_display()),
        ("住址", resident.address or "—"),
    ]
    if resident.household_id:
        household = resident.household
        assert household is not None
        section.link = f"/people/households/{household.pk}/"
        for member in household_members(household):
            if member.pk != resident.pk:
                section.items.append(
                    Item(member.name, member.get_relation_display(), f"/people/residents/{member.pk}/")
                )
        section.empty = "同户无其他成员"
    return section


def grid_section(actor: Any, resident: Resident) -> Section | None:
    if not has_perm(actor, P.VIEW):
        return None
    grid = resident.unit
    return Section(
        "grid",
        "所在网格",
        order=20,
        facts=[("网格", grid.name), ("网格电话", grid.phone or "—")],
        link=f"/grid/units/{grid.pk}/",
    )


def keyperson_section(actor: Any, resident: Resident) -> Section | None:
    """Only the status and a link: the profile itself asks for a purpose and is audited."""
    if not has_perm(actor, P.KEYPERSONS):
        return None
    records = keypersons_of_resident(actor=actor, resident=resident)
    if not records:
        return None
    section = Section("keyperson", "重点人员", order=30)
    for person in records:
        colour = "green" if person.control_status == "managed" else "red"
        level = f"危险性{person.danger_level}级 · " if person.danger_level is not None else ""
        section.items.append(
            Item(
                person.category.name,
                f"{level}下次走访 {person.next_visit_due:%Y-%m-%d}" if person.next_visit_due else level,
                f"/people/keypersons/{person.pk}/",
                person.get_control_status_display(),
                colour,
            )
        )
    return section
