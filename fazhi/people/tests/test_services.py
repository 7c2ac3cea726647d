from __future__ import annotations

import pytest

from fazhi.core import crypto
from fazhi.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from fazhi.core.models import TimelineEvent
from fazhi.people import selectors, services
from fazhi.people.tests import factories as f
from fazhi.testing import GRID_A1, GRID_B1, persona, unit

pytestmark = pytest.mark.django_db


def test_an_id_number_with_a_wrong_check_digit_is_refused_naming_the_field():
    number = f.new_id()
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    with pytest.raises(ValidationFailed) as exc:
        f.resident(id_number=wrong)
    assert "校验位" in exc.value.fields["id_number"]


def test_a_resident_is_stored_encrypted_with_blind_indexes_and_derived_fields():
    number = f.new_id(female=True)
    person = f.resident("王芳", id_number=number, phone="13905430001", female=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM people_resident WHERE id = %s", [person.pk])
        raw = cursor.fetchone()
    assert number not in raw[0] and raw[0].startswith("fz1$")
    assert person.id_index == crypto.blind_index(number, purpose="id_number")
    assert person.gender == "f" and person.birth_date.year == 1980
    assert person.name_initials == "wf"
    assert person.unit == unit(GRID_A1)


def test_the_same_id_number_cannot_be_registered_twice():
    number = f.new_id()
    f.resident(id_number=number)
    with pytest.raises(Conflict):
        f.resident("另一人", id_number=number)


def test_a_phone_in_the_wrong_format_names_the_phone_field():
    with pytest.raises(ValidationFailed) as exc:
        f.resident(phone="12345")
    assert "phone" in exc.value.fields


def test_a_grid_worker_of_another_community_cannot_register_into_grid_a1():
    home = f.household()
    with pytest.raises(NotFound):
        services.resident_create(
            actor=persona("grid_b1"), name="外人", household_id=home.pk, id_number=f.new_id()
        )


def test_a_leader_may_view_but_not_register_residents():
    home = f.household()
    with pytest.raises(NotAllowed):
        services.resident_create(actor=persona("leader"), name="某人", household_id=home.pk)


def test_updating_a_resident_reindexes_the_phone_and_keeps_a_timeline():
    person = f.resident()
    services.resident_update(
        actor=persona("grid_a1"), resident_id=person.pk, phone="13800000000", name="张三丰"
    )
    person.refresh_from_db()
    assert person.phone_index == crypto.blind_index("13800000000", purpose="phone")
    assert person.name_initials == "zsf"
    assert TimelineEvent.objects.filter(kind="people.resident_update", object_id=str(person.pk)).exists()


def test_revealing_an_id_number_needs_the_permission_and_a_purpose():
    person = f.resident()
    with pytest.raises(NotAllowed):
        services.resident_reveal(
            actor=persona("grid_a1"), resident_id=person.pk, field="id_number", purpose="核实"
        )
    value = services.resident_reveal(
        actor=persona("clerk"), resident_id=person.pk, field="id_number", purpose="核实身份"
    )
    assert value == person.id_number


def test_the_household_address_names_the_community_building_entrance_and_room():
    home = f.household(room="502")
    assert home.address == "锦秋社区 1号楼1单元502"


def test_a_room_is_registered_once_per_entrance():
    f.household(room="301")
    with pytest.raises(ValidationFailed) as exc:
        f.household(room="301")
    assert "room" in exc.value.fields


def test_grid_size_warns_past_the_configured_limit(settings):
    settings.FAZHI_PEOPLE_RULES = {"GRID_RESIDENTS_MAX": 1, "GRID_HOUSEHOLDS_MIN": 1}
    f.resident()
    f.resident("李四")
    size = selectors.grid_size_for(actor=persona("community_a"), unit=unit(GRID_A1))
    assert size.residents == 2
    assert any("超过建议上限 1 人" in w for w in size.warnings)


def test_grid_b1_residents_are_not_in_community_a_lists():
    f.resident("湖滨人", grid=GRID_B1)
    names = set(selectors.resident_list_for(actor=persona("community_a")).values_list("name", flat=True))
    assert "湖滨人" not in names
