"""What an intake names, checked against the knowledge base: ids strictly (with the
closest valid ids for a typo), everyday words read by :mod:`unknot.clinical.phrases`, a phrase
given in the wrong list read in the list it fits. Used by :mod:`unknot.clinical.intake`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from unknot.clinical.phrases import Reading, looks_like_id, reader
from unknot.knowledge import KnowledgeBase

if TYPE_CHECKING:
    from unknot.clinical.intake import Intake


def unknown(kind: str, value: str, known: Iterable[str]) -> str:
    shown = value if len(value) <= 60 else value[:60] + "..."
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
    if not close:
        return f"unknown {kind} '{shown}'; see `unknot library {kind}s` for the valid ids"
    options = "' or '".join(close)
    return f"unknown {kind} '{shown}'; did you mean '{options}'?"


def _read_answers(
    values: Iterable[str], field: Literal["findings", "conditions"], kb: KnowledgeBase
) -> tuple[list[str], list[Reading], list[str]]:
    """Ids, the readings of everyday phrases, and the problems (unknown snake_case ids)."""
    known = kb.findings if field == "findings" else kb.conditions
    kind = "finding" if field == "findings" else "condition"
    ids: list[str] = []
    readings: list[Reading] = []
    problems: list[str] = []
    for value in values:
        if value in known:
            ids.append(value)
        elif looks_like_id(value):
            problems.append(unknown(kind, value, known))
        else:
            reading = reader(kb).read(value, field)
            readings.append(reading)
            ids.extend(reading.ids)
    return ids, readings, problems


def _read_across(
    readings: list[Reading], field: Literal["findings", "conditions"], kb: KnowledgeBase
) -> tuple[list[Reading], list[str]]:
    """A phrase given in the other list ("on steroids for years" as a finding, "fever" as a
    condition) that was not understood there is read as ``field``; it can only add answers."""
    kept: list[Reading] = []
    found: list[str] = []
    for reading in readings:
        if not reading.understood:
            other = reader(kb).read(reading.text, field)
            if other.understood:
                reading = other
                found.extend(other.ids)
        kept.append(reading)
    return kept, found


def check_ids(intake: Intake, kb: KnowledgeBase) -> tuple[list[str], dict[str, Any]]:
    findings, finding_readings, problems = _read_answers(intake.findings, "findings", kb)
    conditions, condition_readings, condition_problems = _read_answers(
        intake.conditions, "conditions", kb
    )
    finding_readings, more_conditions = _read_across(finding_readings, "conditions", kb)
    condition_readings, more_findings = _read_across(condition_readings, "findings", kb)
    findings += more_findings
    conditions += more_conditions
    problems += condition_problems
    for spot in intake.pain:
        if spot.region not in kb.regions:
            problems.append(unknown("region", spot.region, kb.regions))
    for value in intake.props:
        if value not in kb.props:
            problems.append(unknown("prop", value, kb.props))
    for recorded in intake.recorded_clearances:
        for rule in recorded.rules:
            if rule not in kb.red_flags:
                problems.append(unknown("red flag rule", rule, kb.red_flags))
        if recorded.profession not in kb.professions:
            problems.append(unknown("profession", recorded.profession, kb.professions))
    changes = {
        "findings": tuple(dict.fromkeys(findings)),
        "conditions": tuple(dict.fromkeys(conditions)),
        "props": tuple(dict.fromkeys(intake.props)),
        "readings": (*finding_readings, *condition_readings),
    }
    return problems, changes
