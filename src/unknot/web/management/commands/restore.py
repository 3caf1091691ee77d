"""``manage restore FILE``: what ``unknot restore`` runs (``unknot.web.backup``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from unknot.web import backup


class Command(BaseCommand):
    help = "Replace the whole database with a backup (use `unknot restore`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            backup.restore(Path(file))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {backup.describe()} from {file}.")
