"""Screening and triage together: the answer of INTAKE.md, without the plan.

The plan is the planner's job (``unknot.planning``), which builds on this answer; the faces call
``unknot.planning.answer`` to get all three parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from unknot.clinical.document import MuscleDocument, ScreeningDocument
from unknot.clinical.intake import Intake
from unknot.clinical.screening import Screening, screen
from unknot.clinical.triage import MuscleScore, rank_muscles
from unknot.knowledge import KnowledgeBase


@dataclass(frozen=True, slots=True)
class Assessment:
    intake: Intake
    screening: Screening
    muscles: tuple[MuscleScore, ...]


def assess(intake: Intake, kb: KnowledgeBase) -> Assessment:
    """Screen, then rank the muscles unless the verdict's tier says not to (tiers.yaml).

    Edge case: at ``urgent`` and ``emergency`` the ranking is left empty on purpose; a fever
    with a psoas-like pattern must read as "get seen today", not as "probably your psoas".
    """
    screening = screen(intake, kb)
    ranks = kb.tiers.of(screening.verdict).ranks_muscles
    muscles = rank_muscles(intake, kb) if ranks else ()
    return Assessment(intake, screening, muscles)


def assessment_json(a: Assessment, kb: KnowledgeBase) -> dict[str, Any]:
    """The screening and muscles of the answer, with ``plan`` set to None (the planner fills it;
    ``unknot.planning.answer_json`` gives the whole answer with its schema version)."""
    return {
        "screening": ScreeningDocument.of(a.screening, kb).model_dump(mode="json"),
        "muscles": [MuscleDocument.of(m).model_dump(mode="json") for m in a.muscles],
        "plan": None,
    }
