"""The ``unknot`` command: one Typer app with a sub-app per area."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Annotated, Any

import typer
from typer import _click
from typer.core import TyperCommand, TyperGroup

from unknot.cli.output import quiet_stdout

# Each command: the module that holds it, the Typer app or function there, and the line that
# ``unknot --help`` shows. A command's module (and the core it needs) is imported only when that
# command runs, so help and a quick command start at once; a test keeps these lines equal to
# each command's own docstring.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "assess": ("unknot.cli.assess", "assess_command",
               "Screen an intake for red flags and rank the muscles most likely involved."),
    "plan": ("unknot.cli.plan", "plan_command",
             "Build a routine that fits your props and minutes, with reasons for every choice."),
    "session": ("unknot.cli.session", "session_command",
                "Be talked through your routine: big timers, cues, and pain before and after."),
    "serve": ("unknot.cli.serve", "serve_command", "Start the web app: SQLite in your data "
              "folder by default, PostgreSQL from DATABASE_URL."),
    "export": ("unknot.cli.export", "export_command",
               "Export one account's record from the database the web app uses."),
    "backup": ("unknot.cli.backup", "backup_command",
               "Copy every account and record into FILE, safely while the server runs."),
    "restore": ("unknot.cli.backup", "restore_command",
                "Replace every account and record with those in FILE (stop the server first)."),
    "library": ("unknot.cli.library", "app",
                "Browse the facts: muscles, techniques, props, sources and more."),
    "score": ("unknot.cli.score", "app", "Score an outcome measure (pain, Roland-Morris, "
              "Oswestry, STarT Back, PSFS)."),
}  # fmt: skip

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


def load_command(name: str) -> _click.Command:
    """The click command ``name`` (a key of ``COMMANDS``), its module imported now."""
    module_name, attr, _ = COMMANDS[name]
    target = getattr(importlib.import_module(module_name), attr)
    if isinstance(target, typer.Typer):
        command: _click.Command = typer.main.get_group(target)
    else:
        single = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
        single.command(name)(target)
        command = typer.main.get_command(single)
    command.name = name
    return command


class UnknotGroup(TyperGroup):
    """The top-level command group. Its commands are loaded when one runs (``COMMANDS``); the
    help lists them from their one-line summaries without importing them. A reader that stops
    reading (``unknot ... | head``) ends the command quietly with exit code 0, as for any
    well-behaved filter."""

    listing = False

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        if self.listing:
            return TyperCommand(cmd_name, short_help=COMMANDS[cmd_name][2])
        if cmd_name not in self.commands:
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands[cmd_name]

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        try:
            return self._click_resolve_command(ctx, args)
        except _click.exceptions.UsageError as error:
            import difflib  # only for a mistyped command: a tenth of the start-up otherwise

            matches = difflib.get_close_matches(args[0], list(COMMANDS)) if args else []
            if matches:
                said = ", ".join(f"{m!r}" for m in matches)
                error.message = f"{error.message.rstrip('.')}. Did you mean {said}?"
            raise

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        self.listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self.listing = False

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            quiet_stdout()
            raise typer.Exit(0) from None


def unknot_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

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


def main() -> None:
    """Entry point for the console script and ``python -m unknot``."""
    try:
        app()
    except BrokenPipeError:  # the pipe closed outside a command (while printing help)
        quiet_stdout()
        sys.exit(0)
    except Exception as exc:  # a bug: say so plainly; UNKNOT_DEBUG=1 shows the traceback
        from unknot.knowledge import KnowledgeError  # loaded already if it was raised

        if isinstance(exc, KnowledgeError):
            print(f"unknot: the knowledge base is broken: {exc}", file=sys.stderr)
            sys.exit(3)
        if os.environ.get("UNKNOT_DEBUG"):
            raise
        print(
            f"unknot: something went wrong inside unknot ({type(exc).__name__}: "
            f"{str(exc)[:200]}). Nothing you typed was lost; run again with UNKNOT_DEBUG=1 to "
            "see the details.",
            file=sys.stderr,
        )
        sys.exit(70)
