"""``manage backup FILE``: what ``unknot backup`` runs (``unknot.web.backup``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from unknot.web import backup


class Command(BaseCommand):
    help = "Copy the whole database into one file (use `unknot backup`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            size = backup.backup(Path(file))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backed up {backup.describe()} to {file} ({size:,} bytes).")
