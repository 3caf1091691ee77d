"""``unknot assess``: one intake in, a readable summary (or the JSON answer) out.

Input is a file or standard input holding one JSON intake, or JSON Lines (one intake per line),
which gives JSON Lines out, one answer per line in the same order, each printed as soon as its
line has been read (``unknot.cli.reading``). A line that is not a valid intake gives
``{"line": N, "error": [...]}`` in its place, its message on stderr, and exit 1; the other lines
are answered all the same.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from unknot.cli.output import Output
from unknot.cli.reading import (
    MAX_INPUT_BYTES,
    BadDocument,
    InputError,
    Item,
    documents,
    megabytes,
)
from unknot.clinical import IntakeError, parse_intake
from unknot.knowledge import KnowledgeBase, load_knowledge
from unknot.planning import Answer, answer, answer_json

console = Output()
err = Output(stderr=True, highlight=False, soft_wrap=True)  # one line per message

# How loudly the terminal shows each tone of the verdict table (tiers.yaml); the words are the
# knowledge base's.
TONE_STYLE = {"calm": "green", "caution": "yellow", "danger": "red", "alarm": "bold red"}

# Shows one answer to a person; `unknot plan` adds the routine to the summary.
RenderFn = Callable[[dict[str, Any]], None]


def open_input(path: Path | None, command: str) -> IO[bytes]:
    """The bytes of ``path``, or of standard input for none or '-'. A file larger than
    ``MAX_INPUT_BYTES`` is refused before anything is read (exit code 2)."""
    if path is None or str(path) == "-":
        if sys.stdin.isatty():
            err.print("Reading an intake from standard input (end with Ctrl-D)...")
        return sys.stdin.buffer
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            err.print(
                f"unknot {command}: {path} is {megabytes(size)}; unknot reads at most "
                f"{megabytes(MAX_INPUT_BYTES)} of intakes at a time (split the file)",
                markup=False,
            )
            raise typer.Exit(2)
        return path.open("rb")
    except OSError as exc:
        err.print(f"unknot {command}: cannot read {path}: {exc.strerror}", markup=False)
        raise typer.Exit(2) from None


def _refused(item: Item, kb: KnowledgeBase) -> tuple[Answer | None, tuple[str, ...]]:
    """The answer to one document, or the messages that say why it cannot be answered."""
    if isinstance(item, BadDocument):
        return None, (item.message,)
    try:
        return answer(parse_intake(item.data, kb, today=date.today()), kb), ()
    except IntakeError as exc:
        return None, exc.messages


def read_one_intake(path: Path | None, command: str) -> Answer:
    """Read exactly one intake for commands that act on one person (plan --ics, session)."""
    kb = load_knowledge()
    stream = open_input(path, command)
    first: Item | None = None
    count = 0
    try:
        for item in documents(stream, kb.intake_limits.document_bytes):
            first = first or item
            count += 1
    except InputError as exc:
        err.print(f"unknot {command}: {exc}", markup=False)
        raise typer.Exit(2) from None
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if first is None or count != 1:
        err.print(f"unknot {command}: give exactly one intake (got {count})")
        raise typer.Exit(2)
    result, messages = _refused(first, kb)
    if result is None:
        for message in messages:
            err.print(f"unknot {command}: {message}", markup=False)
        raise typer.Exit(1)
    return result


class _Replies:
    """Says each answer or refusal as soon as it is known. The first document's refusal is held
    until a second document shows the input is JSON Lines: one document's refusal is said on
    stderr only, as for any single file; in JSON Lines it is also an error line on stdout."""

    def __init__(self, as_json: bool, render: RenderFn, kb: KnowledgeBase) -> None:
        self.as_json, self.render, self.kb = as_json, render, kb
        self.seen = 0
        self.failed = 0
        self.held: tuple[int, tuple[str, ...]] | None = None

    def add(self, item: Item) -> None:
        self.seen += 1
        if self.seen == 2:
            self.release(many=True)
        result, messages = _refused(item, self.kb)
        if result is None:
            self.failed += 1
            if self.seen == 1:
                self.held = (item.line, messages)
            else:
                self.refuse(item.line, messages, many=True)
            return
        document = answer_json(result, self.kb)
        if self.as_json:
            sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            self.render(document)

    def release(self, many: bool) -> None:
        if self.held is not None:
            self.refuse(*self.held, many=many)
            self.held = None

    def refuse(self, line: int, messages: tuple[str, ...], many: bool) -> None:
        where = f"line {line}: " if many else ""
        for message in messages:
            err.print(f"unknot assess: {where}{message}", markup=False)
        if many and self.as_json:
            sys.stdout.write(json.dumps({"line": line, "error": list(messages)}) + "\n")
            sys.stdout.flush()


def run_assess(path: Path | None, as_json: bool, render: RenderFn) -> None:
    """The shared body of ``unknot assess`` and ``unknot plan``: many intakes, one answer each,
    each said as soon as its document has been read."""
    kb = load_knowledge()
    stream = open_input(path, "assess")
    replies = _Replies(as_json, render, kb)
    try:
        for item in documents(stream, kb.intake_limits.document_bytes):
            replies.add(item)
    except InputError as exc:
        replies.release(many=replies.seen > 1)
        err.print(f"unknot assess: {exc}", markup=False)
        raise typer.Exit(2) from None
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    replies.release(many=False)
    if not replies.seen:
        err.print("unknot assess: no intake given (expected JSON or JSON Lines)")
        raise typer.Exit(2)
    if replies.failed:
        raise typer.Exit(1)


def assess_command(
    path: Annotated[
        Path | None, typer.Argument(help="Intake JSON or JSON Lines file; '-' or none: stdin.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON answer.")] = False,
) -> None:
    """Screen an intake for red flags and rank the muscles most likely involved."""
    run_assess(path, as_json, render_summary)


def render_summary(answer: dict[str, Any], show_plan: bool = False) -> None:
    screening = answer["screening"]
    tier = load_knowledge().tiers.of(screening["verdict"])
    lines = [f"[{TONE_STYLE[tier.tone]}]{escape(tier.headline)}[/]"]
    for reason in screening["reasons"]:
        lines.append(f"- {escape(reason['title'])} [bold]{escape(reason['action'])}[/]")
        if reason.get("note"):
            lines.append(f"  [italic]{escape(reason['note'])}[/]")
    console.print(Panel("\n".join(lines), title="Safety check", title_align="left"))
    for reading in screening.get("read", []):
        names = ", ".join(reading["read_as"])
        console.print(f'Read "{reading["text"]}" as: {names}', markup=False, highlight=False)
    for reading in screening.get("unclear", []):
        closest = ", ".join(reading["closest"]) or "none"
        console.print(
            f'Not understood: "{reading["text"]}" (closest: {closest})',
            markup=False,
            highlight=False,
        )
    if screening["cautions"]:
        console.print("[bold]Keep in mind[/]")
        for caution in screening["cautions"]:
            console.print(f"  - {caution['text']}", markup=False)
    muscles = answer["muscles"]
    if muscles:
        table = Table(title="Muscles your answers point to (not a diagnosis)", title_justify="left")
        table.add_column("muscle")
        table.add_column("fit", justify="right")
        table.add_column("why", overflow="fold")
        for m in muscles[:6]:
            why = Text(" ".join(e["text"] for e in m["because"][:3]))
            if m["does_not_fit"]:
                why.append(f" (does not fit: {len(m['does_not_fit'])} answer(s))", style="dim")
            sides = f" ({' and '.join(m['sides'])})" if m["sides"] else ""
            table.add_row(Text(f"{m['name']}{sides}"), f"{m['score']:.2f}", why)
        console.print(table)
    elif screening["verdict"] in ("self_care", "see_clinician"):
        console.print("Your answers do not point clearly to one of the muscles unknot knows.")
    if screening["excluded"]:
        console.print("[bold]Left out for your safety[/]")
        for item in screening["excluded"]:
            console.print(f"  - {item['name']}: {item['reasons'][0]}", markup=False)
    if not show_plan and screening["verdict"] == "self_care":
        console.print("[dim]Next: `unknot plan` builds a routine for your props and minutes.[/]")
