"""The operator's command line, run as an operator would: a real process on a real data folder.

On the PostgreSQL leg (DATABASE_URL set) each data folder gets its own scratch PostgreSQL database,
so backup and restore go through pg_dump and pg_restore there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from fazhi.testing import scratch_postgres, scratch_postgres_drop

DEMO_PASSWORD = "Cli-demo-2022"
PG = os.environ.get("DATABASE_URL", "")


class Instance:
    def __init__(self, home: Path, database: str = "") -> None:
        self.home = home
        self.env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "FAZHI_TASKS_IMMEDIATE"}}
        self.env["FAZHI_HOME"] = str(home)
        if PG:
            # One database per test run (pid), so parallel runs on one server do not drop each other's.
            name = database or f"fazhi_cli_{home.name}".lower()
            self.env["DATABASE_URL"] = scratch_postgres(PG, f"{name}_{os.getpid()}")

    def drop(self) -> None:
        if PG:
            scratch_postgres_drop(self.env["DATABASE_URL"])

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "fazhi", *args], env=self.env, capture_output=True, text=True, timeout=300
        )
        if check and done.returncode != 0:
            raise AssertionError(f"fazhi {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def sql(self, query: str) -> list[tuple]:
        if PG:
            import psycopg

            with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as conn:
                cur = conn.execute(query)
                return cur.fetchall() if cur.description else []
        import sqlite3

        db = sqlite3.connect(self.home / "fazhi.sqlite3")
        try:
            rows = db.execute(query).fetchall()
            db.commit()
            return rows
        finally:
            db.close()


INSTANCES: list[Instance] = []


def new_instance(tmp_path_factory, name: str) -> Instance:
    home = tmp_path_factory.mktemp(name)
    instance = Instance(home, database=f"fazhi_cli_{name}")
    INSTANCES.append(instance)
    return instance


@pytest.fixture(scope="module", autouse=True)
def _drop_scratch_databases():
    yield
    for instance in INSTANCES:
        instance.drop()
    INSTANCES.clear()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Instance:
    instance = new_instance(tmp_path_factory, "demo")
    instance.run("setup")
    instance.run("demo", "--password", DEMO_PASSWORD)
    return instance


def backup_bytes(path: Path) -> bytes:
    with tarfile.open(path, "r:gz") as tar:
        return b"".join(tar.extractfile(m).read() for m in tar.getmembers() if m.isfile())  # type: ignore[union-attr]


def test_demo_loading_is_idempotent_and_prints_the_accounts(demo):
    run = demo.run("demo")
    assert "leader" in run.stdout and DEMO_PASSWORD in run.stdout
    assert demo.sql("SELECT count(*) FROM org_user WHERE username = 'leader'") == [(1,)]


@pytest.mark.skipif(bool(PG), reason="SQLite 数据库文件检查；PostgreSQL 由备份文件检查覆盖")
def test_the_database_file_holds_no_plaintext_phone_of_the_demo(demo):
    raw = b"".join(p.read_bytes() for p in demo.home.glob("fazhi.sqlite3*"))
    assert b"13905431001" not in raw
    assert "少海街道".encode() in raw  # the file is readable: the absence above is real


def test_a_backup_holds_no_plaintext_phone(demo, tmp_path):
    backup = tmp_path / "b.tar.gz"
    demo.run("backup", str(backup))
    raw = backup_bytes(backup)
    assert b"13905431001" not in raw
    assert b"leader" in raw  # the dump is readable: the absence above is real


def test_audit_verify_passes_then_fails_naming_a_hand_edited_row(tmp_path_factory):
    instance = new_instance(tmp_path_factory, "tamper")
    instance.run("setup")
    instance.run("demo", "--password", DEMO_PASSWORD)
    assert "审计链完整" in instance.run("audit", "verify").stdout
    if PG:
        instance.sql("DROP TRIGGER core_auditentry_append_only ON core_auditentry")
    else:
        instance.sql("DROP TRIGGER core_auditentry_no_update")
    instance.sql("UPDATE core_auditentry SET actor_name = 'forged' WHERE seq = 3")
    run = instance.run("audit", "verify", check=False)
    assert run.returncode != 0
    assert "第 3 条" in run.stderr


def test_backup_and_restore_round_trip_and_restore_refuses_a_non_empty_instance(
    demo, tmp_path, tmp_path_factory
):
    backup = tmp_path / "fazhi-backup.tar.gz"
    run = demo.run("backup", str(backup))
    assert "不含密钥" in run.stdout
    restored = new_instance(tmp_path_factory, "restored")
    (restored.home / "keys.json").write_bytes((demo.home / "keys.json").read_bytes())
    restored.run("setup")
    restored.run("restore", str(backup))
    assert restored.sql("SELECT count(*) FROM org_unit") == [(21,)]
    assert "审计链完整" in restored.run("audit", "verify").stdout
    refused = restored.run("restore", str(backup), check=False)
    assert refused.returncode != 0 and "--force" in refused.stderr
    restored.run("restore", str(backup), "--force")
    assert restored.sql("SELECT count(*) FROM org_user") == [(9,)]


def test_restore_without_the_original_keys_says_which_key_is_missing(demo, tmp_path, tmp_path_factory):
    backup = tmp_path / "b.tar.gz"
    demo.run("backup", str(backup))
    other = new_instance(tmp_path_factory, "nokeys")
    other.run("setup")
    run = other.run("restore", str(backup), check=False)
    assert run.returncode != 0 and "缺少解密所需的密钥" in run.stderr


def test_key_rotation_re_encrypts_and_the_data_stays_readable(demo):
    before = demo.sql("SELECT phone FROM org_user WHERE username = 'leader'")[0][0]
    run = demo.run("keys", "rotate")
    assert "重新加密" in run.stdout
    after = demo.sql("SELECT phone FROM org_user WHERE username = 'leader'")[0][0]
    assert before.split("$")[1] != after.split("$")[1]
    check = demo.run("check", check=False)
    assert check.returncode == 0, check.stdout


def test_an_unknown_command_is_one_clear_line_and_a_non_zero_exit(demo):
    run = demo.run("frobnicate", check=False)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "未知命令" in run.stderr
