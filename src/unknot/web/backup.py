"""Backups of the whole database into one file, and putting one back.

- SQLite: SQLite's online backup, a consistent copy taken while the server runs.
- PostgreSQL: ``pg_dump`` in its custom format (consistent too), ``pg_restore`` to put it back.

A backup holds everyone's health data: the file is made readable by its owner only (0600), and
written beside its final name first, so a failed backup never leaves half a file under it.
Restoring replaces every account and record with the backup's, then migrates, so a backup made
by an older unknot works with a newer one.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done, with a sentence saying why."""


def _database() -> dict[str, Any]:
    return dict(settings.DATABASES["default"])


def is_sqlite() -> bool:
    return "sqlite" in str(_database()["ENGINE"])


def describe() -> str:
    """The database in words, for messages: a file path, or the PostgreSQL database's name."""
    db = _database()
    if is_sqlite():
        return f"the SQLite file {db['NAME']}"
    return f"the PostgreSQL database {db['NAME']} on {db.get('HOST') or 'localhost'}"


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parts[-3]))  # fmt: skip
    if candidates:
        return candidates[-1]
    raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")


def _pg_env() -> tuple[dict[str, str], list[str]]:
    db = _database()
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["--dbname", str(db["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return env, args


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 (our own tool, our own arguments)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def backup(target: Path) -> int:
    """Write a consistent copy of the whole database to ``target``; its size in bytes."""
    target = target.expanduser().resolve()
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    partial = target.with_name(f".{target.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        if is_sqlite():
            source = sqlite3.connect(str(_database()["NAME"]))
            copy = sqlite3.connect(str(partial))
            try:
                with copy:
                    source.backup(copy)
            finally:
                copy.close()
                source.close()
        else:
            env, args = _pg_env()
            command = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                       "--file", str(partial), *args]  # fmt: skip
            _run(command, env)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(partial, 0o600)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


def _kind(source: Path) -> str:
    try:
        with open(source, "rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise BackupError(f"cannot read {source}: {exc.strerror or exc}") from exc
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{source} is not an unknot backup (neither SQLite nor pg_dump's format)")


def _check_sqlite_backup(source: Path) -> None:
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source} is damaged: {exc}") from exc
    if not {"django_migrations", "accounts_user"} <= tables:
        raise BackupError(f"{source} is a SQLite file, but not an unknot backup")


def restore(source: Path) -> None:
    """Replace the whole database with the backup in ``source``, then migrate."""
    source = source.expanduser().resolve()
    kind = _kind(source)
    wanted = "sqlite" if is_sqlite() else "postgresql"
    if kind != wanted:
        raise BackupError(
            f"{source} is a {kind} backup, but unknot now uses {describe()}: restore it where "
            f"unknot uses {kind}"
        )
    connections.close_all()
    if kind == "sqlite":
        _check_sqlite_backup(source)
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        live = sqlite3.connect(str(_database()["NAME"]), timeout=30)
        try:
            backup_db.backup(live)
        finally:
            live.close()
            backup_db.close()
    else:
        env, args = _pg_env()
        command = [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
                   "--no-privileges", "--single-transaction", *args, str(source)]  # fmt: skip
        _run(command, env)
    call_command("migrate", interactive=False, verbosity=0)
