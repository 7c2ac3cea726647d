"""The operator's command line, run as an operator would: a real process on a real data folder."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

DEMO_PASSWORD = "Cli-demo-2022"


def fazhi(home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "FAZHI_TASKS_IMMEDIATE"}}
    env["FAZHI_HOME"] = str(home)
    run = subprocess.run(
        [sys.executable, "-m", "fazhi", *args], env=env, capture_output=True, text=True, timeout=300
    )
    if check and run.returncode != 0:
        raise AssertionError(f"fazhi {' '.join(args)} failed:\n{run.stdout}\n{run.stderr}")
    return run


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("home")
    fazhi(home, "setup")
    fazhi(home, "demo", "--password", DEMO_PASSWORD)
    return home


def test_demo_loading_is_idempotent_and_prints_the_accounts(home):
    run = fazhi(home, "demo")
    assert "leader" in run.stdout and DEMO_PASSWORD in run.stdout
    db = sqlite3.connect(home / "fazhi.sqlite3")
    assert db.execute("SELECT count(*) FROM org_user WHERE username = 'leader'").fetchone()[0] == 1


def test_the_database_file_holds_no_plaintext_phone_of_the_demo(home):
    raw = b"".join(p.read_bytes() for p in home.glob("fazhi.sqlite3*"))
    assert b"13905431001" not in raw
    assert "少海街道".encode() in raw  # the file is readable: the absence above is real


def test_audit_verify_passes_then_fails_naming_a_hand_edited_row(home, tmp_path):
    assert "审计链完整" in fazhi(home, "audit", "verify").stdout
    copy = tmp_path / "copy"
    copy.mkdir()
    for p in home.iterdir():
        if p.is_file():
            (copy / p.name).write_bytes(p.read_bytes())
    db = sqlite3.connect(copy / "fazhi.sqlite3")
    db.execute("DROP TRIGGER core_auditentry_no_update")
    db.execute("UPDATE core_auditentry SET actor_name = 'forged' WHERE seq = 3")
    db.commit()
    db.close()
    run = fazhi(copy, "audit", "verify", check=False)
    assert run.returncode != 0
    assert "第 3 条" in run.stderr


def test_backup_and_restore_round_trip_and_restore_refuses_a_non_empty_instance(home, tmp_path):
    backup = tmp_path / "fazhi-backup.tar.gz"
    run = fazhi(home, "backup", str(backup))
    assert "不含密钥" in run.stdout
    restored = tmp_path / "restored"
    restored.mkdir()
    (restored / "keys.json").write_bytes((home / "keys.json").read_bytes())
    fazhi(restored, "setup")
    fazhi(restored, "restore", str(backup))
    db = sqlite3.connect(restored / "fazhi.sqlite3")
    assert db.execute("SELECT count(*) FROM org_unit").fetchone()[0] == 21
    assert "审计链完整" in fazhi(restored, "audit", "verify").stdout
    refused = fazhi(restored, "restore", str(backup), check=False)
    assert refused.returncode != 0 and "--force" in refused.stderr
    fazhi(restored, "restore", str(backup), "--force")


def test_restore_without_the_original_keys_says_which_key_is_missing(home, tmp_path):
    backup = tmp_path / "b.tar.gz"
    fazhi(home, "backup", str(backup))
    other = tmp_path / "other"
    other.mkdir()
    fazhi(other, "setup")
    run = fazhi(other, "restore", str(backup), check=False)
    assert run.returncode != 0 and "缺少解密所需的密钥" in run.stderr


def test_key_rotation_re_encrypts_and_the_data_stays_readable(home, tmp_path):
    run = fazhi(home, "keys", "rotate")
    assert "重新加密" in run.stdout
    assert "审计链完整" in fazhi(home, "audit", "verify").stdout
    check = fazhi(home, "check", check=False)
    assert "✓ 数据库迁移已全部执行" in check.stdout
    assert check.returncode == 0, check.stdout


def test_an_unknown_command_is_one_clear_line_and_a_non_zero_exit(home):
    run = fazhi(home, "frobnicate", check=False)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "未知命令" in run.stderr
