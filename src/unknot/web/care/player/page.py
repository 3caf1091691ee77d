"""What the player page holds: the timeline, each step's picture once, and the start screen's
figures. Everything the session needs is in the page, so it keeps working offline once loaded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from unknot.web.care import services
from unknot.web.care.intake import svgs
from unknot.web.care.services import Evaluation


@dataclass(frozen=True)
class Picture:
    key: str  # "<technique>-<side or both>", the same key the script builds from a step
    svg: SafeString
    technique: str  # its page says how to do it, step by step


def picture_key(technique: str, side: str | None) -> str:
    return f"{technique}-{side or 'both'}"


def _svg(technique: str, side: str | None) -> str:
    # Drawn once from our own data and kept by the knowledge base's version (svgs), with
    # every text escaped by the picture module.
    return svgs.technique(technique, side, "")


def pictures(timeline: list[dict[str, Any]]) -> list[Picture]:
    """Each technique and side the session shows, once, in the order they first appear."""
    seen: dict[str, Picture] = {}
    for step in timeline:
        technique = step.get("technique")
        if not technique:
            continue
        key = picture_key(technique, step.get("side"))
        if key not in seen:
            svg = mark_safe(_svg(technique, step.get("side")))  # noqa: S308
            seen[key] = Picture(key, svg, technique)
    return list(seen.values())


def player_context(evaluation: Evaluation) -> dict[str, Any]:
    """The template context for a plan with steps; see ``no_session_context`` otherwise.

    The timeline's closing ``finish`` step is not played as a timed step: the session ends on
    a finish screen, which shows the finish step's safety line (rolling to the side after floor
    work), so the steps counted at the start are the steps counted at the end."""
    timeline = evaluation.timeline_json()
    played = [s for s in timeline if s["kind"] != "finish"]
    program = evaluation.program
    notes = {e.technique: e.note for e in program.entries if e.note} if program else {}
    for step in played:  # the practitioner's note, said where the technique is set up
        if step["kind"] == "prepare" and step["technique"] in notes:
            step["text"] += f" {program.by}'s note: {notes[step['technique']]}"  # type: ignore[union-attr]
    finish = next((s for s in timeline if s["kind"] == "finish"), None)
    seconds = sum(int(s["seconds"]) for s in played)
    return {
        "timeline": played,
        "pictures": pictures(played),
        "step_count": len(played),
        "minutes": max(1, round(seconds / 60)),
        "abdominal": any(s["abdominal"] for s in played),
        "finish_safety": finish["safety"] if finish else None,
        "pain_scale": list(range(11)),
        "offline": "session",
        "program": evaluation.program,
    }


NOTHING_TO_PLAY = "There is no routine to play for these answers"  # self-care, nothing fitted


def no_session_context(evaluation: Evaluation) -> dict[str, Any]:
    """Why there is no session to play: the verdict's headline from the knowledge base's table,
    or, for a self-care verdict whose plan came out empty, the player's own sentence."""
    screening = evaluation.answer.assessment.screening
    tier = services.kb().tiers.of(screening.verdict)
    return {
        "headline": NOTHING_TO_PLAY if tier.gives_plan else tier.headline,
        "reasons": [{"title": r.title, "action": r.action} for r in screening.reasons],
    }
