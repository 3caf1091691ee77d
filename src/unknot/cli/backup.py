"""``unknot backup FILE`` and ``unknot restore FILE``: the whole database in one file and back.
Django is imported only when they run; the work is the web app's ``backup`` and ``restore``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from unknot.cli.serve import run_django_command


def backup_command(
    file: Annotated[Path, typer.Argument(help="Where to write the backup (made 0600).")],
) -> None:
    """Copy every account and record into FILE, safely while the server runs."""
    run_django_command("backup", str(file))


def restore_command(
    file: Annotated[Path, typer.Argument(help="A file made by `unknot backup`.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before replacing.")] = False,
) -> None:
    """Replace every account and record with those in FILE (stop the server first)."""
    if not yes:
        if not sys.stdin.isatty():
            typer.echo("unknot: restore replaces everything; add --yes to go ahead.", err=True)
            raise typer.Exit(2)
        typer.confirm(
            "This replaces every account and record with the backup's. Go ahead?", abort=True
        )
    run_django_command("restore", str(file))
