"""The intake document of INTAKE.md as a typed, validated model.

:func:`parse_intake` is the one door in: it takes the JSON-like mapping any surface received and
returns an :class:`Intake`, or raises :class:`IntakeError` whose messages a person can act on.
Ids are checked against the knowledge base, with the closest valid ids offered for a typo.
A finding may also be given in everyday words that the knowledge base knows as one of the
finding's phrases ("numb where I sit on a bike saddle"); it is stored under its id.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import Side

MIN_AGE = 16
MAX_AGE = 110


class IntakeError(ValueError):
    """An intake that cannot be used; ``messages`` holds one plain sentence per problem."""

    def __init__(self, messages: Iterable[str]) -> None:
        self.messages: tuple[str, ...] = tuple(messages)
        super().__init__("; ".join(self.messages))


class PainSpot(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    region: str
    side: Side = "center"
    intensity: int = Field(ge=0, le=10, strict=True)


class Intake(BaseModel):
    """One person's situation. Build it with :func:`parse_intake`, which checks the ids."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    age: int = Field(ge=0, le=MAX_AGE, strict=True)
    sex: Literal["female", "male", "other"] | None = None
    pregnant: bool = False
    duration_weeks: float | None = Field(default=None, ge=0, le=5200)
    pain: tuple[PainSpot, ...] = Field(min_length=1)
    findings: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    cleared_by_clinician: bool = False
    props: tuple[str, ...] = ()
    minutes: int = Field(default=15, ge=3, le=60, strict=True)
    floor_ok: bool = False  # when unsaid, plan nothing that needs the floor
    # beyond INTAKE.md v1 (the contract allows more fields):
    experience: Literal["new", "some", "experienced"] = "new"
    abdominal_screen_answered: bool = False  # the belly-safety questions have all been asked

    @property
    def active_conditions(self) -> frozenset[str]:
        """The conditions, with pregnancy added when the person is pregnant."""
        extra = ("pregnancy",) if self.pregnant else ()
        return frozenset((*self.conditions, *extra))

    @property
    def finding_set(self) -> frozenset[str]:
        return frozenset(self.findings)


_FIELD_RULES = {
    "age": "a whole number of years from 16 to 110",
    "sex": "one of female, male, other",
    "pregnant": "true or false",
    "duration_weeks": "a number of weeks from 0 to 5200",
    "pain": "a list with at least one painful spot",
    "region": "a region id",
    "side": "one of left, right, both, center",
    "intensity": "a whole number from 0 (no pain) to 10 (worst imaginable)",
    "findings": "a list of finding ids",
    "conditions": "a list of condition ids",
    "cleared_by_clinician": "true or false",
    "props": "a list of prop ids (an empty list means none)",
    "minutes": "a whole number of minutes from 3 to 60",
    "floor_ok": "true or false",
    "experience": "one of new, some, experienced",
    "abdominal_screen_answered": "true or false",
}


def _where(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "intake"


def _friendly(error: Mapping[str, Any]) -> str:
    loc = tuple(error["loc"])
    where = _where(loc)
    if error["type"] == "missing":
        return f"{where} is missing: it must be {_FIELD_RULES.get(str(loc[-1]), 'given')}"
    if error["type"] == "extra_forbidden":
        return f"unknown field '{where}'; the fields are: {', '.join(_FIELD_RULES)}"
    named = [p for p in loc if isinstance(p, str)]
    rule = _FIELD_RULES.get(named[-1]) if named else None
    given = error.get("input")
    shown = f" (got {given!r})" if given is not None and not isinstance(given, dict | list) else ""
    if rule is None:
        return f"{where}: {error['msg']}"
    return f"{where} must be {rule}{shown}"


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _phrase_index(kb: KnowledgeBase) -> dict[str, str]:
    index: dict[str, str] = {}
    for finding in kb.findings.values():
        for phrase in (*finding.phrases, finding.short):
            index.setdefault(_normalise(phrase), finding.id)
    return index


_PHRASES: dict[int, tuple[KnowledgeBase, dict[str, str]]] = {}


def _phrases_of(kb: KnowledgeBase) -> dict[str, str]:
    cached = _PHRASES.get(id(kb))
    if cached is None or cached[0] is not kb:
        cached = (kb, _phrase_index(kb))
        _PHRASES[id(kb)] = cached
    return cached[1]


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
    if not close:
        return f"unknown {kind} '{value}'; see `unknot library {kind}s` for the valid ids"
    options = "' or '".join(close)
    return f"unknown {kind} '{value}'; did you mean '{options}'?"


def _check_ids(intake: Intake, kb: KnowledgeBase) -> tuple[list[str], tuple[str, ...]]:
    problems: list[str] = []
    phrases = _phrases_of(kb)
    findings: list[str] = []
    for value in intake.findings:
        if value in kb.findings:
            findings.append(value)
        elif (mapped := phrases.get(_normalise(value))) is not None:
            findings.append(mapped)
        else:
            problems.append(_unknown("finding", value, kb.findings))
    for spot in intake.pain:
        if spot.region not in kb.regions:
            problems.append(_unknown("region", spot.region, kb.regions))
    for value in intake.conditions:
        if value not in kb.conditions:
            problems.append(_unknown("condition", value, kb.conditions))
    for value in intake.props:
        if value not in kb.props:
            problems.append(_unknown("prop", value, kb.props))
    return problems, tuple(dict.fromkeys(findings))


def parse_intake(data: Any, kb: KnowledgeBase) -> Intake:
    """Validate ``data`` (a decoded JSON object) and return the :class:`Intake`.

    Raises :class:`IntakeError` listing every problem found, in plain words. Edge cases:
    an age under 16 is refused with its own message (the product is not for children);
    a finding given as a known everyday phrase is stored as its id; duplicates are dropped;
    when ``pregnant`` is true, ``pregnancy`` joins the active conditions.
    """
    if not isinstance(data, Mapping):
        raise IntakeError(["an intake must be a JSON object with at least 'age' and 'pain'"])
    age = data.get("age")
    if isinstance(age, int) and not isinstance(age, bool) and 0 <= age < MIN_AGE:
        raise IntakeError(
            [
                f"age {age}: unknot is made for adults and young people from {MIN_AGE}; "
                "back pain in a child needs a doctor or a children's physiotherapist"
            ]
        )
    try:
        intake = Intake.model_validate(data)
    except ValidationError as exc:
        raise IntakeError(_friendly(e) for e in exc.errors()) from None
    if intake.age < MIN_AGE:  # a float-free int under 16 is caught above; keep the rule total
        raise IntakeError([f"age {intake.age}: unknot is not for children under {MIN_AGE}"])
    problems, findings = _check_ids(intake, kb)
    if problems:
        raise IntakeError(problems)
    conditions, props = tuple(dict.fromkeys(intake.conditions)), tuple(dict.fromkeys(intake.props))
    if (findings, conditions, props) == (intake.findings, intake.conditions, intake.props):
        return intake  # the common case: nothing to normalise
    return intake.model_copy(
        update={
            "findings": findings,
            "conditions": conditions,
            "props": props,
        }
    )
