"""The ``unknot`` command: one Typer app with a sub-app per area."""

from __future__ import annotations

import os
import sys
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, Any

import typer
from typer import _click
from typer.core import TyperGroup

from unknot.cli.assess import assess_command
from unknot.cli.backup import backup_command, restore_command
from unknot.cli.export import export_command
from unknot.cli.library import app as library_app
from unknot.cli.output import quiet_stdout
from unknot.cli.plan import plan_command
from unknot.cli.score import app as score_app
from unknot.cli.serve import serve_command
from unknot.cli.session import session_command
from unknot.knowledge import KnowledgeError

# The exit codes every command keeps (README, "The command line").
EXIT_CODES = {
    0: "done (every intake answered, whatever the verdict)",
    1: "some input was refused (each refusal is said on stderr), or there was nothing to write",
    2: "a usage error: a wrong option or argument, an unreadable or oversized file, input that "
    "is not UTF-8 text, no input",
    3: "the knowledge base is broken (a data error in unknot itself)",
    70: "a bug in unknot (nothing you typed was lost; UNKNOT_DEBUG=1 shows the details)",
    130: "stopped with Ctrl-C",
}
EPILOG = "Exit codes: " + "; ".join(f"{code} {text}" for code, text in EXIT_CODES.items()) + "."


class UnknotGroup(TyperGroup):
    """The top-level command group: a reader that stops reading (``unknot ... | head``) ends
    the command quietly with exit code 0, as for any well-behaved filter."""

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            quiet_stdout()
            raise typer.Exit(0) from None


def unknot_version() -> str:
    try:
        return version("unknot")
    except PackageNotFoundError:  # pragma: no cover - run from a tree that was never installed
        return "unknown"


def _show_version(value: bool) -> None:
    if value:
        from unknot.planning.document import ANSWER_SCHEMA

        typer.echo(f"unknot {unknot_version()} (answers: {ANSWER_SCHEMA})")
        raise typer.Exit(0)


app = typer.Typer(
    name="unknot",
    cls=UnknotGroup,
    help="A safety-first self-care coach for low back pain from the psoas, iliacus and QL.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Print the version and exit.", callback=_show_version,
            is_eager=True,
        ),
    ] = False,
) -> None:  # fmt: skip
    """A safety-first self-care coach for low back pain from the psoas, iliacus and QL."""


app.add_typer(library_app, name="library")
app.add_typer(score_app, name="score")
app.command("assess")(assess_command)
app.command("plan")(plan_command)
app.command("session")(session_command)
app.command("serve")(serve_command)
app.command("export")(export_command)
app.command("backup")(backup_command)
app.command("restore")(restore_command)


def main() -> None:
    """Entry point for the console script and ``python -m unknot``."""
    try:
        app()
    except KnowledgeError as exc:
        print(f"unknot: the knowledge base is broken: {exc}", file=sys.stderr)
        sys.exit(3)
    except BrokenPipeError:  # the pipe closed outside a command (while printing help)
        quiet_stdout()
        sys.exit(0)
    except Exception as exc:  # a bug: say so plainly; UNKNOT_DEBUG=1 shows the traceback
        if os.environ.get("UNKNOT_DEBUG"):
            raise
        print(
            f"unknot: something went wrong inside unknot ({type(exc).__name__}: "
            f"{str(exc)[:200]}). Nothing you typed was lost; run again with UNKNOT_DEBUG=1 to "
            "see the details.",
            file=sys.stderr,
        )
        sys.exit(70)
