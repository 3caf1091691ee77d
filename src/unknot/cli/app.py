"""The ``unknot`` command: one Typer app with a sub-app per area."""

from __future__ import annotations

import os
import sys

import typer

from unknot.cli.assess import assess_command
from unknot.cli.backup import backup_command, restore_command
from unknot.cli.library import app as library_app
from unknot.cli.plan import plan_command
from unknot.cli.score import app as score_app
from unknot.cli.serve import serve_command
from unknot.cli.session import session_command
from unknot.knowledge import KnowledgeError

app = typer.Typer(
    name="unknot",
    help="A safety-first self-care coach for low back pain from the psoas, iliacus and QL.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(library_app, name="library")
app.add_typer(score_app, name="score")
app.command("assess")(assess_command)
app.command("plan")(plan_command)
app.command("session")(session_command)
app.command("serve")(serve_command)
app.command("backup")(backup_command)
app.command("restore")(restore_command)


def main() -> None:
    """Entry point for the console script and ``python -m unknot``."""
    try:
        app()
    except KnowledgeError as exc:
        print(f"unknot: the knowledge base is broken: {exc}", file=sys.stderr)
        sys.exit(3)
    except BrokenPipeError:  # `unknot library techniques | head`
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # a bug: say so plainly; UNKNOT_DEBUG=1 shows the traceback
        if os.environ.get("UNKNOT_DEBUG"):
            raise
        print(
            f"unknot: something went wrong inside unknot ({type(exc).__name__}: {exc}). "
            "Nothing you typed was lost; run again with UNKNOT_DEBUG=1 to see the details.",
            file=sys.stderr,
        )
        sys.exit(70)
