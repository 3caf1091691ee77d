"""The whole answer of the intake contract: screening, muscles and the plan.

``answer`` works it out as frozen dataclasses; ``answer_document`` gives it as the typed,
versioned document every face prints (``unknot.planning.document``), and ``answer_json`` as a
JSON-ready dict of that document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from unknot.clinical import Assessment, Intake, assess
from unknot.knowledge import KnowledgeBase
from unknot.planning.document import AnswerDocument
from unknot.planning.planner import plan_routine
from unknot.planning.routine import Routine
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


def answer_document(result: Answer, kb: KnowledgeBase) -> AnswerDocument:
    """The answer as the versioned document of ``docs/schema/answer.schema.json``."""
    return AnswerDocument.of(result.assessment, result.routine, result.schedule, kb)


def answer_json(result: Answer, kb: KnowledgeBase) -> dict[str, Any]:
    """The answer document as plain JSON values (``"schema"`` first)."""
    return answer_document(result, kb).model_dump(mode="json")
