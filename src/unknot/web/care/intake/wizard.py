"""The intake wizard's state: which steps there are, what has been answered so far, and the
INTAKE.md document the answers make.

The answers live in the visitor's (server-side) session as a draft, one JSON-safe dict per step,
so a wrong answer on one screen never loses the others, and a person can go back and change
anything. Nothing here knows a clinical fact: the forms take their wording from the knowledge
base, and the verdict comes from the core through ``services.evaluate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from unknot.clinical.intake import IntakeError
from unknot.web.care import services

DRAFT = "unknot_intake_draft"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str  # the screen's heading
    short: str  # the name in the progress line and back links


STEPS: tuple[Step, ...] = (
    Step("where", "Where does it hurt?", "where it hurts"),
    Step("about", "About you", "about you"),
    Step("safety", "Warning signs", "warning signs"),
    Step("health", "Your health", "your health"),
    Step("pain", "How your pain behaves", "your pain"),
    Step("setup", "Your time and your things", "your setup"),
)
SLUGS = tuple(s.slug for s in STEPS)
SAFETY = "safety"  # the red-flag symptoms: the intake stops at once after this step if need be
HEALTH = "health"  # the conditions and the clinician's all-clear


def step_named(slug: str) -> Step | None:
    return next((s for s in STEPS if s.slug == slug), None)


def index_of(slug: str) -> int:
    return SLUGS.index(slug)


def draft(session: SessionBase) -> dict[str, Any]:
    """The answers so far: ``{"steps": {slug: data}}``; a fresh dict when there are none."""
    value = session.get(DRAFT)
    if not isinstance(value, dict) or not isinstance(value.get("steps"), dict):
        return {"steps": {}}
    return value


def answers(session: SessionBase, slug: str) -> dict[str, Any] | None:
    data = draft(session)["steps"].get(slug)
    return data if isinstance(data, dict) else None


def keep(session: SessionBase, slug: str, data: dict[str, Any]) -> None:
    """Keep one step's cleaned answers (JSON-safe values only)."""
    current = draft(session)
    current["steps"][slug] = data
    session[DRAFT] = current
    session.modified = True


def forget(session: SessionBase) -> None:
    session.pop(DRAFT, None)


def restore(session: SessionBase, doc: dict[str, Any]) -> None:
    """Fill the draft from a finished INTAKE.md document, so a person can change their answers
    (an owner on another device, say). The findings are split between the safety step and the
    pain step by their kind in the knowledge base; the conditions and the clinician's all-clear
    go to the health step."""
    kb = services.kb()
    findings = [f for f in doc.get("findings", []) if f in kb.findings]
    red = [f for f in findings if kb.findings[f].kind.value == "red_flag"]
    weeks = doc.get("duration_weeks")
    steps: dict[str, Any] = {
        "where": {"pain": list(doc.get("pain", []))},
        "about": {
            "age": doc.get("age"),
            "sex": doc.get("sex"),
            "pregnant": bool(doc.get("pregnant", False)),
            "pregnancy_weeks": doc.get("pregnancy_weeks"),
            "duration_weeks": weeks,
            "duration_amount": None if weeks is None else round(float(weeks), 1),
            "duration_unit": "weeks",
        },
        "safety": {"red_flags": red},
        "health": {
            "conditions": list(doc.get("conditions", [])),
            "cleared_by_clinician": bool(doc.get("cleared_by_clinician", False)),
            "cleared_on": doc.get("cleared_on"),
        },
        "pain": {"findings": [f for f in findings if f not in red]},
        "setup": {
            "props": list(doc.get("props", [])),
            "minutes": doc.get("minutes", services.kb().intake_limits.default_minutes),
            "floor_ok": bool(doc.get("floor_ok", False)),
            "experience": doc.get("experience", "new"),
        },
    }
    session[DRAFT] = {"steps": steps}
    session.modified = True


def first_missing(session: SessionBase, before: str | None = None) -> str | None:
    """The first step without answers (only among the steps before ``before`` when given)."""
    steps = draft(session)["steps"]
    limit = index_of(before) if before is not None else len(SLUGS)
    return next((s for s in SLUGS[:limit] if s not in steps), None)


def document(session: SessionBase) -> dict[str, Any]:
    """The INTAKE.md document from the answers so far. Steps not yet answered add nothing, so
    after the safety step this is "what is known so far" (the core's defaults fill the rest).

    ``abdominal_screen_answered`` is set only once both the safety step (the belly's warning signs)
    and the health step (the belly-related conditions) are answered: belly work needs both."""
    steps = draft(session)["steps"]
    where = steps.get("where") or {}
    about = steps.get("about") or {}
    safety = steps.get(SAFETY) or {}
    health = steps.get(HEALTH) or {}
    pain = steps.get("pain") or {}
    setup = steps.get("setup") or {}
    doc: dict[str, Any] = {}
    if "age" in about:
        doc["age"] = about["age"]
    if about.get("sex"):
        doc["sex"] = about["sex"]
    doc["pregnant"] = bool(about.get("pregnant", False))
    if doc["pregnant"] and about.get("pregnancy_weeks") is not None:
        doc["pregnancy_weeks"] = about["pregnancy_weeks"]
    if about.get("duration_weeks") is not None:
        doc["duration_weeks"] = about["duration_weeks"]
    doc["pain"] = list(where.get("pain", []))
    doc["findings"] = [*safety.get("red_flags", []), *pain.get("findings", [])]
    doc["conditions"] = list(health.get("conditions", []))
    doc["cleared_by_clinician"] = bool(health.get("cleared_by_clinician", False))
    if doc["cleared_by_clinician"] and health.get("cleared_on"):
        doc["cleared_on"] = health["cleared_on"]
    doc["props"] = list(setup.get("props", []))
    if "minutes" in setup:
        doc["minutes"] = setup["minutes"]
    doc["floor_ok"] = bool(setup.get("floor_ok", False))
    if "experience" in setup:
        doc["experience"] = setup["experience"]
    if isinstance(steps.get(SAFETY), dict) and isinstance(steps.get(HEALTH), dict):
        doc["abdominal_screen_answered"] = True
    return doc


def verdict_so_far(session: SessionBase) -> str | None:
    """The screening verdict of the answers so far, or None when they cannot be screened yet."""
    try:
        return services.evaluate(document(session)).verdict
    except IntakeError:
        return None


def must_stop(session: SessionBase) -> bool:
    """True once the safety step is answered and what is known calls for urgent help; the views
    ask after the safety step and at every step after it, so a red flag stops the intake before
    the health step is shown."""
    if answers(session, SAFETY) is None:
        return False
    verdict = verdict_so_far(session)
    return verdict is not None and services.kb().tiers.of(verdict).stops_intake
