"""``unknot export EMAIL``: everything one account has kept, as JSON, CSV or a FHIR R4 Bundle.
Django is imported only when it runs; the work is the web app's ``export`` command."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from unknot.cli.serve import run_django_command


class Format(StrEnum):
    json = "json"
    csv = "csv"
    fhir = "fhir"


def export_command(
    email: Annotated[str, typer.Argument(help="The account's email address.")],
    fhir: Annotated[
        bool, typer.Option("--fhir", help="A FHIR R4 Bundle (same as --format fhir).")
    ] = False,
    as_format: Annotated[
        Format, typer.Option("--format", help="json (unknot-export/1), csv or fhir.")
    ] = Format.json,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file (made 0600).")
    ] = None,
) -> None:
    """Export one account's record from the database the web app uses."""
    chosen = Format.fhir if fhir else as_format
    options: dict[str, object] = {"format": chosen.value}
    if out is not None:
        options["out"] = str(out)
    run_django_command("export", email, **options)
