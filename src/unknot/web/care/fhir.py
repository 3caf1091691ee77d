"""A person's record as a FHIR R4 Bundle (``collection``), for a clinic's system.

What goes in, and how it is coded (``docs/fhir.md`` says the same for readers):

- one ``Patient`` with no personal data at all: an id and nothing else; the clinic links it
  to the person it knows;
- a ``CarePlan`` per assessment that gave a plan, in the shape the HL7 Physical Activity IG
  gives exercise plans (category ``PhysicalActivity``): one activity per technique, with its
  dose in words, its days and seconds in ``scheduledTiming``. The latest is ``active`` (or
  ``on-hold`` when later answers paused it); older ones are ``revoked`` and replaced;
- a ``Procedure`` per guided session the person did (``completed``, or ``stopped`` part way),
  with the pain before and after as ``Observation``s that are part of it;
- a ``QuestionnaireResponse`` per outcome measure filled in (item numbers and answers only: the
  licensed questionnaires' text is not ours to ship) and an ``Observation`` of its score, coded
  with LOINC where ``measures.yaml`` has a code (pain 72514-3; Oswestry 97909-6 in a 97908-8
  panel) and otherwise with unknot's own code and a note that says no LOINC code was found;
- an ``Observation`` (72514-3) for each pain rating given at a diary check-in.

Ids are stable (``urn:uuid``s derived from the rows), so a second export updates the first.
Every row is read through ``care.access.owned``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from unknot.clinical.intake import IntakeError
from unknot.clinical.outcomes import OutcomeInputError, Score
from unknot.knowledge.measures import Measure, load_measures
from unknot.planning.routine import Routine
from unknot.planning.schedule import Schedule, item_days
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.access import owned
from unknot.web.care.diary.scoring import score_answers
from unknot.web.care.models import Assessment, CheckIn, MeasureResult, SessionRecord

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
PA_CODES = "http://hl7.org/fhir/us/physical-activity/CodeSystem/pa-temporary-codes"
CAREPLAN_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category"
# unknot's own code systems, for what has no standard code (not resolvable addresses)
LOCAL = "http://unknot.local/fhir"
MEASURE_CODES = f"{LOCAL}/CodeSystem/measure"
TECHNIQUE_CODES = f"{LOCAL}/CodeSystem/technique"
SESSION_CODES = f"{LOCAL}/CodeSystem/session"
PAIN_LOINC = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
FHIR_DAYS = {"MO": "mon", "TU": "tue", "WE": "wed", "TH": "thu", "FR": "fri", "SA": "sat",
             "SU": "sun"}  # fmt: skip
_NAMESPACE = uuid.UUID("5b0f8e7c-2d0e-4f7a-9b7e-6a1c3d2e9f10")

Resource = dict[str, Any]


def _id(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, ":".join(str(p) for p in parts)))


def _ref(resource: Resource) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource['id']}"}


def _when(value: datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _category(code: str, display: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": OBSERVATION_CATEGORY, "code": code, "display": display}]}]


def _score(value: float, unit: str = "{score}") -> dict[str, Any]:
    return {"value": value, "unit": "%" if unit == "%" else "score", "system": UCUM, "code": unit}


class _Bundle:
    """Collects the resources of one person's record."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.entries: list[Resource] = []
        self.patient: Resource = {"resourceType": "Patient", "id": _id(user.pk, "patient")}
        self.add(self.patient)

    def add(self, resource: Resource) -> Resource:
        self.entries.append(resource)
        return resource

    def pain(self, key: object, at: datetime, value: int, note: str | None = None,
             part_of: Resource | None = None) -> Resource:  # fmt: skip
        observation: Resource = {
            "resourceType": "Observation",
            "id": _id(self.user.pk, "pain", key),
            "status": "final",
            "category": _category("survey", "Survey"),
            "code": {
                "coding": [{"system": LOINC, "code": PAIN_LOINC, "display": PAIN_DISPLAY}],
                "text": "Pain, 0 (none) to 10 (worst imaginable)",
            },
            "subject": _ref(self.patient),
            "effectiveDateTime": _when(at),
            "valueQuantity": _score(value),
        }
        if note:
            observation["note"] = [{"text": note}]
        if part_of is not None:
            observation["partOf"] = [_ref(part_of)]
        return self.add(observation)

    def document(self) -> Resource:
        return {
            "resourceType": "Bundle",
            "id": _id(self.user.pk, "bundle", timezone.now().isoformat()),
            "type": "collection",
            "timestamp": _when(timezone.now()),
            "entry": [
                {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}
                for resource in self.entries
            ],
        }


# --- plans --------------------------------------------------------------------------------------


def _activity(item: Any, schedule: Schedule, status: str) -> dict[str, Any]:
    tech = item.technique
    kb = services.kb()
    sides = " then ".join(item.sides) if list(item.sides) != ["both"] else "both sides at once"
    props = ", ".join(kb.props[p.prop].name for p in item.props) or "no props"
    words = [f"{tech.phase.value.capitalize()}: {tech.dose.text}", f"Sides: {sides}.",
             f"Props: {props}."]  # fmt: skip
    if item.cautions:
        words.append(f"Caution: {item.cautions[0]}")
    return {
        "detail": {
            "code": {
                "coding": [{"system": TECHNIQUE_CODES, "code": tech.id, "display": tech.name}],
                "text": tech.name,
            },
            "status": status,
            "description": " ".join(words),
            "scheduledTiming": {
                "repeat": {
                    "frequency": schedule.sessions_per_day,
                    "period": 1,
                    "periodUnit": "d",
                    "dayOfWeek": [FHIR_DAYS[d] for d in item_days(item, schedule)],
                    "duration": item.seconds,
                    "durationUnit": "s",
                }
            },
        }
    }


def _care_plan(bundle: _Bundle, kept: Assessment, routine: Routine, schedule: Schedule,
               status: str) -> Resource:  # fmt: skip
    activity_status = {"active": "scheduled", "on-hold": "on-hold"}.get(status, "cancelled")
    notes = [{"text": note} for note in schedule.notes]
    if status == "on-hold":
        paused = services.paused_by(kept)
        if paused is not None:
            notes.insert(0, {"text": services.kb().tiers.of(paused.verdict).paused_note or ""})
    return bundle.add({
        "resourceType": "CarePlan",
        "id": _id(bundle.user.pk, "plan", kept.pk),
        "status": status,
        "intent": "plan",
        "category": [
            {"coding": [{"system": CAREPLAN_CATEGORY, "code": "assess-plan"}]},
            {"coding": [{"system": PA_CODES, "code": "PhysicalActivity"}]},
        ],
        "title": "Home program: release, stretch, strengthen",
        "description": (
            f"{len(routine.items)} techniques, about {round(routine.session_seconds / 60)} "
            f"minutes a session, {schedule.sessions_per_week} days a week."
        ),
        "subject": _ref(bundle.patient),
        "period": {"start": _when(kept.created)},
        "created": _when(kept.created),
        "activity": [_activity(item, schedule, activity_status) for item in routine.items],
        "note": notes,
    })  # fmt: skip


def _care_plans(bundle: _Bundle) -> dict[int, Resource]:
    """A CarePlan per kept assessment that gives a plan, newest first; by assessment id."""
    plans: dict[int, Resource] = {}
    newer: Resource | None = None
    for kept in owned(Assessment, bundle.user).order_by("-created", "-id"):
        try:
            result = services.evaluate_kept(kept).answer
        except IntakeError:  # answers the knowledge base no longer accepts: no plan to give
            continue
        if result.routine is None or result.schedule is None:
            continue
        if newer is None:
            status = "on-hold" if services.paused_by(kept) is not None else "active"
        else:
            status = "revoked"
        plan = _care_plan(bundle, kept, result.routine, result.schedule, status)
        if newer is not None:
            newer["replaces"] = [_ref(plan)]
        plans[kept.pk] = newer = plan
    return plans


# --- sessions and check-ins ---------------------------------------------------------------------


def _sessions(bundle: _Bundle, plans: Mapping[int, Resource]) -> None:
    for s in owned(SessionRecord, bundle.user).order_by("at", "id"):
        procedure: Resource = {
            "resourceType": "Procedure",
            "id": _id(bundle.user.pk, "session", s.pk),
            "status": "completed" if s.completed else "stopped",
            "code": {
                "coding": [
                    {
                        "system": SESSION_CODES,
                        "code": "guided-session",
                        "display": "Guided self-care session",
                    }
                ],
                "text": f"Guided self-care session: {s.done_steps} of {s.planned_steps} steps",
            },
            "subject": _ref(bundle.patient),
            "performedPeriod": {
                "start": _when(s.at - timedelta(seconds=s.seconds)),
                "end": _when(s.at),
            },
            "performer": [{"actor": _ref(bundle.patient)}],
        }
        plan = plans.get(s.assessment_id) if s.assessment_id is not None else None
        if plan is not None:
            procedure["basedOn"] = [_ref(plan)]
        if s.note:
            procedure["note"] = [{"text": s.note}]
        bundle.add(procedure)
        for when, value in (("before", s.pain_before), ("after", s.pain_after)):
            if value is not None:
                bundle.pain((s.pk, when), s.at, value, f"Pain {when} the session.", procedure)


def _check_ins(bundle: _Bundle) -> None:
    for c in owned(CheckIn, bundle.user).filter(pain__isnull=False).order_by("at", "id"):
        assert c.pain is not None
        bundle.pain(("check-in", c.pk), c.at, c.pain, "Pain at a diary check-in.")


# --- outcome measures ---------------------------------------------------------------------------


def _answer(value: Any) -> dict[str, Any] | None:
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, int):
        return {"valueInteger": value}
    if isinstance(value, float):
        return {"valueDecimal": value}
    if isinstance(value, str) and value:
        return {"valueString": value}
    return None


def _numbered(values: Iterable[Any]) -> list[dict[str, Any]]:
    items = []
    for number, value in enumerate(values, 1):
        answer = _answer(value)
        if answer is not None:  # a skipped section is left out
            items.append({"linkId": str(number), "answer": [answer]})
    return items


def _items(measure_id: str, answers: Any) -> list[dict[str, Any]]:
    """The stored answers (``diary.scoring``) as questionnaire items, by item number."""
    if not isinstance(answers, Mapping):
        return []
    if measure_id == "nprs":
        return _numbered([answers.get("rating")])
    if measure_id == "rmdq" and "total" in answers:
        answer = _answer(answers["total"])
        return [{"linkId": "total", "text": "Total", "answer": [answer]}] if answer else []
    if measure_id == "psfs":
        items = []
        for number, pair in enumerate(answers.get("activities") or [], 1):
            if isinstance(pair, list | tuple) and len(pair) == 2 and _answer(pair[1]):
                items.append({"linkId": str(number), "text": str(pair[0])[:200],
                              "answer": [_answer(pair[1])]})  # fmt: skip
        return items
    values = answers.get("sections" if measure_id == "odi" else "answers")
    return _numbered(values) if isinstance(values, list) else []


def _measure_code(m: Measure) -> dict[str, Any]:
    if m.codes.score is not None:
        coding = [{"system": LOINC, "code": m.codes.score}]
        return {"coding": coding, "text": f"{m.name} score"}
    return {
        "coding": [{"system": MEASURE_CODES, "code": m.id, "display": m.name}],
        "text": f"{m.name} score (no LOINC code found; the code is unknot's own)",
    }


def _rescored(m: Measure, answers: Any) -> Score | None:
    try:
        return score_answers(m.id, answers) if isinstance(answers, Mapping) else None
    except OutcomeInputError:
        return None


def _measures(bundle: _Bundle) -> None:
    measures = load_measures()
    for row in owned(MeasureResult, bundle.user).order_by("at", "id"):
        m = measures.get(row.measure)
        if m is None:
            continue
        canonical = f"{LOCAL}/Questionnaire/{m.id}"
        response = bundle.add({
            "resourceType": "QuestionnaireResponse",
            "id": _id(bundle.user.pk, "response", row.pk),
            "questionnaire": canonical,
            "status": "completed",
            "subject": _ref(bundle.patient),
            "authored": _when(row.at),
            "item": _items(m.id, row.answers),
        })  # fmt: skip
        if not response["item"]:
            del response["item"]
        score = _rescored(m, row.answers)
        observation: Resource = {
            "resourceType": "Observation",
            "id": _id(bundle.user.pk, "score", row.pk),
            "status": "final",
            "category": _category("survey", "Survey"),
            "code": _measure_code(m),
            "subject": _ref(bundle.patient),
            "effectiveDateTime": _when(row.at),
            "valueQuantity": _score(row.score, "%" if m.id == "odi" else "{score}"),
            "derivedFrom": [_ref(response)],
        }
        notes = [m.codes.note] if m.codes.note else []
        if score is not None:
            observation["interpretation"] = [{"text": score.interpretation}]
        if score is not None and hasattr(score, "distress"):
            observation["component"] = [{
                "code": {"coding": [{"system": MEASURE_CODES, "code": "startback-distress",
                                     "display": "STarT Back distress subscale"}]},
                "valueQuantity": _score(score.distress),
            }]  # fmt: skip
        if not m.licence.ship_item_text:
            notes.append(m.licence.notice)
        if notes:
            observation["note"] = [{"text": n} for n in notes]
        bundle.add(observation)
        if m.codes.panel is not None:
            bundle.add({
                "resourceType": "Observation",
                "id": _id(bundle.user.pk, "panel", row.pk),
                "status": "final",
                "category": _category("survey", "Survey"),
                "code": {"coding": [{"system": LOINC, "code": m.codes.panel}],
                         "text": f"{m.name} panel"},
                "subject": _ref(bundle.patient),
                "effectiveDateTime": _when(row.at),
                "hasMember": [_ref(observation)],
                "derivedFrom": [_ref(response)],
            })  # fmt: skip


def fhir_bundle(user: User) -> Resource:
    """Everything ``user`` kept, as one FHIR R4 Bundle of type ``collection``."""
    bundle = _Bundle(user)
    plans = _care_plans(bundle)
    _sessions(bundle, plans)
    _check_ins(bundle)
    _measures(bundle)
    return bundle.document()
