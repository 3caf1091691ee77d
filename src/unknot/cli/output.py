"""Where the commands write: Rich consoles that end quietly when the reader goes away.

A command piped into ``head`` or ``grep -q`` finds its reader gone part way; like any
well-behaved filter it then stops at once with exit code 0, never a traceback (Rich's own
consoles would exit with 1).
"""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (tests): nothing left to flush
        pass


class Output(Console):
    """A Rich console whose reader may close the pipe: the command ends with exit code 0."""

    def on_broken_pipe(self) -> None:
        quiet_stdout()
        raise typer.Exit(0)
