"""Screening and triage together: the answer of INTAKE.md, without the plan.

The plan is the planner's job (``unknot.planning``), which builds on this answer; the faces call
``unknot.planning.answer`` to get all three parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from unknot.clinical.intake import Intake
from unknot.clinical.phrases import Reading
from unknot.clinical.screening import Screening, screen
from unknot.clinical.triage import Evidence, MuscleScore, rank_muscles
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


def _evidence_json(e: Evidence) -> dict[str, Any]:
    data: dict[str, Any] = {e.kind: e.ref}
    if e.side:
        data["side"] = e.side
    data.update(weight=e.weight, text=e.text, sources=list(e.sources))
    return data


def _reading_json(r: Reading) -> dict[str, Any]:
    data: dict[str, Any] = {"field": r.field, "text": r.text}
    if r.understood:
        data["read_as"] = list(r.ids)
        if r.doubt:
            data["doubt"] = list(r.doubt)
    else:
        data.update(closest=list(r.closest), warning_words=list(r.warning_words))
    return data


def screening_json(s: Screening, kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "verdict": s.verdict.value,
        "reasons": [
            {
                "id": r.id,
                "tier": r.tier.value,
                "text": r.text,
                "title": r.title,
                "action": r.action,
                "note": r.note,
                "cleared_by": r.clearance.value if r.clearance is not None else None,
                "sources": list(r.sources),
            }
            for r in s.reasons
        ],
        "read": [_reading_json(r) for r in s.readings if r.understood],
        "unclear": [_reading_json(r) for r in s.readings if not r.understood],
        "cautions": [{"id": c.id, "text": c.text, "sources": list(c.sources)} for c in s.cautions],
        "excluded": [
            {
                "technique": technique_id,
                "name": kb.techniques[technique_id].name,
                "conditions": [e.condition for e in hits],
                "reasons": [e.reason for e in hits],
            }
            for technique_id, hits in sorted(s.excluded.items())
        ],
    }


def muscles_json(muscles: tuple[MuscleScore, ...]) -> list[dict[str, Any]]:
    return [
        {
            "id": m.id,
            "name": m.name,
            "score": m.score,
            "sides": list(m.sides),
            "because": [_evidence_json(e) for e in m.because],
            "against": [_evidence_json(e) for e in m.against],
            "does_not_fit": list(m.does_not_fit),
        }
        for m in muscles
    ]


def assessment_json(a: Assessment, kb: KnowledgeBase) -> dict[str, Any]:
    """The INTAKE.md answer with ``plan`` set to None (the planner fills it)."""
    return {
        "screening": screening_json(a.screening, kb),
        "muscles": muscles_json(a.muscles),
        "plan": None,
    }
