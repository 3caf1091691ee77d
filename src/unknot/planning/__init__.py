"""Pure planning: the routine, the weekly schedule and the session timeline."""

from unknot.planning.answer import Answer, answer, answer_document, answer_json
from unknot.planning.document import ANSWER_SCHEMA, AnswerDocument
from unknot.planning.planner import plan_routine
from unknot.planning.routine import PlanItem, Routine
from unknot.planning.schedule import Schedule, weekly_schedule

__all__ = [
    "ANSWER_SCHEMA",
    "Answer",
    "AnswerDocument",
    "PlanItem",
    "Routine",
    "Schedule",
    "answer",
    "answer_document",
    "answer_json",
    "plan_routine",
    "weekly_schedule",
]
