"""``unknot library``: browse the knowledge base in a terminal, or as JSON for scripts."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from unknot.cli.entry_view import prop_names, referral, render, stand_ins
from unknot.cli.output import Output
from unknot.cli.reading import shown
from unknot.knowledge import KnowledgeBase, load_knowledge
from unknot.knowledge.models import Muscle, Phase
from unknot.knowledge.technique import Technique

app = typer.Typer(help="Browse the facts: muscles, techniques, props, sources and more.")
console = Output()
err = Output(stderr=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _dump(model: BaseModel, kb: KnowledgeBase) -> dict[str, Any]:
    data = model.model_dump(mode="json", exclude_none=True)
    if isinstance(model, Technique):
        data["ruled_out_by_conditions"] = list(kb.conditions_ruling_out(model.id))
    return data


def _print_json(items: Iterable[BaseModel], kb: KnowledgeBase) -> None:
    typer.echo(json.dumps([_dump(item, kb) for item in items], indent=2, ensure_ascii=False))


def _known_target(target: str | None, kb: KnowledgeBase) -> None:
    """Refuse a ``--target`` that names no muscle, with the closest ids (exit code 2)."""
    if target is None or target in kb.muscles:
        return
    close = difflib.get_close_matches(target, list(kb.muscles), n=3)
    hint = f" Did you mean: {', '.join(close)}?" if close else " See: unknot library muscles"
    err.print(f"No muscle with id '{shown(target)}'.{hint}", markup=False, highlight=False)
    raise typer.Exit(2)


@app.command()
def techniques(
    as_json: JsonOpt = False,
    phase: Annotated[Phase | None, typer.Option(help="Only techniques of this phase.")] = None,
    target: Annotated[str | None, typer.Option(help="Only techniques for this muscle id.")] = None,
) -> None:
    """Every technique: phase, position, props and dose."""
    kb = load_knowledge()
    _known_target(target, kb)
    items = [
        t
        for t in kb.techniques.values()
        if (phase is None or t.phase is phase) and (target is None or target in t.targets)
    ]
    if as_json:
        _print_json(items, kb)
        return
    order = {"breathe": 0, "release": 1, "stretch": 2, "strengthen": 3}
    wide = console.width >= 140
    table = Table(title=f"Techniques ({len(items)})", expand=False)
    table.add_column("id", no_wrap=True, style="cyan")
    table.add_column("name", overflow="fold", min_width=16)
    roomy = console.width >= 100
    if roomy:
        table.add_column("position", overflow="fold", min_width=8)
    table.add_column("needs", no_wrap=True)
    if wide:
        table.add_column("props", overflow="fold")
        table.add_column("dose", overflow="fold")
    phase_seen = None
    for t in sorted(items, key=lambda t: (order[t.phase.value], t.id)):
        if t.phase != phase_seen:
            table.add_section()
            table.add_row(Text(t.phase.value.upper(), style="bold"))
            phase_seen = t.phase
        needs = ", ".join(
            word for word, flag in (("floor", t.floor), ("belly", t.abdominal_pressure)) if flag
        )
        row = [t.id, t.name, *([t.position.value.replace("_", " ")] if roomy else []), needs]
        if wide:
            row += [prop_names(t, kb), t.dose.text]
        table.add_row(*_plain(row))
    console.print(table)
    console.print("Details: unknot library show ID", style="dim")


def _plain(cells: Iterable[str]) -> list[Text]:
    """Table cells from data, as plain text: "[emergency]" is a label to show, never markup."""
    return [Text(cell) for cell in cells]


@app.command()
def muscles(as_json: JsonOpt = False) -> None:
    """Every muscle, with its Latin name and where it sends pain."""
    kb = load_knowledge()
    if as_json:
        _print_json(kb.muscles.values(), kb)
        return
    table = Table(title=f"Muscles ({len(kb.muscles)})")
    for column in ("id", "name", "latin", "sends pain to"):
        table.add_column(column, overflow="fold")
    for m in kb.muscles.values():
        table.add_row(*_plain([m.id, m.name, m.latin, referral(m, kb)]))
    console.print(table)


@app.command()
def props(as_json: JsonOpt = False) -> None:
    """Every prop, how firm it is, and what can stand in for it."""
    kb = load_knowledge()
    if as_json:
        _print_json(kb.props.values(), kb)
        return
    table = Table(title=f"Props ({len(kb.props)})")
    for column in ("id", "name", "firmness", "stand-ins"):
        table.add_column(column, overflow="fold")
    for p in kb.props.values():
        table.add_row(*_plain([p.id, p.name, p.firmness.value, stand_ins(p, kb)]))
    console.print(table)


@app.command()
def sources(as_json: JsonOpt = False) -> None:
    """Every source cited, with its full reference."""
    kb = load_knowledge()
    if as_json:
        _print_json(kb.sources.values(), kb)
        return
    table = Table(title=f"Sources ({len(kb.sources)})")
    for column in ("id", "kind", "reference"):
        table.add_column(column, overflow="fold")
    for s in kb.sources.values():
        table.add_row(*_plain([s.id, s.kind.value, s.citation]))
    console.print(table)


def _simple_list(title: str, rows: Iterable[tuple[str, str]]) -> None:
    table = Table(title=title)
    table.add_column("id", overflow="fold")
    table.add_column("", overflow="fold")
    for row in rows:
        table.add_row(*_plain(row))
    console.print(table)


@app.command()
def regions(as_json: JsonOpt = False) -> None:
    """Every body region of the pain map."""
    kb = load_knowledge()
    if as_json:
        _print_json(kb.regions.values(), kb)
        return
    rows = ((r.id, f"{r.name}: {r.description}") for r in kb.regions.values())
    _simple_list(f"Regions ({len(kb.regions)})", rows)


@app.command()
def findings(as_json: JsonOpt = False) -> None:
    """Every finding, with the question a person is asked."""
    kb = load_knowledge()
    if as_json:
        _print_json(kb.findings.values(), kb)
        return
    rows = ((f.id, f"[{f.kind.value}] {f.question}") for f in kb.findings.values())
    _simple_list(f"Findings ({len(kb.findings)})", rows)


@app.command()
def conditions(as_json: JsonOpt = False) -> None:
    """Every condition that matters for safety, and what it rules out."""
    kb = load_knowledge()
    if as_json:
        _print_json(kb.conditions.values(), kb)
        return
    rows = ((c.id, f"{c.question} {c.reason or ''}".strip()) for c in kb.conditions.values())
    _simple_list(f"Conditions ({len(kb.conditions)})", rows)


@app.command("red-flags")
def red_flags(as_json: JsonOpt = False) -> None:
    """The red-flag rules: what stops self-care, and where to go."""
    kb = load_knowledge()
    if as_json:
        _print_json(kb.red_flags.values(), kb)
        return
    rows = ((r.id, f"[{r.tier.value}] {r.title} -> {r.action}") for r in kb.red_flags.values())
    _simple_list(f"Red-flag rules ({len(kb.red_flags)})", rows)


@app.command()
def show(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="Any id: muscle, technique, ...")],
    as_json: JsonOpt = False,
    svg: Annotated[
        Path | None,
        typer.Option("--svg", metavar="PATH", help="Write the technique's or muscle's picture."),
    ] = None,
) -> None:
    """Everything about one entry."""
    kb = load_knowledge()
    kind = kb.kind_of(entry_id)
    if kind is None:
        every = [i for table in kb.tables().values() for i in table]
        close = difflib.get_close_matches(entry_id, every, n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        err.print(f"No entry with id '{shown(entry_id)}'.{hint}", markup=False, highlight=False)
        raise typer.Exit(2)
    entry = kb.tables()[kind][entry_id]
    if svg is not None:
        _write_picture(entry, svg)
        return
    if as_json:
        typer.echo(json.dumps(_dump(entry, kb), indent=2, ensure_ascii=False))
        return
    console.print(Panel(render(entry, kb), title=f"{kind}: {entry_id}", title_align="left"))


def _write_picture(entry: BaseModel, path: Path) -> None:
    from unknot.pictures import muscle_picture, technique_picture

    if isinstance(entry, Technique):
        picture = technique_picture(entry.id)
    elif isinstance(entry, Muscle):
        picture = muscle_picture(entry.id)
    else:
        err.print("Only techniques and muscles have pictures.", markup=False, highlight=False)
        raise typer.Exit(2)
    _write(path, picture)
    typer.echo(f"Wrote {path}")


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        err.print(f"unknot library: cannot write {path}: {exc.strerror}", markup=False)
        raise typer.Exit(2) from None


@app.command()
def sheet(
    out: Annotated[Path, typer.Option("--out", help="The HTML file to write.")] = Path(
        "sheet.html"
    ),
) -> None:
    """One HTML page with every technique picture (both sides) and every muscle picture."""
    from unknot.pictures import contact_sheet

    page, techniques, muscles = contact_sheet(load_knowledge())
    _write(out, page)
    typer.echo(f"Wrote {out} ({techniques} technique pictures, {muscles} muscles)")
