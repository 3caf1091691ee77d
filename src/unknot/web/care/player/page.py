"""What the player page holds: the timeline, each step's picture once, and the start screen's
figures. Everything the session needs is in the page, so it keeps working offline once loaded."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from unknot.pictures.technique import technique_picture
from unknot.web.care.services import Evaluation


@dataclass(frozen=True)
class Picture:
    key: str  # "<technique>-<side or both>", the same key the script builds from a step
    svg: SafeString


def picture_key(technique: str, side: str | None) -> str:
    return f"{technique}-{side or 'both'}"


@cache
def _svg(technique: str, side: str | None) -> str:
    # Drawn from our own data, with every text escaped by the picture module.
    return technique_picture(technique, side if side in ("left", "right") else None)  # type: ignore[arg-type]


def pictures(timeline: list[dict[str, Any]]) -> list[Picture]:
    """Each technique and side the session shows, once, in the order they first appear."""
    seen: dict[str, Picture] = {}
    for step in timeline:
        technique = step.get("technique")
        if not technique:
            continue
        key = picture_key(technique, step.get("side"))
        if key not in seen:
            seen[key] = Picture(key, mark_safe(_svg(technique, step.get("side"))))  # noqa: S308
    return list(seen.values())


def player_context(evaluation: Evaluation) -> dict[str, Any]:
    """The template context for a plan with steps; see ``no_session_context`` otherwise."""
    timeline = evaluation.timeline_json()
    seconds = sum(int(s["seconds"]) for s in timeline)
    return {
        "timeline": timeline,
        "pictures": pictures(timeline),
        "step_count": len(timeline),
        "minutes": max(1, round(seconds / 60)),
        "abdominal": any(s["abdominal"] for s in timeline),
        "pain_scale": list(range(11)),
    }


HEADLINES = {
    "self_care": "There is no routine to play for these answers",
    "see_clinician": "Please see a GP or physiotherapist before self-care",
    "urgent": "Please get a medical assessment today",
    "emergency": "Please go to an emergency department now",
}


def no_session_context(evaluation: Evaluation) -> dict[str, Any]:
    screening = evaluation.answer.assessment.screening
    return {
        "headline": HEADLINES.get(evaluation.verdict, HEADLINES["see_clinician"]),
        "reasons": [{"title": r.title, "action": r.action} for r in screening.reasons],
    }
