from __future__ import annotations

import pytest

from fazhi.core.errors import NotAllowed, NotFound, ValidationFailed
from fazhi.core.models import AuditEntry
from fazhi.org import services
from fazhi.org.models import Unit, User
from fazhi.testing import COMMUNITY_A, persona, unit

pytestmark = pytest.mark.django_db


def test_revealing_a_phone_needs_a_purpose_and_is_audited_with_it():
    leader, target = persona("leader"), persona("community_a")
    with pytest.raises(ValidationFailed) as exc:
        services.pii_reveal(actor=leader, obj=target, field="phone", purpose="")
    assert "查询事由" in exc.value.fields["purpose"]
    value = services.pii_reveal(actor=leader, obj=target, field="phone", purpose="核实联系方式")
    assert value == "13905431003"
    entry = AuditEntry.objects.filter(action="core.pii_reveal").order_by("-seq").first()
    assert entry.data["purpose"] == "核实联系方式" and entry.actor_name == "leader"
    assert "13905431003" not in str(entry.data)


def test_a_role_without_the_reveal_permission_is_refused_and_the_attempt_audited():
    with pytest.raises(NotAllowed):
        services.pii_reveal(actor=persona("grid_a1"), obj=persona("grid_a1"), field="phone", purpose="自查")
    assert AuditEntry.objects.filter(action="core.pii_reveal", outcome="denied").exists()


def test_a_unit_cannot_be_created_under_a_grid():
    with pytest.raises(ValidationFailed) as exc:
        services.unit_create(
            actor=persona("sysadmin"), name="楼栋", kind="community", code="X1", parent_id=unit("SH-JQ-01").pk
        )
    assert "网格" in exc.value.fields["parent"]


def test_creating_a_unit_puts_it_under_its_parent_in_the_tree():
    grid = services.unit_create(
        actor=persona("sysadmin"),
        name="锦秋社区第四网格",
        kind="grid",
        code="SH-JQ-04",
        parent_id=unit(COMMUNITY_A).pk,
        households=400,
    )
    assert grid.path.startswith(unit(COMMUNITY_A).path)
    assert Unit.objects.get(code="SH-JQ-04").depth == 3


def test_an_account_cannot_hold_two_administrator_roles():
    with pytest.raises(ValidationFailed) as exc:
        services.account_create(
            actor=persona("sysadmin"),
            username="both",
            display_name="兼任",
            unit_id=None,
            password="Strong-pass-9",
            role_codes=["sysadmin", "auditor"],
        )
    assert "三权分立" in exc.value.fields["roles"]


def test_a_new_account_password_must_meet_the_policy_and_nothing_is_written():
    with pytest.raises(ValidationFailed) as exc:
        services.account_create(
            actor=persona("sysadmin"),
            username="weak",
            display_name="弱口令",
            unit_id=None,
            password="short",
            role_codes=[],
        )
    assert "password" in exc.value.fields
    assert not User.objects.filter(username="weak").exists()


def test_no_administrator_role_can_be_edited_to_gain_other_powers():
    with pytest.raises(NotAllowed):
        services.role_save(
            actor=persona("secadmin"),
            code="auditor",
            name="审计",
            permissions=["org.manage_accounts"],
            data_scope="all",
        )


def test_the_system_administrator_cannot_manage_roles_nor_read_the_audit_log():
    with pytest.raises(NotAllowed):
        services.role_save(actor=persona("sysadmin"), code="x", name="x", permissions=[], data_scope="own")
    from fazhi.org.selectors import audit_list_for

    assert not audit_list_for(actor=persona("sysadmin")).exists()


def test_an_account_outside_scope_is_not_found_for_editing():
    outsider = User.objects.create(username="elsewhere", display_name="外单位")
    admin = persona("sysadmin")
    assert (
        services.account_update(actor=admin, user_id=outsider.pk, display_name="外单位甲").display_name
        == "外单位甲"
    )
    with pytest.raises(NotFound):
        from fazhi.org.selectors import account_get_for

        account_get_for(actor=persona("leader"), user_id=outsider.pk)
