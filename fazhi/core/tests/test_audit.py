from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from fazhi.core.audit import audit_record, audit_verify
from fazhi.core.models import AuditEntry
from fazhi.testing import persona


@pytest.fixture
def chain(db):
    actor = persona("clerk")
    return [audit_record(actor=actor, action="tests.write", data={"n": i}) for i in range(5)]


def test_each_entry_links_to_the_one_before(chain):
    for before, after in itertools.pairwise(chain):
        assert after.prev_hash == before.hash
    assert audit_verify().ok


def test_code_cannot_update_or_delete_an_entry(chain):
    entry = chain[0]
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(seq=entry.seq).update(action="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_a_plain_sql_update(chain):
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE core_auditentry SET action = 'forged' WHERE seq = %s", [chain[1].seq])


def _drop_guard() -> None:
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("DROP TRIGGER core_auditentry_no_update")
            cur.execute("DROP TRIGGER core_auditentry_no_delete")
        else:
            cur.execute("DROP TRIGGER core_auditentry_append_only ON core_auditentry")


def test_a_hand_edited_row_fails_verification_naming_it(chain):
    _drop_guard()  # a tamperer with database access could do the same
    with connection.cursor() as cur:
        cur.execute("UPDATE core_auditentry SET data = %s WHERE seq = %s", ['{"n": 99}', chain[2].seq])
    result = audit_verify()
    assert not result.ok
    assert result.broken_seq == chain[2].seq
    with pytest.raises(CommandError, match=f"第 {chain[2].seq} 条"):
        call_command("audit_verify")


def test_a_deleted_row_fails_verification(chain):
    _drop_guard()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditentry WHERE seq = %s", [chain[3].seq])
    result = audit_verify()
    assert not result.ok
    assert result.broken_seq == chain[3].seq


def test_an_entry_written_in_a_rolled_back_transaction_leaves_no_trace(chain):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=None, action="tests.rolled_back")
        raise RuntimeError
    assert AuditEntry.objects.count() == before
    assert audit_verify().ok
