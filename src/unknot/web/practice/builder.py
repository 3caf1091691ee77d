"""The program builder's form: rows of techniques read from a POST, and what the page shows.

The POST carries ``t`` once per technique in the program (in its order), and for each technique
id ``T``: ``order-T`` (its position), ``sides-T``, ``dose-T-<figure>``, ``note-T`` and
``remove-T``; ``add`` names a technique to add and ``note`` is the note for the whole program.
Reading it only checks shape; whether a technique or a dose may be given is the core's
(``planning.program.check_program``), which the service asks before saving.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from unknot.clinical import Assessment, Intake
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.technique import Technique
from unknot.planning.program import (
    NOTE_LENGTH,
    ProgramEntry,
    Range,
    check_entry,
    dose_ranges,
    side_choices,
)

MAX_ENTRIES = 30
FIGURE_LABELS = {"hold_seconds": "Hold (seconds)", "reps": "Repetitions", "breaths": "Breaths",
                 "minutes": "Minutes", "sets": "Sets"}  # fmt: skip
PROGRAM_NOTE_LENGTH = 2000


def sides_value(sides: tuple[str, ...]) -> str:
    return ",".join(sides)


@dataclass(frozen=True)
class RowView:
    entry: ProgramEntry
    tech: Technique
    position: int
    ranges: tuple[tuple[Range, float], ...]  # each changeable figure with its value now
    sides: tuple[tuple[str, str, bool], ...]  # value, label, chosen


def _side_label(sides: tuple[str, ...]) -> str:
    if len(sides) == 2:
        return f"both, {sides[0]} first"
    return f"{sides[0]} only"


def rows(entries: list[ProgramEntry], kb: KnowledgeBase) -> list[RowView]:
    """What the builder shows for each entry (one whose technique is gone is left out)."""
    shown = []
    for n, entry in enumerate(entries, 1):
        tech = kb.techniques.get(entry.technique)
        if tech is None:
            continue
        ranges = tuple(
            (r, float(entry.dose.get(r.figure, r.written))) for r in dose_ranges(tech, kb)
        )
        sides = tuple(
            (sides_value(c), _side_label(c), c == entry.sides) for c in side_choices(tech) if c
        )
        shown.append(RowView(entry, tech, n, ranges, sides))
    return shown


def _number(raw: str) -> float | None:
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _position(raw: str | None, default: int) -> int:
    text = (raw or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 4 else default


def read_post(post: QueryDict, kb: KnowledgeBase) -> tuple[list[ProgramEntry], str, list[str]]:
    """The entries and the program note a builder POST holds, and what could not be read."""
    problems: list[str] = []
    found: list[tuple[int, int, ProgramEntry]] = []
    ids = list(dict.fromkeys(post.getlist("t")))[:MAX_ENTRIES]
    for n, tech_id in enumerate(ids):
        tech = kb.techniques.get(tech_id)
        if tech is None:
            problems.append("A technique in the program is not in the library any more.")
            continue
        if post.get(f"remove-{tech_id}"):
            continue
        raw_sides = post.get(f"sides-{tech_id}", "")
        sides = tuple(s for s in raw_sides.split(",") if s)
        dose: dict[str, float] = {}
        for r in dose_ranges(tech, kb):
            raw = (post.get(f"dose-{tech_id}-{r.figure}") or "").strip()
            if not raw:
                continue
            value = _number(raw)
            if value is None:
                problems.append(f"{tech.name}: {r.figure.replace('_', ' ')} must be a number")
            elif value != r.written:
                dose[r.figure] = value
        note = (post.get(f"note-{tech_id}") or "").strip()
        entry = ProgramEntry(tech_id, sides, dose, note[: NOTE_LENGTH + 1])
        found.append((_position(post.get(f"order-{tech_id}"), n + 1), n, entry))
    found.sort(key=lambda f: (f[0], f[1]))
    entries = [e for _, _, e in found]
    added = post.get("add", "")
    if added and added not in {e.technique for e in entries}:
        tech = kb.techniques.get(added)
        if tech is None:
            problems.append("Choose a technique from the list to add.")
        else:
            entries.append(ProgramEntry(added, next(iter(side_choices(tech)))))
    note = (post.get("note") or "").strip()
    if len(note) > PROGRAM_NOTE_LENGTH:
        problems.append(f"The program note is at most {PROGRAM_NOTE_LENGTH} characters.")
    return entries, note[:PROGRAM_NOTE_LENGTH], problems


@dataclass(frozen=True)
class Choice:
    tech: Technique
    refused: str  # why it cannot be added for this client; "" when it can


def choices(entries: list[ProgramEntry], intake: Intake, assessment: Assessment,
            kb: KnowledgeBase) -> list[Choice]:  # fmt: skip
    """Every technique not in the program, each with why it may not be added (or "")."""
    present = {e.technique for e in entries}
    listed = []
    for tech in kb.techniques.values():
        if tech.id in present:
            continue
        problems = check_entry(ProgramEntry(tech.id, next(iter(side_choices(tech)))), intake,
                               assessment, kb)  # fmt: skip
        listed.append(Choice(tech, problems[0] if problems else ""))
    return listed


def template_rows(shown: list[RowView]) -> list[dict[str, Any]]:
    return [
        {
            "row": r,
            "dose": [
                {"range": rng, "value": f"{v:g}", "label": FIGURE_LABELS[rng.figure]}
                for rng, v in r.ranges
            ],
        }
        for r in shown
    ]
