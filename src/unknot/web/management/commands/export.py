"""``manage export EMAIL``: what ``unknot export`` runs: one account's record as JSON
(``unknot-export/1``), CSV or a FHIR R4 Bundle, to stdout or to a file only its owner can read."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from unknot.web.accounts.models import User
from unknot.web.care import export
from unknot.web.care.fhir import fhir_bundle


class Command(BaseCommand):
    help = "Export one account's record (use `unknot export`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--format", choices=("json", "csv", "fhir"), default="json")
        parser.add_argument("--out", default=None)

    def handle(self, *args: Any, email: str, format: str, out: str | None, **options: Any) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"no account with the address {email[:254]!r}")
        if format == "csv":
            text = export.export_csv(user)
        else:
            document = fhir_bundle(user) if format == "fhir" else export.export_document(user)
            text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if out is None:
            self.stdout.write(text, ending="")
            return
        try:
            fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc.strerror}") from exc
        self.stderr.write(f"Wrote {Path(out)}: the {format} export of {user.email}.")
