"""One consistent backup file (.tar.gz) and its restore.

Contents: manifest.json (format, time, database vendor, key ids in use — never the keys unless asked),
the database (SQLite online backup, or pg_dump custom format), and the uploads folder. Personal data
stays encrypted inside the database copy, so a backup holds no plaintext ID number or phone.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from fazhi.core import crypto

FORMAT = "fazhi-backup/1"


class BackupError(RuntimeError):
    pass


def _pg_args(db: Any) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = [
        "-h",
        str(db.get("HOST") or "127.0.0.1"),
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        str(db.get("USER") or "postgres"),
    ]
    return args, env


def _key_ids_in_use() -> list[str]:
    """Key ids sealing stored values. The ORM decrypts on read, so this reads the raw columns."""
    kids: set[str] = set()
    with connection.cursor() as cur:
        for model, names in crypto.encrypted_fields():
            table = connection.ops.quote_name(model._meta.db_table)
            for name in names:
                column = connection.ops.quote_name(str(getattr(model._meta.get_field(name), "column", name)))
                cur.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} <> ''")
                kids.update(crypto.key_id_of(row[0]) for row in cur.fetchall() if row[0])
    kids.discard("")
    return sorted(kids)


def backup_write(path: Path, *, include_keys: bool = False) -> dict[str, Any]:
    """Write the backup file; returns its manifest."""
    vendor = connection.vendor
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": vendor,
        "key_ids": _key_ids_in_use(),
        "keys_included": include_keys,
    }
    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / ("database.sqlite3" if vendor == "sqlite" else "database.pgdump")
        if vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(db_file)
            with target:
                connection.connection.backup(target)  # online, consistent snapshot
            target.close()
        elif vendor == "postgresql":
            db = settings.DATABASES["default"]
            args, env = _pg_args(db)
            run = subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", *args, "-f", str(db_file), db["NAME"]],
                env=env,
                capture_output=True,
                text=True,
            )
            if run.returncode != 0:
                raise BackupError(f"pg_dump 失败：{run.stderr.strip()[:300]}")
        else:
            raise BackupError(f"不支持的数据库：{vendor}")
        path.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(path, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_file, arcname=db_file.name)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                tar.add(media, arcname="uploads")
            if include_keys:
                tar.add(Path(settings.FAZHI_KEYS_FILE), arcname="keys.json")
    return manifest


def instance_is_empty() -> bool:
    from django.apps import apps

    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    try:
        return not user_model.objects.exists()
    except Exception:  # no tables yet: a fresh instance
        return True


def backup_restore(path: Path, *, force: bool = False) -> dict[str, Any]:
    """Restore a backup file over this instance; refuses a non-empty instance unless forced."""
    if not path.exists():
        raise BackupError(f"备份文件不存在：{path}")
    with tarfile.open(path, "r:gz") as tar, tempfile.TemporaryDirectory() as tmp:
        tar.extractall(tmp, filter="data")
        root = Path(tmp)
        manifest = json.loads((root / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError("不是本系统的备份文件")
        if not force and not instance_is_empty():
            raise BackupError("当前实例已有数据；确认覆盖请加 --force")
        if manifest["database"] != connection.vendor:
            raise BackupError(f"备份来自 {manifest['database']}，当前数据库为 {connection.vendor}")
        keys_file = Path(settings.FAZHI_KEYS_FILE)
        if (root / "keys.json").exists() and not keys_file.exists():
            shutil.copy(root / "keys.json", keys_file)
            keys_file.chmod(0o600)
        ring = crypto.reload_keyring()
        missing = [k for k in manifest.get("key_ids", []) if k not in ring.keys]
        if missing:
            raise BackupError(f"缺少解密所需的密钥 {'、'.join(missing)}：请先放回原密钥文件（{keys_file}）")
        if connection.vendor == "sqlite":
            _restore_sqlite(root / "database.sqlite3")
        else:
            _restore_postgres(root / "database.pgdump")
        media = Path(settings.MEDIA_ROOT)
        if (root / "uploads").exists():
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(root / "uploads", media)
    return manifest


def _restore_sqlite(source: Path) -> None:
    connection.ensure_connection()
    src = sqlite3.connect(source)
    with src:
        src.backup(connection.connection)  # page-level copy into the live database
    src.close()


def _restore_postgres(source: Path) -> None:
    db = settings.DATABASES["default"]
    connections.close_all()
    args, env = _pg_args(db)
    run = subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            "-d",
            db["NAME"],
            str(source),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        raise BackupError(f"pg_restore 失败：{run.stderr.strip()[:300]}")
