"""Pure planning: the routine, the weekly schedule and the session timeline."""

from unknot.planning.answer import Answer, answer, answer_json
from unknot.planning.planner import PlanItem, Routine, plan_routine
from unknot.planning.schedule import Schedule, weekly_schedule

__all__ = [
    "Answer",
    "PlanItem",
    "Routine",
    "Schedule",
    "answer",
    "answer_json",
    "plan_routine",
    "weekly_schedule",
]
