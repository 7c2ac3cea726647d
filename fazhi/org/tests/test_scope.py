from __future__ import annotations

import pytest
from django.db.models import Q

from fazhi.org import roles as R
from fazhi.org.models import DataScope, Role, Unit, User
from fazhi.org.scope import scope_q, unit_scope_q
from fazhi.org.selectors import unit_list_for
from fazhi.org.services import assignment_grant
from fazhi.testing import persona, unit

pytestmark = pytest.mark.django_db


def visible_codes(actor) -> set[str]:
    return set(unit_list_for(actor=actor).values_list("code", flat=True))


def test_a_grid_worker_sees_only_their_grid():
    assert visible_codes(persona("grid_a1")) == {"SH-JQ-01"}


def test_a_community_clerk_sees_the_community_and_its_grids():
    assert visible_codes(persona("community_a")) == {"SH-JQ", "SH-JQ-01", "SH-JQ-02", "SH-JQ-03"}


def test_an_office_clerk_in_a_department_sees_the_whole_subdistrict():
    codes = visible_codes(persona("clerk"))
    assert {"SH", "SH-JQ-01", "SH-HB-01", "SH-XFB"} <= codes


def test_unit_and_below_is_one_prefix_query_on_the_path():
    sql = str(Unit.objects.filter(unit_scope_q(persona("community_a"))).query)
    assert "LIKE" in sql and "JOIN" not in sql


def test_a_community_clerks_records_are_selected_by_unit_ids_not_a_join_on_the_path():
    """The subtree goes to record queries as unit ids, so the record table's unit index serves it."""
    from fazhi.grid import services as grid
    from fazhi.grid.models import GridEvent

    def report(who: str) -> int:
        return grid.event_report(
            actor=persona(who), category="environment", description="垃圾未清运", location="楼东侧"
        ).pk

    inside, outside = report("grid_a1"), report("grid_b1")
    actor = persona("community_a")
    scoped = GridEvent.objects.filter(scope_q(actor, GridEvent, owner_field="reporter"))
    assert "org_unit" not in str(scoped.query) and "LIKE" not in str(scoped.query)
    assert set(scoped.values_list("pk", flat=True)) == {inside} and outside


def test_several_roles_give_the_union_of_their_scopes_not_the_narrowest():
    user = persona("grid_a1")
    wide = Role.objects.create(code="tmp_wide", name="临时", data_scope=DataScope.UNIT_AND_BELOW)
    user.unit = unit("SH-HB")
    user.save()
    user.roles.add(wide)
    user = User.objects.get(pk=user.pk)
    codes = visible_codes(user)
    assert "SH-HB" in codes and "SH-HB-02" in codes


def test_a_custom_scope_covers_exactly_the_chosen_units():
    user = persona("adviser")
    role = Role.objects.create(code="tmp_custom", name="自定义", data_scope=DataScope.CUSTOM)
    role.custom_units.set([unit("SH-DC"), unit("SH-HX-02")])
    user.roles.add(role)
    user = User.objects.get(pk=user.pk)
    assert visible_codes(user) == {"SH-DC", "SH-HX-02"}


def test_an_account_with_no_unit_sees_nothing_even_with_a_wide_role():
    user = User.objects.create(username="nounit", display_name="无单位")
    user.roles.set(Role.objects.filter(code=R.LEADER))
    user = User.objects.get(pk=user.pk)
    assert visible_codes(user) == set()
    assert User.objects.filter(scope_q(user, User, unit_field="unit", owner_field=None)).count() == 0


def test_own_scope_sees_only_records_the_actor_created():
    adviser = persona("adviser")
    q = scope_q(adviser, User, unit_field="unit", owner_field="pk", participation=False)
    assert list(User.objects.filter(q)) == [adviser]


def test_participation_grants_sight_of_an_assigned_record_outside_scope():
    outsider = persona("grid_b1")
    record = persona("community_a")  # any model instance serves; an account is one
    q = scope_q(outsider, User, unit_field="unit", owner_field=None)
    assert not User.objects.filter(q, pk=record.pk).exists()
    assignment_grant(actor=persona("leader"), obj=record, user=outsider, kind="handler")
    outsider = User.objects.get(pk=outsider.pk)
    q = scope_q(outsider, User, unit_field="unit", owner_field=None)
    assert User.objects.filter(q, pk=record.pk).exists()


def test_an_inactive_account_sees_nothing():
    user = persona("leader")
    user.is_active = False
    assert scope_q(user, User) == Q(pk__in=[])


def test_a_subdistrict_scope_at_the_only_root_is_no_filter_at_all():
    # The county leader's case: every unit lies under the root, so no row needs a unit test.
    assert unit_scope_q(persona("clerk")) is None


def test_a_subdistrict_scope_at_a_root_beside_another_root_stays_within_its_tree():
    other = Unit.objects.add_root(create_kwargs={"name": "另一街道", "kind": "subdistrict", "code": "OTHER"})
    codes = visible_codes(persona("clerk"))
    assert "SH-JQ-01" in codes and "OTHER" not in codes
    assert other.pk not in set(
        Unit.objects.filter(unit_scope_q(persona("clerk"))).values_list("pk", flat=True)
    )
