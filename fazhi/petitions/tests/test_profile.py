"""A resident's one-person profile shows their petitions and disputes, each only within the viewer's scope."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.people.profile import profile_sections
from fazhi.people.tests.factories import resident
from fazhi.petitions import services
from fazhi.petitions.tests.factories import WAGES
from fazhi.testing import GRID_A1, persona, unit

pytestmark = pytest.mark.django_db


def test_the_profile_lists_the_residents_petitions_and_disputes_for_those_who_may_see_them():
    from fazhi.disputes.services import dispute_intake

    person = resident("王秀英", id_number="372328197001010017", phone="13905439876")
    petition = services.petition_register(
        actor=persona("clerk"),
        channel="visit",
        received_on=date(2022, 9, 1),
        category="claim",
        title="拖欠工资",
        content=WAGES,
        unit_id=unit(GRID_A1).pk,
        petitioners=[{"name": "王秀英", "id_number": "372328197001010017"}],
    )
    dispute = dispute_intake(
        actor=persona("community_a"),
        unit_id=unit(GRID_A1).pk,
        category="neighbour",
        source="walk_in",
        summary="楼上漏水",
        parties=[{"name": "王秀英", "id_number": "372328197001010017"}, {"name": "赵大伟"}],
    )
    sections = {s.key: s for s in profile_sections(persona("community_a"), person)}
    assert [i.link for i in sections["petitions"].items] == [f"/petitions/{petition.pk}/"]
    assert [i.link for i in sections["disputes"].items] == [f"/disputes/{dispute.pk}/"]
    outsider = {s.key: s for s in profile_sections(persona("grid_b1"), person)}
    assert not outsider.get("petitions") or not outsider["petitions"].items
    assert not outsider.get("disputes") or not outsider["disputes"].items
