"""The whole answer as one typed document, with its schema version.

``AnswerDocument`` is what ``unknot assess --json`` prints, what ``POST /api/v1/assess`` returns
and what ``docs/schema/answer.schema.json`` describes: one model for every face. It is built
from the core's frozen ``Answer`` (``AnswerDocument.of``) and holds no rule of its own.

The version (``ANSWER_SCHEMA``) changes when a field is removed, renamed or changes meaning;
adding a field does not change it. ``unknot-answer/2`` is the first version with a number: the
answer of the v1 intake contract, with every field it had grown since named and typed.
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import ConfigDict, Field

from unknot.clinical import Assessment
from unknot.clinical.document import Document, MuscleDocument, ScreeningDocument
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.exclusion import pressing_need
from unknot.knowledge.models import Hardness, Movement, Phase, Position, Site
from unknot.planning.planner import PHASE_ORDER
from unknot.planning.routine import PlanItem, Routine
from unknot.planning.schedule import Schedule

ANSWER_SCHEMA: Final = "unknot-answer/2"


def pressing_firmness(item: PlanItem, kb: KnowledgeBase) -> Hardness:
    """How firm the thing that presses is, with the props this item really uses."""
    need = pressing_need(item.technique)
    if need is not None:
        for use in item.props:
            if use.prop in need.any_of or use.instead_of in need.any_of:
                return kb.props[use.prop].firmness
    return item.technique.tool_hardness


class SubstitutionDocument(Document):
    """A prop the person owns standing in for the one the technique asks for."""

    prop: str
    instead_of: str
    note: str | None


class PlanItemDocument(Document):
    """One technique of the routine, with everything a system needs to check it is safe."""

    technique: str
    name: str
    family: str
    targets: list[str] = Field(description="Muscle ids.")
    sides: list[str] = Field(description="left and right for a one-sided technique, else both.")
    seconds: int = Field(description="Setting up, both sides and the switch between them.")
    props: list[str] = Field(description="Prop ids the person owns that this item uses.")
    substitutions: list[SubstitutionDocument]
    position: Position
    flat_on_back: bool
    floor: bool = Field(description="Needs getting down to the floor.")
    abdominal_pressure: bool = Field(description="Presses on the belly or inside the hip bone.")
    pressure_on: list[Site]
    pressing_firmness: Hardness = Field(description="Of the prop that really presses here.")
    end_range: list[Movement]
    dose: str
    reason: str = Field(description="Why this technique is in the routine.")
    cautions: list[str]

    @classmethod
    def of(cls, item: PlanItem, kb: KnowledgeBase) -> PlanItemDocument:
        tech = item.technique
        return cls(
            technique=tech.id,
            name=tech.name,
            family=tech.family,
            targets=list(tech.targets),
            sides=list(item.sides),
            seconds=item.seconds,
            props=[p.prop for p in item.props],
            substitutions=[
                SubstitutionDocument(prop=p.prop, instead_of=p.instead_of, note=p.note)
                for p in item.props
                if p.instead_of
            ],
            position=tech.position,
            flat_on_back=tech.flat_on_back,
            floor=tech.floor,
            abdominal_pressure=tech.abdominal_pressure,
            pressure_on=list(tech.pressure_on),
            pressing_firmness=pressing_firmness(item, kb),
            end_range=list(tech.end_range),
            dose=tech.dose.text,
            reason=item.reason,
            cautions=list(item.cautions),
        )


class PhaseDocument(Document):
    phase: Phase
    items: list[PlanItemDocument]


class LeftOutDocument(Document):
    """A technique the planner considered and did not use, and why."""

    technique: str
    name: str
    reason: str


class ScheduleDocument(Document):
    sessions_per_week: int
    sessions_per_day: int
    days: list[str] = Field(description="iCalendar weekday codes, Monday first: MO, TU, ...")
    notes: list[str]

    @classmethod
    def of(cls, schedule: Schedule) -> ScheduleDocument:
        return cls(
            sessions_per_week=schedule.sessions_per_week,
            sessions_per_day=schedule.sessions_per_day,
            days=list(schedule.days),
            notes=list(schedule.notes),
        )


class PlanDocument(Document):
    """The routine in session order, phase by phase.

    A breathing reset, when planned, is a phase of its own first; release, stretch and
    strengthen are always present, even when empty. ``minutes`` and ``seconds`` are the whole
    guided session (setting up, side switches and the closing step included); ``fits`` says it
    is within the minutes asked for, which the planner keeps.
    """

    minutes: float
    seconds: int
    budget_minutes: int
    fits: bool
    phases: list[PhaseDocument]
    left_out: list[LeftOutDocument]
    schedule: ScheduleDocument

    @classmethod
    def of(cls, routine: Routine, schedule: Schedule, kb: KnowledgeBase) -> PlanDocument:
        phases = []
        for phase in PHASE_ORDER:
            items = routine.phase_items(phase)
            if items or phase is not Phase.breathe:
                docs = [PlanItemDocument.of(i, kb) for i in items]
                phases.append(PhaseDocument(phase=phase, items=docs))
        return cls(
            minutes=round(routine.session_seconds / 60, 1),
            seconds=routine.session_seconds,
            budget_minutes=routine.budget_seconds // 60,
            fits=routine.session_seconds <= routine.budget_seconds,
            phases=phases,
            left_out=[
                LeftOutDocument(technique=lo.technique, name=lo.name, reason=lo.reason)
                for lo in routine.left_out
            ],
            schedule=ScheduleDocument.of(schedule),
        )


class AnswerDocument(Document):
    """The answer to one intake: the screening, the muscles, and the plan when self-care is
    reasonable (``plan`` is null at every other verdict)."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        json_schema_serialization_defaults_required=True,
        title="unknot answer",
        serialize_by_alias=True,
        validate_by_name=True,
        validate_by_alias=True,
    )

    schema_version: Literal["unknot-answer/2"] = Field(
        default=ANSWER_SCHEMA, alias="schema", description="This document's schema and version."
    )
    screening: ScreeningDocument
    muscles: list[MuscleDocument] = Field(description="Highest score first; may be empty.")
    plan: PlanDocument | None

    @classmethod
    def of(
        cls,
        assessment: Assessment,
        routine: Routine | None,
        schedule: Schedule | None,
        kb: KnowledgeBase,
    ) -> AnswerDocument:
        plan = None
        if routine is not None and schedule is not None:
            plan = PlanDocument.of(routine, schedule, kb)
        return cls(
            screening=ScreeningDocument.of(assessment.screening, kb),
            muscles=[MuscleDocument.of(m) for m in assessment.muscles],
            plan=plan,
        )
