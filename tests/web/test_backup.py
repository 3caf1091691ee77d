"""``unknot backup`` and ``unknot restore``: a round trip through the real commands, on SQLite,
and on PostgreSQL in the suite's PostgreSQL run (``DATABASE_URL`` is passed on)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.servers import clean_env, unknot_command

SETUP = """
import django, sys; django.setup()
from django.core.management import call_command; call_command("migrate", verbosity=0)
from unknot.web.accounts.models import User
from unknot.web.care.models import CheckIn
User.objects.filter(email__endswith="@backup.example").delete()
for name in sys.argv[1:]:
    user = User.objects.create_user(email=f"{name}@backup.example", password="a long password 1")
    CheckIn.objects.create(owner=user, pain=4, note=f"{name}'s note")
"""
READ = """
import django; django.setup()
from unknot.web.care.models import CheckIn
print(sorted(CheckIn.objects.filter(owner__email__endswith="@backup.example")
             .values_list("note", flat=True)))
"""


def _python(env: dict[str, str], code: str, *args: str) -> str:
    result = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _unknot(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([unknot_command(), *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip


def test_a_backup_restores_exactly_what_was_there(tmp_path: Path) -> None:
    env = clean_env(tmp_path / "home", DJANGO_SETTINGS_MODULE="unknot.web.settings")
    _python(env, SETUP, "alice", "bob")
    file = tmp_path / "unknot.backup"
    made = _unknot(env, "backup", str(file))
    assert made.returncode == 0, made.stderr
    assert "Backed up" in made.stdout
    assert file.stat().st_mode & 0o077 == 0  # health data: the owner's eyes only

    _python(env, SETUP, "carol")  # the data moves on: alice and bob gone, carol new
    assert _python(env, READ) == '["carol\'s note"]'
    restored = _unknot(env, "restore", str(file), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert _python(env, READ) == '["alice\'s note", "bob\'s note"]'


def test_restore_asks_first_and_refuses_what_is_not_a_backup(tmp_path: Path) -> None:
    env = clean_env(tmp_path / "home")
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")
    asked = _unknot(env, "restore", str(not_a_backup))
    assert asked.returncode == 2 and "add --yes" in asked.stderr
    refused = _unknot(env, "restore", str(not_a_backup), "--yes")
    assert refused.returncode == 1
    assert "is not an unknot backup" in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.parametrize("where", ["missing-folder/unknot.backup"])
def test_a_backup_to_a_missing_folder_says_so(tmp_path: Path, where: str) -> None:
    result = _unknot(clean_env(tmp_path / "home"), "backup", str(tmp_path / where))
    assert result.returncode == 1
    assert "does not exist" in result.stderr
