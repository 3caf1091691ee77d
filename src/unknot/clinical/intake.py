"""The intake document (docs/intake.md) as a typed, validated model.

:func:`parse_intake` is the one door in: it takes the JSON-like mapping any surface received and
returns an :class:`Intake`, or raises :class:`IntakeError` whose messages a person can act on.
Every limit comes from ``intake.yaml``. Ids (snake_case) are checked strictly against the
knowledge base, with the closest valid ids offered for a typo. A finding or a condition may also
be given in everyday words ("numb where I sit", "on warfarin"): :mod:`unknot.clinical.phrases`
reads them, what it understood is stored under its ids, and what it could not understand is
kept on the intake for the screening to weigh (never silently dropped, never refused).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.json_schema import SkipJsonSchema

from unknot.clinical.named import check_ids, unknown
from unknot.clinical.phrases import Reading, looks_like_id
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import Side
from unknot.knowledge.settings import IntakeLimits

# Filled by parse_intake from what it read; an intake document may not set them itself.
_DERIVED = ("readings",)


class IntakeError(ValueError):
    """An intake that cannot be used; ``messages`` holds one plain sentence per problem."""

    def __init__(self, messages: Iterable[str]) -> None:
        self.messages: tuple[str, ...] = tuple(messages)
        super().__init__("; ".join(self.messages))


class PainSpot(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    region: str
    side: Side = "center"
    intensity: int = Field(strict=True)


class RecordedClearance(BaseModel):
    """A clearance a practitioner recorded in unknot after examining the person.

    ``rules`` are the red-flag rule ids it settles; ``examined_on`` the day of the examination;
    ``profession`` a profession id (professions.yaml), which decides whether it may lift the
    rules marked ``clinician_record``; ``by`` the practitioner's name, shown to the person.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    rules: tuple[str, ...] = Field(min_length=1)
    examined_on: date
    profession: str
    by: str = Field(min_length=1, max_length=200)


class Intake(BaseModel):
    """One person's situation. Build it with :func:`parse_intake`, which checks ids and limits."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    age: int = Field(strict=True)
    sex: Literal["female", "male", "other"] | None = None
    pregnant: bool = False
    duration_weeks: float | None = None
    pain: tuple[PainSpot, ...] = Field(min_length=1)
    findings: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    cleared_by_clinician: bool = False
    props: tuple[str, ...] = ()
    minutes: int | None = Field(default=None, strict=True)  # None: the default of intake.yaml
    floor_ok: bool = False  # when unsaid, plan nothing that needs the floor
    # beyond INTAKE.md v1 (the contract allows more fields):
    experience: Literal["new", "some", "experienced"] = "new"
    abdominal_screen_answered: bool = False  # the belly-safety questions have all been asked
    pregnancy_weeks: float | None = None  # how far along a pregnancy is, when known
    cleared_on: date | None = None  # the day of the clinician's examination, when known
    answered_on: date | None = None  # the day these answers were given
    # clearances practitioners recorded in unknot (practitioner mode adds them, never the person)
    recorded_clearances: tuple[RecordedClearance, ...] = ()
    # derived by parse_intake: how each answer given in everyday words was read
    readings: SkipJsonSchema[tuple[Reading, ...]] = ()

    @property
    def finding_set(self) -> frozenset[str]:
        return frozenset(self.findings)

    @property
    def unclear(self) -> tuple[Reading, ...]:
        """Answers in everyday words that unknot could not understand."""
        return tuple(r for r in self.readings if not r.understood)

    @property
    def episode_began(self) -> date | None:
        """The day this bout of pain began, when the answer date and duration are known."""
        if self.answered_on is None or self.duration_weeks is None:
            return None
        return self.answered_on - timedelta(weeks=self.duration_weeks)

    @property
    def clearance_predates_episode(self) -> bool:
        """True when the examination was before this bout of pain began, so cannot cover it.

        Edge cases: with no examination date, or no way to date the start of the pain, the
        person's word that the examination was for this episode stands.
        """
        began = self.episode_began
        return self.cleared_on is not None and began is not None and self.cleared_on < began

    @property
    def clearance_covers_episode(self) -> bool:
        return self.cleared_by_clinician and not self.clearance_predates_episode

    def recorded_clearance_for(self, rule_id: str, kb: KnowledgeBase) -> RecordedClearance | None:
        """A recorded clearance that settles ``rule_id``: it names the rule, its profession may
        record clearances, and the examination was not before this bout of pain began."""
        began = self.episode_began
        for recorded in self.recorded_clearances:
            profession = kb.professions.get(recorded.profession)
            if rule_id not in recorded.rules or profession is None:
                continue
            if not profession.records_clearance:
                continue
            if began is not None and recorded.examined_on < began:
                continue
            return recorded
        return None


def active_conditions(intake: Intake, kb: KnowledgeBase) -> frozenset[str]:
    """The conditions given, with those the knowledge base implies from other answers.

    ``pregnancy`` follows from ``pregnant``; ``pregnancy_after_first_trimester`` from a
    pregnancy whose weeks are at or past the threshold in conditions.yaml, or unknown (the
    safer reading). Implications may chain (one implied condition implying another).
    """
    active = set(intake.conditions)
    changed = True
    while changed:
        changed = False
        for condition in kb.conditions.values():
            if condition.id in active:
                continue
            for rule in condition.implied_by:
                if rule.pregnant and not intake.pregnant:
                    continue
                if rule.condition is not None and rule.condition not in active:
                    continue
                weeks = rule.pregnancy_weeks_at_least
                known = intake.pregnancy_weeks
                if weeks is not None and known is not None and known < weeks:
                    continue
                active.add(condition.id)
                changed = True
                break
    return frozenset(active)


def field_rules(limits: IntakeLimits) -> dict[str, str]:
    """Each intake field's rule in plain words, as the error messages say it."""
    return dict(_field_rules(limits))


@cache
def _field_rules(limits: IntakeLimits) -> dict[str, str]:
    def span(r: Any) -> str:
        return f"{r.min:g} to {r.max:g}"

    return {
        "age": f"a whole number of years from {span(limits.age)}",
        "sex": "one of female, male, other",
        "pregnant": "true or false",
        "duration_weeks": f"a number of weeks from {span(limits.duration_weeks)}",
        "pain": "a list with at least one painful spot",
        "region": "a region id",
        "side": "one of left, right, both, center",
        "intensity": (
            f"a whole number from {limits.intensity.min:g} (no pain) to "
            f"{limits.intensity.max:g} (worst imaginable)"
        ),
        "findings": "a list of finding ids or everyday phrases",
        "conditions": "a list of condition ids or everyday phrases",
        "cleared_by_clinician": "true or false",
        "props": "a list of prop ids (an empty list means none)",
        "minutes": f"a whole number of minutes from {span(limits.minutes)}",
        "floor_ok": "true or false",
        "experience": "one of new, some, experienced",
        "abdominal_screen_answered": "true or false",
        "pregnancy_weeks": f"a number of weeks of pregnancy from {span(limits.pregnancy_weeks)}",
        "cleared_on": "a date such as 2026-03-14",
        "answered_on": "a date such as 2026-03-14",
        "recorded_clearances": "a list of clearances a practitioner recorded",
        "rules": "a list of red-flag rule ids",
        "examined_on": "a date such as 2026-03-14",
        "profession": "a profession id",
        "by": "the practitioner's name",
    }


def _where(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "intake"


def _shown(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    text = repr(value)
    return f" (got {text[:60]}...)" if len(text) > 60 else f" (got {text})"


def _friendly(error: Mapping[str, Any], rules: Mapping[str, str]) -> str:
    loc = tuple(error["loc"])
    where = _where(loc)
    if error["type"] == "missing":
        return f"{where} is missing: it must be {rules.get(str(loc[-1]), 'given')}"
    if error["type"] == "extra_forbidden":
        return f"unknown field '{str(loc[-1])[:60]}'; the fields are: {', '.join(rules)}"
    named = [p for p in loc if isinstance(p, str)]
    rule = rules.get(named[-1]) if named else None
    if rule is None:
        return f"{where}: {error['msg']}"
    return f"{where} must be {rule}{_shown(error.get('input'))}"


def _own_errors(errors: list[Any]) -> list[Any]:
    """The errors, less a list's "too short" that only follows from its items' own errors (a
    list whose one item is wrong is not also empty)."""
    return [
        e
        for e in errors
        if e["type"] != "too_short"
        or not any(
            o is not e and tuple(o["loc"][: len(e["loc"])]) == tuple(e["loc"]) for o in errors
        )
    ]


def _out_of_range(intake: Intake, limits: IntakeLimits, rules: Mapping[str, str]) -> list[str]:
    checks: list[tuple[str, float | None, Any]] = [
        ("age", intake.age, limits.age),
        ("minutes", intake.minutes, limits.minutes),
        ("duration_weeks", intake.duration_weeks, limits.duration_weeks),
        ("pregnancy_weeks", intake.pregnancy_weeks, limits.pregnancy_weeks),
    ]
    checks += [
        (f"pain[{i}].intensity", spot.intensity, limits.intensity)
        for i, spot in enumerate(intake.pain)
    ]
    problems = []
    for name, value, span in checks:
        if value is not None and not span.min <= value <= span.max:
            rule = rules[name.rpartition(".")[2]]
            problems.append(f"{name} must be {rule}{_shown(value)}")
    return problems


def _check_dates(intake: Intake, today: date | None) -> tuple[list[str], dict[str, Any]]:
    answered = intake.answered_on or today
    changes: dict[str, Any] = {"answered_on": answered} if answered != intake.answered_on else {}
    if intake.cleared_on is not None and answered is not None and intake.cleared_on > answered:
        return [
            f"cleared_on {intake.cleared_on} is after the day of these answers ({answered})"
        ], {}
    if intake.cleared_on is not None and not intake.cleared_by_clinician:
        return [
            "cleared_on is given but cleared_by_clinician is not true; give both or neither"
        ], {}
    for recorded in intake.recorded_clearances:
        if answered is not None and recorded.examined_on > answered:
            day = recorded.examined_on
            return [f"recorded_clearances: an examination on {day} is after these answers"], {}
    return [], changes


def check_intake(intake: Intake, kb: KnowledgeBase) -> None:
    """Raise :class:`IntakeError` unless ``intake`` keeps the contract against ``kb``.

    :func:`parse_intake` builds intakes that always pass. This is for an :class:`Intake` made
    by hand in Python (``Intake(age=..., ...)``), which pydantic checks for shape only: the
    screening, the ranking and the planner call it first, so an unknown id, an age under the
    minimum or a value out of range stops with the same plain messages as ``parse_intake``,
    never a ``KeyError`` deep inside or, worse, a misspelt warning sign silently passed over.

    Edge case: a finding or condition in everyday words is refused here, since only
    ``parse_intake`` reads them (and keeps what it could not read for the screening).

    The screening, the ranking and the planner each call it on the same intake: the last
    intake object that passed, with the same knowledge base object, is not checked again (an
    intake is frozen, so what passed once passes again).
    """
    last = _last_passed
    if last[0] is intake and last[1] is kb:
        return
    _check(intake, kb)
    _remember(intake, kb)


_last_passed: tuple[Intake | None, KnowledgeBase | None] = (None, None)


def _remember(intake: Intake, kb: KnowledgeBase) -> None:
    global _last_passed
    _last_passed = (intake, kb)  # one assignment: another thread sees the old pair or the new


def _check(intake: Intake, kb: KnowledgeBase) -> None:
    limits = kb.intake_limits
    rules = _field_rules(limits)
    if 0 <= intake.age < limits.age.min:
        message = limits.child_message.format(min=f"{limits.age.min:g}")
        raise IntakeError([f"age {intake.age}: {message}"])
    problems = _out_of_range(intake, limits, rules)
    for field, known, kind in (
        (intake.findings, kb.findings, "finding"),
        (intake.conditions, kb.conditions, "condition"),
    ):
        for value in field:
            if value in known:
                continue
            message = unknown(kind, value, known)
            if not looks_like_id(value):
                message += " (everyday words are read only by parse_intake)"
            problems.append(message)
    for spot in intake.pain:
        if spot.region not in kb.regions:
            problems.append(unknown("region", spot.region, kb.regions))
    problems += [unknown("prop", p, kb.props) for p in intake.props if p not in kb.props]
    for recorded in intake.recorded_clearances:
        problems += [unknown("red flag rule", r, kb.red_flags) for r in recorded.rules
                     if r not in kb.red_flags]  # fmt: skip
        if recorded.profession not in kb.professions:
            problems.append(unknown("profession", recorded.profession, kb.professions))
    problems += _check_dates(intake, intake.answered_on)[0]
    if problems:
        raise IntakeError(problems)


def parse_intake(data: Any, kb: KnowledgeBase, today: date | None = None) -> Intake:
    """Validate ``data`` (a decoded JSON object) and return the :class:`Intake`.

    Raises :class:`IntakeError` listing every problem found, in plain words. ``today`` is the
    day the answers are given when the document does not say (``answered_on``); it dates the
    start of the pain, which decides whether a dated examination covers it.

    Edge cases: values are read as JSON values, strictly: a date must be a date text, a yes/no
    true or false, a number a number (no text that looks like one); an age under the minimum
    is refused with its own message (the product is not for children); a finding or condition
    in everyday words is stored as the ids it was read as, and one that could not be read is
    kept in ``readings`` for the screening; duplicates are dropped; ``minutes`` left out takes
    the default of intake.yaml.
    """
    limits = kb.intake_limits
    rules = _field_rules(limits)
    if not isinstance(data, Mapping):
        raise IntakeError(["an intake must be a JSON object with at least 'age' and 'pain'"])
    derived = [key for key in _DERIVED if key in data]
    if derived:
        raise IntakeError([f"unknown field '{derived[0]}'; the fields are: {', '.join(rules)}"])
    age = data.get("age")
    if isinstance(age, int) and not isinstance(age, bool) and 0 <= age < limits.age.min:
        raise IntakeError([f"age {age}: {limits.child_message.format(min=f'{limits.age.min:g}')}"])
    try:
        # As JSON, strictly: a date is an ISO date text (0 is not 1970-01-01), a yes/no is
        # true or false (not "y"), a number is a number (not "26").
        intake = Intake.model_validate_json(json.dumps(data, default=str), strict=True)
    except ValidationError as exc:
        raise IntakeError(_friendly(e, rules) for e in _own_errors(exc.errors())) from None
    except RecursionError:
        raise IntakeError(
            ["an intake must be a plain JSON object, not one nested so deep"]
        ) from None
    problems = _out_of_range(intake, limits, rules)
    id_problems, changes = check_ids(intake, kb)
    date_problems, date_changes = _check_dates(intake, today)
    problems += id_problems + date_problems
    if problems:
        raise IntakeError(problems)
    if intake.minutes is None:
        changes["minutes"] = int(limits.default_minutes)
    return intake.model_copy(update=changes | date_changes)
