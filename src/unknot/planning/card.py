"""What a plan card says about one item, the same on the results page, the handout and the CLI:
the props in words (with what each stands in for), the one safety line, and the key steps."""

from __future__ import annotations

from dataclasses import dataclass

from unknot.knowledge import KnowledgeBase
from unknot.knowledge.technique import Technique
from unknot.planning.routine import PlanItem


@dataclass(frozen=True, slots=True)
class Card:
    technique: Technique
    props: tuple[str, ...]  # "books (in place of the yoga block)"
    stand_ins: tuple[str, ...]  # what each stand-in changes, from props.yaml
    safety: str | None
    key_steps: tuple[str, ...]
    sides: str
    minutes: str


def safety_line(tech: Technique, kb: KnowledgeBase) -> str | None:
    """The one line to keep in mind: the pulse cue for belly work (every player says it at
    every belly step), otherwise the technique's first caution, if it has one."""
    if tech.abdominal_pressure:
        return kb.planning.safety_cues.pulse
    return tech.cautions[0] if tech.cautions else None


def key_steps(tech: Technique) -> tuple[str, ...]:
    return tuple(tech.steps[n - 1] for n in tech.key_steps)


def sides_words(item: PlanItem) -> str:
    if not item.technique.one_sided:
        return "both sides together"
    return "each side: " + ", then ".join(item.sides)


def minutes_words(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} s"
    return f"{round(seconds / 60)} min"


def card(item: PlanItem, kb: KnowledgeBase) -> Card:
    props = tuple(
        f"{kb.props[u.prop].name} (in place of the {kb.props[u.instead_of].name})"
        if u.instead_of
        else kb.props[u.prop].name
        for u in item.props
    )
    notes = tuple(u.note for u in item.props if u.note)
    tech = item.technique
    return Card(
        tech,
        props,
        notes,
        safety_line(tech, kb),
        key_steps(tech),
        sides_words(item),
        minutes_words(item.seconds),
    )
