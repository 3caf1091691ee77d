"""The intake wizard's state: which steps there are, which apply, what has been answered so far,
and the INTAKE.md document the answers make.

The answers live in the visitor's (server-side) session as a draft, one JSON-safe dict per step,
so a wrong answer on one screen never loses the others, and a person can go back and change
anything. Nothing here knows a clinical fact: which questions apply is the core's to say
(``unknot.clinical.questions``, ``unknot.planning.possible``), the forms take their wording from
the knowledge base, and the verdict comes from the core through ``services.evaluate``.

The server decides every question from earlier answers, so the wizard works the same without
JavaScript: the health step asks about pregnancy unless the person answered "male", and about
a clinician's examination when the age or the duration given make it matter; the pain step asks
only the findings that can still change the answer; the belly step comes last, and only when
belly work could be planned with the things and the experience the person has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from unknot.clinical.intake import Intake, IntakeError, parse_intake
from unknot.clinical.questions import belly_only, can_apply, findings_that_matter
from unknot.knowledge.models import FindingKind
from unknot.planning.possible import belly_work_possible
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
    Step("belly", "Before any belly work", "belly safety"),
)
SLUGS = tuple(s.slug for s in STEPS)
SAFETY = "safety"  # the red-flag symptoms: the intake stops at once after this step if need be
HEALTH = "health"  # the conditions, pregnancy and the clinician's all-clear
BELLY = "belly"  # asked only when belly work could be planned
PAIN_KINDS = (FindingKind.behaviour, FindingKind.symptom, FindingKind.history)


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
    pain step by their kind in the knowledge base; the conditions between the health step and
    the belly step, which keeps those that only ever take belly work out of a plan."""
    kb = services.kb()
    findings = [f for f in doc.get("findings", []) if f in kb.findings]
    red = [f for f in findings if kb.findings[f].kind is FindingKind.red_flag]
    conditions = [c for c in doc.get("conditions", []) if c in kb.conditions]
    belly = [c for c in conditions if belly_only(kb.conditions[c], kb)]
    weeks = doc.get("duration_weeks")
    steps: dict[str, Any] = {
        "where": {"pain": list(doc.get("pain", []))},
        "about": {
            "age": doc.get("age"),
            "sex": doc.get("sex"),
            "duration_weeks": weeks,
            "duration_amount": None if weeks is None else round(float(weeks), 1),
            "duration_unit": "weeks",
        },
        SAFETY: {"red_flags": red},
        HEALTH: {
            "pregnant": bool(doc.get("pregnant", False)),
            "pregnancy_weeks": doc.get("pregnancy_weeks"),
            "conditions": [c for c in conditions if c not in belly],
            "cleared_by_clinician": bool(doc.get("cleared_by_clinician", False)),
            "cleared_on": doc.get("cleared_on"),
        },
        "pain": {"findings": [f for f in findings if f not in red]},
        "setup": {
            "props": list(doc.get("props", [])),
            "minutes": doc.get("minutes", kb.intake_limits.default_minutes),
            "floor_ok": bool(doc.get("floor_ok", False)),
            "experience": doc.get("experience", "new"),
        },
    }
    if doc.get("abdominal_screen_answered"):
        steps[BELLY] = {"conditions": belly}
    session[DRAFT] = {"steps": steps}
    session.modified = True


# --- the document -----------------------------------------------------------------------------


def _sex(steps: dict[str, Any]) -> str | None:
    sex = (steps.get("about") or {}).get("sex")
    return sex if isinstance(sex, str) and sex else None


def _pregnancy_asked(steps: dict[str, Any]) -> bool:
    pregnancy = services.kb().conditions.get("pregnancy")
    return pregnancy is not None and can_apply(pregnancy, _sex(steps))


def _build(steps: dict[str, Any], *, pain_findings: list[str] | None = None) -> dict[str, Any]:
    """The document from the steps given; see :func:`document`."""
    where = steps.get("where") or {}
    about = steps.get("about") or {}
    safety = steps.get(SAFETY) or {}
    health = steps.get(HEALTH) or {}
    pain = steps.get("pain") or {}
    setup = steps.get("setup") or {}
    belly = steps.get(BELLY) or {}
    doc: dict[str, Any] = {}
    if "age" in about:
        doc["age"] = about["age"]
    if about.get("sex"):
        doc["sex"] = about["sex"]
    doc["pregnant"] = _pregnancy_asked(steps) and bool(health.get("pregnant", False))
    if doc["pregnant"] and health.get("pregnancy_weeks") is not None:
        doc["pregnancy_weeks"] = health["pregnancy_weeks"]
    if about.get("duration_weeks") is not None:
        doc["duration_weeks"] = about["duration_weeks"]
    doc["pain"] = list(where.get("pain", []))
    chosen = list(pain.get("findings", [])) if pain_findings is None else pain_findings
    doc["findings"] = [*safety.get("red_flags", []), *chosen]
    doc["conditions"] = [*health.get("conditions", []), *belly.get("conditions", [])]
    doc["cleared_by_clinician"] = bool(health.get("cleared_by_clinician", False))
    if doc["cleared_by_clinician"] and health.get("cleared_on"):
        doc["cleared_on"] = health["cleared_on"]
    doc["props"] = list(setup.get("props", []))
    if "minutes" in setup:
        doc["minutes"] = setup["minutes"]
    doc["floor_ok"] = bool(setup.get("floor_ok", False))
    if "experience" in setup:
        doc["experience"] = setup["experience"]
    if all(isinstance(steps.get(s), dict) for s in (SAFETY, HEALTH, BELLY)):
        doc["abdominal_screen_answered"] = True
    return doc


def _parsed(doc: dict[str, Any]) -> Intake | None:
    try:
        return parse_intake(doc, services.kb())
    except IntakeError:
        return None


def _steps_before(session: SessionBase, slug: str) -> dict[str, Any]:
    steps = draft(session)["steps"]
    return {s: steps[s] for s in SLUGS[: index_of(slug)] if s in steps}


def known_before(session: SessionBase, slug: str) -> Intake | None:
    """The answers of the steps before ``slug``, parsed by the core; None while they cannot be
    (before the age is given). This is what the server knows when it shows ``slug``."""
    return _parsed(_build(_steps_before(session, slug)))


def belly_applies(session: SessionBase) -> bool:
    """The belly step is asked once the setup is answered, if belly work could be planned."""
    if answers(session, "setup") is None:
        return False
    known = known_before(session, BELLY)
    return known is not None and belly_work_possible(known, services.kb())


def applicable(session: SessionBase) -> tuple[Step, ...]:
    """The steps this person is asked, in order."""
    return tuple(s for s in STEPS if s.slug != BELLY or belly_applies(session))


def document(session: SessionBase) -> dict[str, Any]:
    """The INTAKE.md document from the answers so far. Steps not yet answered add nothing, so
    after the safety step this is "what is known so far" (the core's defaults fill the rest).

    Answers to questions that no longer apply (a person went back and changed an earlier one)
    are left out: pregnancy after "male", the belly step when no belly work can be planned, a
    pain finding that can no longer change the answer. ``abdominal_screen_answered`` is set only
    once the safety, health and belly steps are answered: belly work needs all three."""
    steps = dict(draft(session)["steps"])
    if BELLY in steps and not belly_applies(session):
        steps.pop(BELLY)
    chosen = list((steps.get("pain") or {}).get("findings", []))
    known = known_before(session, "pain")
    if known is not None and chosen:
        matter = findings_that_matter(known, services.kb(), PAIN_KINDS)
        chosen = [f for f in chosen if f in matter]
    return _build(steps, pain_findings=chosen)


def first_missing(session: SessionBase, before: str | None = None) -> str | None:
    """The first applicable step without answers (only among those before ``before``)."""
    steps = draft(session)["steps"]
    limit = index_of(before) if before is not None else len(SLUGS)
    wanted = [s.slug for s in applicable(session) if index_of(s.slug) < limit]
    return next((s for s in wanted if s not in steps), None)


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
