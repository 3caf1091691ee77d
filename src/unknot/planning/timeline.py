"""A routine as a list of timed steps with cues: the single source for every session player.

Each technique becomes a ``prepare`` step (getting into position), one ``work`` step per side
with a ``switch`` step between them, and the session ends with a ``finish`` step. Cues come from
the technique's data; every step of a technique that presses on the belly carries the pulse cue
at its start, and every floor technique ends by telling the person to roll to their side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from unknot.knowledge import KnowledgeBase
from unknot.knowledge.technique import Technique
from unknot.planning.doses import work_seconds
from unknot.planning.routine import PlanItem, Routine

StepKind = Literal["prepare", "work", "switch", "finish"]


@dataclass(frozen=True, slots=True)
class Cue:
    at: int
    say: str


@dataclass(frozen=True, slots=True)
class Step:
    kind: StepKind
    title: str
    text: str
    seconds: int
    cues: tuple[Cue, ...]
    technique: str | None = None
    phase: str | None = None
    side: str | None = None
    breaths: int | None = None  # for a breathing pacer
    seconds_per_breath: int | None = None
    abdominal: bool = False
    safety: str | None = None  # a banner to keep on screen for the whole step
    reps: int | None = None  # what the spoken counts count: repetitions of this many


def _banner(tech: Technique, kb: KnowledgeBase) -> str | None:
    return kb.planning.safety_cues.pulse_short if tech.abdominal_pressure else None


def _side_label(side: str) -> str:
    return {"left": "left side", "right": "right side"}.get(side, "")


def _prepare(item: PlanItem, kb: KnowledgeBase) -> Step:
    tech = item.technique
    props = ", ".join(kb.props[p.prop].name for p in item.props)
    lines = [tech.summary, *tech.steps[:2]]
    if props:
        lines.insert(1, f"You need: {props}.")
    cues = [Cue(0, f"Next: {tech.name}. {tech.steps[0]}")]
    if tech.abdominal_pressure:
        cues.append(Cue(min(5, kb.planning.setup_seconds), kb.planning.safety_cues.empty_stomach))
    return Step(
        "prepare",
        f"Get ready: {tech.name}",
        " ".join(lines),
        kb.planning.setup_seconds,
        tuple(cues),
        tech.id,
        tech.phase.value,
        item.sides[0] if tech.one_sided else None,
        abdominal=tech.abdominal_pressure,
        safety=_banner(tech, kb),
    )


def _rep_counts(tech: Technique, seconds: int, kb: KnowledgeBase) -> list[Cue]:
    """A spoken count at the start of every rep after the first, with a rest call between sets."""
    dose = tech.dose
    if dose.reps is None or dose.minutes is not None or dose.reps < 2:
        return []
    per_rep = (dose.hold_seconds or 0) + (
        dose.seconds_per_rep or kb.planning.default_seconds_per_rep
    )
    counts: list[Cue] = []
    at = 0
    for set_no in range(dose.sets):
        if set_no > 0:
            counts.append(Cue(at, f"Rest. Set {set_no + 1} of {dose.sets} in a moment."))
            at += dose.rest_seconds
        for rep in range(dose.reps):
            if at < seconds and (rep > 0 or set_no > 0):
                counts.append(Cue(at, f"{rep + 1}" if rep else f"Set {set_no + 1}: begin."))
            at += per_rep
    return counts


def _work(tech: Technique, side: str | None, seconds: int, last: bool, kb: KnowledgeBase) -> Step:
    kept = [c for c in tech.cues if c.at < seconds]
    cues = [Cue(c.at, c.say) for c in kept]
    if tech.abdominal_pressure and not any(c.covers == "pulse" for c in kept[:3]):
        cues.insert(0, Cue(0, kb.planning.safety_cues.pulse))
    if side:
        cues.insert(0, Cue(0, f"{_side_label(side).capitalize()}."))
    counts = _rep_counts(tech, seconds, kb)
    cues.extend(counts)
    rolled = max((c.at for c in kept if c.covers == "roll_to_side"), default=-1)
    if last and tech.floor and rolled < max(c.at for c in cues):
        cues.append(Cue(max(0, seconds - 5), kb.planning.safety_cues.roll_to_side))
    dose = tech.dose
    title = tech.name + (f", {_side_label(side)}" if side else "")
    return Step(
        "work",
        title,
        "\n".join(tech.steps[2:] or tech.steps) + f"\n{dose.text}",
        seconds,
        tuple(sorted(cues, key=lambda c: c.at)),
        tech.id,
        tech.phase.value,
        side,
        dose.breaths,
        kb.planning.seconds_per_breath if dose.breaths else None,
        tech.abdominal_pressure,
        _banner(tech, kb),
        dose.reps if counts else None,
    )


def build_timeline(routine: Routine, kb: KnowledgeBase) -> tuple[Step, ...]:
    """The session, step by step. Its total time is ``routine.session_seconds``."""
    steps: list[Step] = []
    for item in routine.items:
        tech = item.technique
        steps.append(_prepare(item, kb))
        work = work_seconds(tech.dose, kb.planning)
        sides: tuple[str | None, ...] = item.sides if tech.one_sided else (None,)
        for n, side in enumerate(sides):
            if n > 0:
                roll = " Roll to your side first." if tech.floor else ""
                steps.append(
                    Step(
                        "switch",
                        "Switch sides",
                        f"Move to your {side} side.{roll}",
                        kb.planning.switch_side_seconds,
                        (Cue(0, f"Switch to your {side} side.{roll}"),),
                        tech.id,
                        tech.phase.value,
                        side,
                        abdominal=tech.abdominal_pressure,
                        safety=_banner(tech, kb),
                    )
                )
            steps.append(_work(tech, side, work, n == len(sides) - 1, kb))
    on_floor = any(i.technique.floor for i in routine.items)
    getting_up = kb.planning.safety_cues.roll_to_side if on_floor else None
    text = f"Well done. {getting_up + ' ' if getting_up else ''}How is your pain now, 0 to 10?"
    finish = kb.planning.finish_seconds
    steps.append(Step("finish", "Finished", text, finish, (Cue(0, text),), safety=getting_up))
    return tuple(steps)


def timeline_json(steps: tuple[Step, ...]) -> list[dict[str, Any]]:
    return [
        {
            "kind": s.kind,
            "title": s.title,
            "text": s.text,
            "seconds": s.seconds,
            "cues": [{"at": c.at, "say": c.say} for c in s.cues],
            "technique": s.technique,
            "phase": s.phase,
            "side": s.side,
            "breaths": s.breaths,
            "seconds_per_breath": s.seconds_per_breath,
            "abdominal": s.abdominal,
            "safety": s.safety,
            "reps": s.reps,
        }
        for s in steps
    ]
