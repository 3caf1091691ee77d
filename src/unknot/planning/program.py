"""A practitioner's program: the planner's routine, adjusted by hand within the safety rules.

A program is a list of :class:`ProgramEntry` (technique, sides, dose figures, a note). It never
holds a clinical fact of its own: whether a technique may be used is asked of the planner
(``planner.blocked``, ``props.fit_props``) exactly as for a planned routine, and how far a dose
may move comes from ``planning.yaml`` (``program_doses``). ``program_routine`` turns a checked
program into a :class:`~unknot.planning.planner.Routine`, so the results page, the player, the
handout and the calendar show it the way they show a planned one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from unknot.clinical import Assessment, Intake
from unknot.clinical.intake import active_conditions
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import Phase
from unknot.knowledge.technique import Dose, Technique
from unknot.planning.doses import work_seconds
from unknot.planning.planner import PHASE_ORDER, blocked
from unknot.planning.props import fit_props
from unknot.planning.routine import PlanItem, Routine

# the figures of a dose a program may change (each only when the written dose has it)
DOSE_FIGURES = ("hold_seconds", "reps", "breaths", "minutes", "sets")
SIDE_CHOICES = (("left", "right"), ("right", "left"), ("left",), ("right",))
NOTE_LENGTH = 500


class ProgramError(ValueError):
    """A program that cannot be given; ``messages`` holds one plain sentence per problem."""

    def __init__(self, messages: Iterable[str]) -> None:
        self.messages: tuple[str, ...] = tuple(messages)
        super().__init__("; ".join(self.messages))


@dataclass(frozen=True)
class ProgramEntry:
    technique: str
    sides: tuple[str, ...] = ()  # () for a technique done on both sides at once
    dose: Mapping[str, float] = field(default_factory=dict)  # figures changed from the written
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"technique": self.technique, "sides": list(self.sides),
                "dose": dict(self.dose), "note": self.note}  # fmt: skip

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ProgramEntry:
        """An entry as stored (``as_json``); shape only: ``check_entry`` judges it."""
        dose = data.get("dose") or {}
        return cls(
            technique=str(data.get("technique", "")),
            sides=tuple(str(s) for s in data.get("sides") or ()),
            dose={str(k): v for k, v in dose.items()} if isinstance(dose, Mapping) else {},
            note=str(data.get("note", ""))[:NOTE_LENGTH],
        )


@dataclass(frozen=True)
class Range:
    figure: str
    written: float
    lowest: float
    highest: float


def dose_ranges(tech: Technique, kb: KnowledgeBase) -> tuple[Range, ...]:
    """The figures of ``tech``'s dose a program may change, each with its allowed range.

    Edge cases: a figure the written dose does not have cannot be set; whole-number figures
    (reps, breaths, seconds, sets) round their range inwards, so the range never leaves what
    ``program_doses`` allows; sets go from 1 to ``max_sets`` (or the written sets if more).
    """
    limits = kb.planning.program_doses
    found: list[Range] = []
    for figure in DOSE_FIGURES:
        written = getattr(tech.dose, figure)
        if written is None:
            continue
        if figure == "sets":
            found.append(Range(figure, written, 1, max(limits.max_sets, written)))
            continue
        low, high = written * limits.lowest, written * limits.highest
        if figure != "minutes":
            low, high = max(1, math.ceil(low)), max(1, math.floor(high))
        found.append(Range(figure, written, low, high))
    return tuple(found)


def side_choices(tech: Technique) -> tuple[tuple[str, ...], ...]:
    return SIDE_CHOICES if tech.one_sided else ((),)


def check_entry(entry: ProgramEntry, intake: Intake, assessment: Assessment,
                kb: KnowledgeBase) -> list[str]:  # fmt: skip
    """Why ``entry`` may not be in this person's program (empty when it may)."""
    tech = kb.techniques.get(entry.technique)
    if tech is None:
        return [f"{entry.technique!r} is not a technique in the library"]
    why = blocked(tech, intake, assessment, kb)
    if why is None:
        fit = fit_props(tech, frozenset(intake.props), active_conditions(intake, kb), kb)
        if not fit.ok:
            why = "; ".join((f"it {fit.missing}", *fit.unsuitable))
    if why is not None:
        return [f"{tech.name} cannot be added: {why.rstrip('.')}."]
    problems = []
    if entry.sides not in side_choices(tech):
        problems.append(f"{tech.name}: choose which sides (left, right or both in turn)")
    ranges = {r.figure: r for r in dose_ranges(tech, kb)}
    for figure, value in entry.dose.items():
        allowed = ranges.get(figure)
        number = _number(value)
        if allowed is None:
            problems.append(f"{tech.name}: its dose has no {figure.replace('_', ' ')}")
        elif number is None or not allowed.lowest <= number <= allowed.highest:
            problems.append(
                f"{tech.name}: {figure.replace('_', ' ')} must be between "
                f"{allowed.lowest:g} and {allowed.highest:g} (written: {allowed.written:g})"
            )
        elif figure != "minutes" and number != int(number):
            problems.append(f"{tech.name}: {figure.replace('_', ' ')} is a whole number")
    if len(entry.note) > NOTE_LENGTH:
        problems.append(f"{tech.name}: a note is at most {NOTE_LENGTH} characters")
    return problems


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def check_program(entries: Sequence[ProgramEntry], intake: Intake, assessment: Assessment,
                  kb: KnowledgeBase) -> None:  # fmt: skip
    """Raise :class:`ProgramError` unless every entry may be given, once each, to a person whose
    verdict allows self-care (a warning sign means no program at all)."""
    if not assessment.screening.self_care:
        raise ProgramError([kb.planning.program_doses.warning_sign])
    if not entries:
        raise ProgramError(["A program needs at least one technique."])
    problems: list[str] = []
    seen: set[str] = set()
    for entry in entries:
        if entry.technique in seen:
            problems.append(f"{entry.technique} is in the program twice")
        seen.add(entry.technique)
        problems += check_entry(entry, intake, assessment, kb)
    if not problems:
        problems += _release_within_the_daily_cap(entries, kb)
    if problems:
        raise ProgramError(problems)


def _item_seconds(tech: Technique, sides: Sequence[str], kb: KnowledgeBase) -> int:
    """A technique's time in the session, as the planner counts it: setup, the work on each
    side, and the switches between sides."""
    settings = kb.planning
    count = len(sides) if tech.one_sided and sides else 1
    work = work_seconds(tech.dose, settings)
    return settings.setup_seconds + work * count + settings.switch_side_seconds * (count - 1)


def _release_within_the_daily_cap(entries: Sequence[ProgramEntry], kb: KnowledgeBase) -> list[str]:
    """The planner's daily cap on release work (``max_release_seconds_per_day``) holds for a
    program too, counting a short routine done twice a day twice."""
    settings = kb.planning
    seconds = [
        (tech, _item_seconds(tech, entry.sides, kb))
        for entry in entries
        for tech in [_dosed(kb.techniques[entry.technique], entry.dose, "")]
    ]
    total = sum(s for _, s in seconds) + settings.finish_seconds
    per_day = 2 if total <= settings.twice_daily_up_to_minutes * 60 else 1
    release = sum(s for tech, s in seconds if tech.phase is Phase.release) * per_day
    if release <= settings.max_release_seconds_per_day:
        return []
    limit = settings.max_release_seconds_per_day
    words = settings.program_doses.release_cap
    return [words.format(minutes=f"{release / 60:.0f}", limit=f"{limit / 60:.0f}")]


def _dosed(tech: Technique, changes: Mapping[str, float], by: str) -> Technique:
    if not changes:
        return tech
    figures = {k: (v if k == "minutes" else int(v)) for k, v in changes.items()}
    said = ", ".join(f"{k.replace('_', ' ')} {v:g}" for k, v in figures.items())
    text = f"{by} set: {said}. (Written: {tech.dose.text})"
    dose: Dose = tech.dose.model_copy(update={**figures, "text": text})
    return tech.model_copy(update={"dose": dose})


def program_routine(entries: Sequence[ProgramEntry], intake: Intake, assessment: Assessment,
                    kb: KnowledgeBase, by: str) -> Routine:  # fmt: skip
    """The routine a checked program gives, in the order the practitioner chose. Raises
    :class:`ProgramError` as :func:`check_program` does. ``by`` names the practitioner."""
    check_program(entries, intake, assessment, kb)
    settings = kb.planning
    owned, conditions = frozenset(intake.props), active_conditions(intake, kb)
    items = []
    for entry in entries:
        tech = _dosed(kb.techniques[entry.technique], entry.dose, by)
        sides = entry.sides or ("both",)
        seconds = _item_seconds(tech, entry.sides, kb)
        reason = f"{by}'s note: {entry.note}" if entry.note else f"Chosen by {by}."
        fit = fit_props(tech, owned, conditions, kb)
        items.append(PlanItem(tech, seconds, sides, fit.uses, reason, 1.0))
    total = sum(i.seconds for i in items) + settings.finish_seconds
    per_day = 2 if total <= settings.twice_daily_up_to_minutes * 60 else 1
    return Routine(total, tuple(items), (), per_day, settings.finish_seconds)


def suggested_entries(routine: Routine | None) -> list[ProgramEntry]:
    """The planner's routine as a program to start from (doses as written)."""
    if routine is None:
        return []
    return [
        ProgramEntry(i.technique.id, i.sides if i.technique.one_sided else ())
        for i in routine.items
    ]


def phase_rank(tech: Technique) -> int:
    return PHASE_ORDER.index(tech.phase)
