"""What the planner gives: a routine of plan items, what was left out and why, and how the
session's time adds up. A practitioner's program (``program.py``) gives the same shape, so every
face shows either the same way."""

from __future__ import annotations

from dataclasses import dataclass

from unknot.knowledge.models import Phase
from unknot.knowledge.technique import Technique
from unknot.planning.props import PropUse


@dataclass(frozen=True, slots=True)
class PlanItem:
    technique: Technique
    seconds: int
    sides: tuple[str, ...]
    props: tuple[PropUse, ...]
    reason: str
    relevance: float

    @property
    def cautions(self) -> tuple[str, ...]:
        notes = tuple(p.note for p in self.props if p.note)
        return (*notes, *self.technique.cautions)


@dataclass(frozen=True, slots=True)
class LeftOut:
    technique: str
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Routine:
    budget_seconds: int
    items: tuple[PlanItem, ...]  # in session order
    left_out: tuple[LeftOut, ...]
    sessions_per_day: int
    finish_seconds: int = 0  # the session's closing step (timeline.py)

    @property
    def seconds(self) -> int:
        """The techniques' time: setting up, both sides and the switches."""
        return sum(i.seconds for i in self.items)

    @property
    def session_seconds(self) -> int:
        """The whole guided session, closing step included: never more than the budget."""
        return self.seconds + self.finish_seconds

    def phase_items(self, phase: Phase) -> tuple[PlanItem, ...]:
        return tuple(i for i in self.items if i.technique.phase is phase)
