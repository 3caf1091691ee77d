"""``unknot assess``: one intake in, a readable summary (or the JSON answer) out.

Input is a file or standard input holding one JSON intake, or JSON Lines (one intake per line),
which gives JSON Lines out, one answer per line in the same order. A line that is not a valid
intake gives ``{"line": N, "error": [...]}`` in its place, its message on stderr, and exit 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from unknot.clinical import IntakeError, parse_intake
from unknot.knowledge import load_knowledge
from unknot.planning import Answer, answer, answer_json

console = Console()
err = Console(stderr=True, highlight=False)

# How loudly the terminal shows each tone of the verdict table (tiers.yaml); the words are the
# knowledge base's.
TONE_STYLE = {"calm": "green", "caution": "yellow", "danger": "red", "alarm": "bold red"}

# Shows one answer to a person; `unknot plan` adds the routine to the summary.
RenderFn = Callable[[dict[str, Any]], None]


def read_documents(text: str) -> Iterator[tuple[int, Any]]:
    """Yield (line number, decoded JSON) for one JSON document or JSON Lines.

    A single document may span lines; if the whole text does not parse but its first line does,
    each non-blank line is read as its own document (JSON Lines); otherwise the text is one
    broken document and the error says where. Undecodable input yields a ``ValueError``.
    """
    try:
        yield 1, json.loads(text)
        return
    except json.JSONDecodeError as whole:
        lines = text.splitlines()
        first = next((line for line in lines if line.strip()), "")
        if not first:
            return
        try:
            json.loads(first)
        except json.JSONDecodeError:
            # not JSON Lines either: one document with a mistake; point at the mistake
            yield (
                1,
                ValueError(
                    f"not valid JSON ({whole.msg} at line {whole.lineno}, column {whole.colno})"
                ),
            )
            return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})")


def _read_input(path: Path | None, command: str = "assess") -> str:
    if path is None or str(path) == "-":
        if sys.stdin.isatty():
            err.print("Reading an intake from standard input (end with Ctrl-D)...")
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        err.print(f"unknot {command}: cannot read {path}: {exc.strerror}")
        raise typer.Exit(2) from None


def read_one_intake(path: Path | None, command: str) -> Answer:
    """Read exactly one intake for commands that act on one person (plan --ics, session)."""
    kb = load_knowledge()
    documents = list(read_documents(_read_input(path, command)))
    if len(documents) != 1:
        err.print(f"unknot {command}: give exactly one intake (got {len(documents)})")
        raise typer.Exit(2)
    data = documents[0][1]
    try:
        if isinstance(data, ValueError):
            raise IntakeError([str(data)])
        return answer(parse_intake(data, kb, today=date.today()), kb)
    except IntakeError as exc:
        for message in exc.messages:
            err.print(f"unknot {command}: {message}", markup=False)
        raise typer.Exit(1) from None


def run_assess(path: Path | None, as_json: bool, render: RenderFn) -> None:
    """The shared body of ``unknot assess`` and ``unknot plan``: many intakes, one answer each."""
    kb = load_knowledge()
    documents = list(read_documents(_read_input(path)))
    if not documents:
        err.print("unknot assess: no intake given (expected JSON or JSON Lines)")
        raise typer.Exit(2)
    many = len(documents) > 1
    failed = 0
    out = sys.stdout
    for number, data in documents:
        try:
            if isinstance(data, ValueError):
                raise IntakeError([str(data)])
            result = answer(parse_intake(data, kb, today=date.today()), kb)
        except IntakeError as exc:
            failed += 1
            where = f"line {number}: " if many else ""
            for message in exc.messages:
                err.print(f"unknot assess: {where}{message}", markup=False)
            if many and as_json:
                out.write(json.dumps({"line": number, "error": list(exc.messages)}) + "\n")
            continue
        if as_json:
            out.write(json.dumps(answer_json(result, kb), ensure_ascii=False) + "\n")
        else:
            render(answer_json(result, kb))
    if failed:
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
            why = " ".join(e["text"] for e in m["because"][:3])
            if m["does_not_fit"]:
                why += f" [dim](does not fit: {len(m['does_not_fit'])} answer(s))[/]"
            sides = f" ({' and '.join(m['sides'])})" if m["sides"] else ""
            table.add_row(f"{m['name']}{sides}", f"{m['score']:.2f}", why)
        console.print(table)
    elif screening["verdict"] in ("self_care", "see_clinician"):
        console.print("Your answers do not point clearly to one of the muscles unknot knows.")
    if screening["excluded"]:
        console.print("[bold]Left out for your safety[/]")
        for item in screening["excluded"]:
            console.print(f"  - {item['name']}: {item['reasons'][0]}", markup=False)
    if not show_plan and screening["verdict"] == "self_care":
        console.print("[dim]Next: `unknot plan` builds a routine for your props and minutes.[/]")
