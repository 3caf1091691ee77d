"""The whole INTAKE.md answer: screening, muscles and the plan, as one JSON-ready dict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from unknot.clinical import Assessment, Intake, assess
from unknot.clinical.assess import assessment_json
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.exclusion import pressing_need
from unknot.knowledge.models import Hardness
from unknot.planning.planner import PHASE_ORDER, PlanItem, Routine, plan_routine
from unknot.planning.schedule import Schedule, weekly_schedule


@dataclass(frozen=True, slots=True)
class Answer:
    assessment: Assessment
    routine: Routine | None
    schedule: Schedule | None


def answer(intake: Intake, kb: KnowledgeBase) -> Answer:
    """Assess, then plan and schedule when the verdict allows self-care."""
    assessment = assess(intake, kb)
    routine = plan_routine(intake, assessment, kb)
    schedule = weekly_schedule(routine, kb) if routine is not None else None
    return Answer(assessment, routine, schedule)


def pressing_firmness(item: PlanItem, kb: KnowledgeBase) -> Hardness:
    """How firm the thing that presses is, with the props this item really uses."""
    need = pressing_need(item.technique)
    if need is not None:
        for use in item.props:
            if use.prop in need.any_of or use.instead_of in need.any_of:
                return kb.props[use.prop].firmness
    return item.technique.tool_hardness


def _item_json(item: PlanItem, kb: KnowledgeBase) -> dict[str, Any]:
    tech = item.technique
    return {
        "technique": tech.id,
        "name": tech.name,
        "family": tech.family,
        "targets": list(tech.targets),
        "sides": list(item.sides),
        "seconds": item.seconds,
        "props": [p.prop for p in item.props],
        "substitutions": [
            {"prop": p.prop, "instead_of": p.instead_of, "note": p.note}
            for p in item.props
            if p.instead_of
        ],
        "position": tech.position.value,
        "flat_on_back": tech.flat_on_back,
        "floor": tech.floor,
        "abdominal_pressure": tech.abdominal_pressure,
        "pressure_on": list(tech.pressure_on),
        "pressing_firmness": pressing_firmness(item, kb).value,
        "end_range": list(tech.end_range),
        "dose": tech.dose.text,
        "reason": item.reason,
        "cautions": list(item.cautions),
    }


def plan_json(routine: Routine, schedule: Schedule, kb: KnowledgeBase) -> dict[str, Any]:
    """The ``plan`` of INTAKE.md. A breathing reset, when planned, is a phase of its own first;
    release, stretch and strengthen are always present, even when empty. ``minutes`` and
    ``seconds`` are the whole guided session (setting up, side switches and the closing step
    included); ``fits`` says it is within the minutes asked for, which the planner keeps."""
    phases = []
    for phase in PHASE_ORDER:
        items = routine.phase_items(phase)
        if items or phase.value != "breathe":
            phases.append({"phase": phase.value, "items": [_item_json(i, kb) for i in items]})
    return {
        "minutes": round(routine.session_seconds / 60, 1),
        "seconds": routine.session_seconds,
        "budget_minutes": routine.budget_seconds // 60,
        "fits": routine.session_seconds <= routine.budget_seconds,
        "phases": phases,
        "left_out": [
            {"technique": lo.technique, "name": lo.name, "reason": lo.reason}
            for lo in routine.left_out
        ],
        "schedule": {
            "sessions_per_week": schedule.sessions_per_week,
            "sessions_per_day": schedule.sessions_per_day,
            "days": list(schedule.days),
            "notes": list(schedule.notes),
        },
    }


def answer_json(result: Answer, kb: KnowledgeBase) -> dict[str, Any]:
    data = assessment_json(result.assessment, kb)
    if result.routine is not None and result.schedule is not None:
        data["plan"] = plan_json(result.routine, result.schedule, kb)
    return data
