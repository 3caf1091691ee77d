"""What a clinician's examination, as the person reports it, may lift, and what it may not.

CLINICAL.md: an examination for this episode resolves "pain over 6 weeks" and age thresholds;
it does not cover signs of possible cancer, infection, fracture, inflammatory disease or
neurological change, nor any sign that began after the examination.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings

from tests.helpers import plain_intake
from tests.strategies import intakes
from unknot.clinical import IntakeError, parse_intake, screen
from unknot.clinical.assess import assess
from unknot.knowledge import KnowledgeBase, load_knowledge
from unknot.knowledge.models import ClearedBy, Tier
from unknot.planning import answer

KB = load_knowledge()
TODAY = date(2026, 12, 1)


def intake(**changes: Any) -> dict[str, Any]:
    return plain_intake(**{"props": ["firm_ball"], **changes})


def test_the_issues_example_is_not_lifted_by_a_reported_clearance(kb: KnowledgeBase) -> None:
    """Age 62, cancer history, unrelenting night pain, weight loss, steadily worsening pain."""
    data = intake(
        age=62,
        conditions=["cancer_history"],
        findings=["night_pain_unrelenting", "unexplained_weight_loss", "pain_worsening_steadily"],
        cleared_by_clinician=True,
    )
    result = answer(parse_intake(data, kb, today=TODAY), kb)
    screening = result.assessment.screening
    # after cancer, night pain, weight loss and growing pain may be spread to the spine (NG234)
    assert screening.verdict is Tier.urgent
    assert result.routine is None
    ids = {r.id for r in screening.reasons}
    assert {"possible_spinal_metastases", "past_cancer", "night_pain", "weight_loss"} <= ids
    assert "worsening" in ids
    assert "age_new_pain" not in ids  # the age threshold is what an examination settles
    for reason in screening.reasons:
        if reason.tier is Tier.see_clinician:
            assert reason.note  # each says why the reported clearance does not reach it


@pytest.mark.parametrize(
    "rule", sorted(r.id for r in KB.red_flags.values() if not r.self_clearable)
)
def test_no_reported_clearance_lifts_a_rule_not_marked_self_report(
    kb: KnowledgeBase, rule: str
) -> None:
    """Every rule, built from the first of its `when` entries that needs no age or pain map."""
    data = next(
        (d for d in (_intake_for(m) for m in kb.red_flags[rule].when) if d is not None), None
    )
    assert data is not None, f"{rule}: no `when` entry can be built without an age"
    before = screen(parse_intake(data, kb), kb)
    after = screen(parse_intake({**data, "cleared_by_clinician": True}, kb), kb)
    assert rule in [r.id for r in before.reasons]
    assert rule in [r.id for r in after.reasons], "a reported clearance lifted it"
    assert after.verdict is before.verdict


def _intake_for(match: Any) -> dict[str, Any] | None:
    """An intake meeting ``match`` from findings, conditions and a duration; None when the
    match also needs an age or an onset age."""
    if match.onset_age_under is not None or match.age_over or match.age_under:
        return None
    findings = list(match.findings[: match.min])
    conditions = list(match.conditions[:1])
    for count in match.counts:
        for criterion in count.of[: count.min]:
            if criterion.regions or criterion.onset_age_under is not None:
                return None
            if criterion.finding:
                findings.append(criterion.finding)
            if criterion.condition:
                conditions.append(criterion.condition)
    weeks = match.duration_weeks_at_least or (
        match.duration_weeks_under / 2 if match.duration_weeks_under else 3
    )
    pain = [{"region": (match.regions or ("low_back",))[0], "side": "right", "intensity": 5}]
    return intake(findings=findings, conditions=conditions, duration_weeks=weeks, pain=pain)


@settings(max_examples=200, deadline=None)
@given(intakes())
def test_a_clearance_never_lifts_a_rule_marked_as_not_clearable(data: dict[str, Any]) -> None:
    plain = screen(parse_intake({**data, "cleared_by_clinician": False}, KB), KB)
    cleared = screen(parse_intake({**data, "cleared_by_clinician": True}, KB), KB)
    kept = {r.id for r in plain.reasons if r.clearance is not ClearedBy.self_report}
    assert kept <= {r.id for r in cleared.reasons}
    assert cleared.verdict.rank <= plain.verdict.rank


def test_an_examination_for_this_bout_lifts_long_lasting_pain(kb: KnowledgeBase) -> None:
    examined = (TODAY - timedelta(weeks=2)).isoformat()
    data = intake(duration_weeks=26, cleared_by_clinician=True, cleared_on=examined)
    result = screen(parse_intake(data, kb, today=TODAY), kb)
    assert result.verdict is Tier.self_care
    assert "cleared_persistent_unexamined" in [c.id for c in result.cautions]


def test_an_examination_before_this_bout_began_covers_nothing(kb: KnowledgeBase) -> None:
    examined = TODAY - timedelta(weeks=40)
    data = intake(duration_weeks=26, cleared_by_clinician=True, cleared_on=examined.isoformat())
    result = screen(parse_intake(data, kb, today=TODAY), kb)
    assert result.verdict is Tier.see_clinician
    reason = next(r for r in result.reasons if r.id == "persistent_unexamined")
    assert reason.note and examined.isoformat() in reason.note


def test_the_day_of_the_answers_in_the_document_wins_over_today(kb: KnowledgeBase) -> None:
    """A kept intake is judged against the day it was answered, whenever it is looked at."""
    data = intake(
        duration_weeks=26,
        cleared_by_clinician=True,
        cleared_on="2026-01-10",
        answered_on="2026-02-01",
    )
    later = screen(parse_intake(data, kb, today=date(2030, 1, 1)), kb)
    assert later.verdict is Tier.self_care


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"cleared_by_clinician": True, "cleared_on": "2026-12-24"},
            "cleared_on 2026-12-24 is after the day of these answers",
        ),
        ({"cleared_on": "2026-11-01"}, "cleared_on is given but cleared_by_clinician is not"),
        ({"cleared_by_clinician": True, "cleared_on": "last week"}, "cleared_on must be a date"),
    ],
)
def test_a_clearance_date_that_cannot_be_right_is_refused(
    kb: KnowledgeBase, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(IntakeError) as raised:
        parse_intake(intake(**changes), kb, today=TODAY)
    assert message in str(raised.value)


def test_a_sign_reported_after_the_examination_is_never_covered(kb: KnowledgeBase) -> None:
    """A check-in screens its findings alone, with no clearance assumed (diary check-ins)."""
    from unknot.clinical.screening import screen_findings

    result = screen_findings(["unexplained_weight_loss"], kb)
    assert result.verdict is Tier.see_clinician


def test_urgent_and_emergency_are_never_lifted(kb: KnowledgeBase) -> None:
    for data in (intake(findings=["fever"]), intake(findings=["saddle_numbness"])):
        cleared = assess(parse_intake({**data, "cleared_by_clinician": True}, kb), kb)
        assert cleared.screening.verdict in (Tier.urgent, Tier.emergency)


# --- clearances a practitioner recorded in unknot -------------------------------------------------


def _recorded(profession: str, *rules: str, on: str = "2026-11-20") -> dict[str, Any]:
    return {"rules": list(rules), "examined_on": on, "profession": profession, "by": "Sam Reid"}


def test_a_clinicians_recorded_clearance_lifts_the_rules_it_names(kb: KnowledgeBase) -> None:
    data = intake(
        age=62,
        duration_weeks=10,
        conditions=["cancer_history"],
        recorded_clearances=[
            _recorded("physiotherapist", "past_cancer", "age_new_pain", "persistent_unexamined")
        ],
    )
    result = screen(parse_intake(data, kb, today=TODAY), kb)
    assert result.verdict is Tier.self_care
    caution = next(c for c in result.cautions if c.id == "cleared_past_cancer")
    assert "Sam Reid" in caution.text and "physiotherapist" in caution.text


def test_a_recorded_clearance_lifts_only_what_it_names(kb: KnowledgeBase) -> None:
    data = intake(
        age=62,
        conditions=["cancer_history"],
        findings=["minor_trauma_recent"],
        recorded_clearances=[_recorded("doctor", "past_cancer", "age_new_pain")],
    )
    result = screen(parse_intake(data, kb, today=TODAY), kb)
    assert [r.id for r in result.reasons] == ["minor_trauma"]


@pytest.mark.parametrize("profession", ["massage_therapist", "yoga_teacher", "other"])
def test_a_practitioner_who_does_not_diagnose_cannot_lift_a_warning_sign(
    kb: KnowledgeBase, profession: str
) -> None:
    assert not kb.professions[profession].records_clearance
    data = intake(
        conditions=["cancer_history"], recorded_clearances=[_recorded(profession, "past_cancer")]
    )
    assert screen(parse_intake(data, kb, today=TODAY), kb).verdict is Tier.see_clinician


def test_a_recorded_clearance_never_lifts_urgent_or_emergency(kb: KnowledgeBase) -> None:
    data = intake(
        findings=["fever"], recorded_clearances=[_recorded("doctor", "possible_infection")]
    )
    assert screen(parse_intake(data, kb, today=TODAY), kb).verdict is Tier.urgent


def test_a_recorded_clearance_from_before_this_bout_covers_nothing(kb: KnowledgeBase) -> None:
    data = intake(
        duration_weeks=8,
        conditions=["cancer_history"],
        recorded_clearances=[_recorded("doctor", "past_cancer", on="2026-01-05")],
    )
    assert screen(parse_intake(data, kb, today=TODAY), kb).verdict is Tier.see_clinician


@pytest.mark.parametrize(
    ("recorded", "message"),
    [
        (_recorded("doctor", "past_cancr"), "unknown red flag rule 'past_cancr'"),
        (_recorded("wizard", "past_cancer"), "unknown profession 'wizard'"),
        (_recorded("doctor", "past_cancer", on="2027-01-01"), "is after these answers"),
    ],
)
def test_a_recorded_clearance_that_cannot_be_right_is_refused(
    kb: KnowledgeBase, recorded: dict[str, Any], message: str
) -> None:
    with pytest.raises(IntakeError) as raised:
        parse_intake(intake(recorded_clearances=[recorded]), kb, today=TODAY)
    assert message in str(raised.value)
