"""``unknot plan``: the routine for one intake, readable, as JSON, as a calendar file, or as the
one-page handout (PDF)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from unknot.cli.assess import err, read_one_intake, render_summary, run_assess
from unknot.knowledge import load_knowledge
from unknot.planning.schedule import schedule_ics

console = Console()

PHASE_TITLES = {
    "breathe": "Breathe",
    "release": "1. Release",
    "stretch": "2. Stretch",
    "strengthen": "3. Strengthen",
}


def render_plan(data: dict[str, Any]) -> None:
    """The safety summary, then the routine phase by phase, what was left out, and how often."""
    render_summary(data, show_plan=True)
    plan = data["plan"]
    if plan is None:
        return
    fits = "fits your" if plan["fits"] else "about"
    console.print(
        f"\n[bold]Your routine {fits} {plan['budget_minutes']} minutes[/] "
        f"({plan['minutes']:g} minutes with every step and side switch)"
    )
    for phase in plan["phases"]:
        if not phase["items"]:
            continue
        table = Table(title=PHASE_TITLES[phase["phase"]], title_justify="left")
        table.add_column("what", overflow="fold", min_width=18)
        table.add_column("time", justify="right", no_wrap=True)
        table.add_column("how and why", overflow="fold")
        for item in phase["items"]:
            sides = "sides: " + " then ".join(item["sides"]) if item["sides"] != ["both"] else ""
            lines = [item["dose"], f"[dim]{item['reason']}[/]"]
            lines += [f"[yellow]! {c}[/]" for c in item["cautions"][:2]]
            name = f"{item['name']}\n[dim]{sides}[/]"
            table.add_row(name, f"{item['seconds'] / 60:.1f} min", "\n".join(lines))
        console.print(table)
    if plan["left_out"]:
        console.print("[bold]Not in your routine, and why[/]")
        for lo in plan["left_out"][:8]:
            console.print(f"  - {lo['name']}: {lo['reason']}", markup=False)
    console.print("[bold]How often[/]")
    for note in plan["schedule"]["notes"]:
        console.print(f"  - {note}", markup=False)
    console.print("[dim]Start a guided session: unknot session FILE[/]")


def plan_command(
    path: Annotated[
        Path | None, typer.Argument(help="Intake JSON or JSON Lines file; '-' or none: stdin.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON answer.")] = False,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="Write the weekly schedule as an .ics file.")
    ] = None,
    at: Annotated[str, typer.Option(help="Time of day for the calendar, HH:MM.")] = "08:00",
    pdf: Annotated[
        Path | None, typer.Option("--pdf", help="Write the one-page handout as a PDF file.")
    ] = None,
    session_url: Annotated[
        str, typer.Option(help="The address the handout's QR code opens.")
    ] = "http://127.0.0.1:8000/results/session/",
) -> None:
    """Build a routine that fits your props and minutes, with reasons for every choice."""
    if pdf is not None:
        write_handout(path, pdf, session_url)
        return
    if ics is None:
        run_assess(path, as_json, render_plan)
        return
    try:
        when = time.fromisoformat(at.strip().zfill(5))  # 7:30 -> 07:30
    except ValueError:
        err.print(f"unknot plan: --at must be a time like 07:30 (got {at!r})")
        raise typer.Exit(2) from None
    result = read_one_intake(path, "plan")
    if result.routine is None or result.schedule is None:
        headline = load_knowledge().tiers.of(result.assessment.screening.verdict).headline
        err.print(f"unknot plan: no routine to schedule. {headline}.", markup=False)
        raise typer.Exit(1)
    stamp = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    start = date.today() + timedelta(days=1)
    text = schedule_ics(result.schedule, result.routine, start, when, stamp)
    try:
        ics.write_text(text, encoding="utf-8")
    except OSError as exc:
        err.print(f"unknot plan: cannot write {ics}: {exc.strerror}")
        raise typer.Exit(2) from None
    console.print(f"Wrote {ics}: {result.schedule.sessions_per_week} sessions a week at {at}.")


def write_handout(path: Path | None, out: Path, session_url: str) -> None:
    """The plan's handout as a PDF; a verdict without a plan writes nothing and says why."""
    from unknot.handout import handout_pdf  # WeasyPrint takes a moment to load

    result = read_one_intake(path, "plan")
    kb = load_knowledge()
    if result.routine is None or not result.routine.items:
        headline = kb.tiers.of(result.assessment.screening.verdict).headline
        err.print(f"unknot plan: no routine to print. {headline}.", markup=False)
        raise typer.Exit(1)
    try:
        out.write_bytes(handout_pdf(result, kb, session_url=session_url))
    except OSError as exc:
        err.print(f"unknot plan: cannot write {out}: {exc.strerror}")
        raise typer.Exit(2) from None
    console.print(f"Wrote {out}: the handout of {len(result.routine.items)} techniques.")
