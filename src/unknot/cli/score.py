"""``unknot score``: score an outcome measure in a terminal, or as JSON for scripts.

Each command parses what was typed, calls one function of ``unknot.clinical.outcomes`` and
prints the result. Bad input prints one line on stderr and exits with code 2, never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from unknot.cli.output import Output
from unknot.cli.reading import shown
from unknot.clinical.change import Change, compare
from unknot.clinical.outcomes import (
    OutcomeInputError,
    Score,
    measure,
    score_nprs,
    score_odi,
    score_psfs,
    score_rmdq,
    score_startback,
)
from unknot.knowledge.measures import load_measures

app = typer.Typer(
    help="Score an outcome measure (pain, Roland-Morris, Oswestry, STarT Back, PSFS).",
    no_args_is_help=True,
)
console = Output()
err = Output(stderr=True, soft_wrap=True)  # one line per message, never folded

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
BeforeOpt = Annotated[
    float | None,
    typer.Option("--before", help="Your earlier score on this measure, to see what changed."),
]
YES = {"y", "yes", "1", "agree", "a", "true"}
NO = {"n", "no", "0", "disagree", "d", "false"}


@contextmanager
def _refusing_bad_input() -> Iterator[None]:
    """Turn an OutcomeInputError into one line on stderr and exit code 2."""
    try:
        yield
    except OutcomeInputError as exc:
        err.print(f"unknot score: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None


def _whole(token: str) -> bool:
    """Plain digits 0-9 only: ``isdigit`` alone also takes "²" and other digits int() refuses."""
    return token.isascii() and token.isdigit()


def _yes_no(token: str, what: str) -> bool:
    word = token.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise OutcomeInputError(f"{what} '{shown(token)}' must be y or n (yes or no)")


def _report(score: Score, before: float | None, as_json: bool) -> None:
    """Print a score, and its change from ``before`` when one is given."""
    change = compare(score.measure, before, score) if before is not None else None
    m = measure(score.measure)
    notice = None if m.prompts else m.licence.notice  # a third party's measure keeps its notice
    if as_json:
        data: dict[str, Any] = {
            "score": score.model_dump(mode="json"),
            "change": change.model_dump(mode="json") if change else None,
            "notice": notice,
        }
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    parts: list[Text] = [Text(score.interpretation)]
    if change is not None:
        parts.append(_change_text(change))
    if notice:
        parts.append(Text(notice, style="dim"))
    console.print(Panel(Group(*parts), title=m.name, title_align="left"))


def _change_text(change: Change) -> Text:
    style = {"better": "green", "worse": "red"}.get(change.direction.value, "")
    text = Text(change.sentence, style=f"bold {style}".strip())
    if change.advice:
        text.append(f" {change.advice}", style=style)
    return text


@app.command(context_settings={"ignore_unknown_options": True})  # -1 is a value, not an option
def nprs(
    value: Annotated[int, typer.Argument(metavar="VALUE", help="Pain from 0 (none) to 10.")],
    before: BeforeOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Pain rating, 0 to 10 (NPRS). Example: unknot score nprs 6 --before 8"""
    with _refusing_bad_input():
        _report(score_nprs(value), before, as_json)


@app.command()
def rmdq(
    answers: Annotated[
        str | None, typer.Argument(help="24 answers as y/n, e.g. yynnnynn... (spaces ignored).")
    ] = None,
    count: Annotated[int | None, typer.Option("--count", help="The total (0-24) instead.")] = None,
    before: BeforeOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Roland-Morris: your yes/no answers to the 24 statements, or --count N."""
    with _refusing_bad_input():
        if answers is not None and count is not None:
            raise OutcomeInputError("RMDQ: give the answers or --count, not both")
        if answers is None:
            result = score_rmdq(count if count is not None else [])
        else:
            letters = [c for c in answers if c not in " ,"]
            result = score_rmdq([_yes_no(c, f"RMDQ answer {i}") for i, c in enumerate(letters, 1)])
        _report(result, before, as_json)


@app.command(context_settings={"ignore_unknown_options": True})  # "-,1,2,..." is not an option
def odi(
    sections: Annotated[
        str, typer.Argument(help="10 section scores 0-5, comma-separated, - for a skipped one.")
    ],
    before: BeforeOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Oswestry: section scores from your own copy. Example: unknot score odi 2,1,3,-,2,1,2,2,1,2"""
    with _refusing_bad_input():
        m = measure("odi")
        scores: list[int | None] = []
        for number, token in enumerate(sections.split(","), 1):
            token = token.strip()
            if token in {"", "-"}:
                scores.append(None)
            elif _whole(token):
                scores.append(int(token))
            else:
                raise OutcomeInputError(
                    f"{m.abbreviation} section {number} '{shown(token)}' must be a whole number "
                    f"{m.item_min}-{m.item_max}, or - if skipped"
                )
        _report(score_odi(scores), before, as_json)


@app.command()
def startback(
    answers: Annotated[str, typer.Argument(help="9 answers: 8 y/n (or 1/0), then e.g. very_much.")],
    as_json: JsonOpt = False,
) -> None:
    """STarT Back: e.g. unknot score startback 1,0,1,1,0,1,0,0,very_much"""
    with _refusing_bad_input():
        tokens = [t.strip() for t in answers.split(",")]
        items: list[bool | str] = [
            _yes_no(t, f"STarT Back item {i}") for i, t in enumerate(tokens[:-1], 1)
        ]
        _report(score_startback([*items, tokens[-1]]), None, as_json)


@app.command()
def psfs(
    activities: Annotated[
        list[str], typer.Argument(metavar="ACTIVITY=RATING...", help="e.g. walking=4 sitting=6")
    ],
    before: BeforeOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """PSFS: up to 5 activities you find hard, each rated 0 (cannot) to 10 (as before)."""
    with _refusing_bad_input():
        pairs: list[tuple[str, int]] = []
        for pair in activities:
            name, _, rating = pair.rpartition("=")
            if not name.strip() or not _whole(rating.strip()):
                raise OutcomeInputError(
                    f"PSFS '{shown(pair)}' must be an activity and a whole-number rating, "
                    "e.g. walking=4"
                )
            pairs.append((name, int(rating)))
        _report(score_psfs(pairs), before, as_json)


@app.command("compare")
def compare_command(
    measure_id: Annotated[str, typer.Argument(metavar="MEASURE", help="nprs, rmdq, odi or psfs")],
    before: Annotated[float, typer.Argument(help="The earlier score.")],
    after: Annotated[float, typer.Argument(help="The later score.")],
    as_json: JsonOpt = False,
) -> None:
    """Compare two scores of one measure. Example: unknot score compare rmdq 12 6"""
    with _refusing_bad_input():
        change = compare(measure_id, before, after)
    if as_json:
        typer.echo(json.dumps({"change": change.model_dump(mode="json")}, indent=2))
        return
    console.print(_change_text(change))


@app.command()
def measures(as_json: JsonOpt = False) -> None:
    """Every measure, its range and its licence notice; --json gives every field."""
    items = list(load_measures().values())
    if as_json:
        data = [m.model_dump(mode="json", exclude_none=True) for m in items]
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"Outcome measures ({len(items)})")
    for column in ("id", "name", "range", "licence"):
        table.add_column(column, overflow="fold")
    for m in items:
        table.add_row(*(Text(c) for c in (m.id, m.name, f"{m.min:g}-{m.max:g}", m.licence.notice)))
    console.print(table)
