"""Properties that hold for every valid intake."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from tests.strategies import intakes
from unknot.clinical import assess, parse_intake
from unknot.clinical.assess import assessment_json
from unknot.knowledge import load_knowledge

KB = load_knowledge()
VERDICTS = {"self_care", "see_clinician", "urgent", "emergency"}


@settings(max_examples=300, deadline=None)
@given(intakes())
def test_assess_never_crashes_and_explains_every_muscle(data: dict[str, Any]) -> None:
    result = assess(parse_intake(data, KB), KB)
    answer = assessment_json(result, KB)
    assert answer["screening"]["verdict"] in VERDICTS
    assert answer["screening"]["reasons"]
    scores = [m["score"] for m in answer["muscles"]]
    assert scores == sorted(scores, reverse=True)
    for muscle in answer["muscles"]:
        assert 0.0 <= muscle["score"] <= 1.0
        assert muscle["because"]
        for reason in muscle["because"]:
            assert reason["text"] and reason["sources"]
            assert set(reason["sources"]) <= set(KB.sources)


@settings(max_examples=200, deadline=None)
@given(intakes())
def test_cauda_equina_signs_always_mean_emergency(data: dict[str, Any]) -> None:
    data["findings"] = [*data["findings"], "saddle_numbness"]
    result = assess(parse_intake(data, KB), KB)
    assert result.screening.verdict.value == "emergency"
    assert result.muscles == ()


@settings(max_examples=200, deadline=None)
@given(intakes())
def test_fever_is_never_self_care_whatever_else(data: dict[str, Any]) -> None:
    data["findings"] = [*data["findings"], "fever"]
    data["cleared_by_clinician"] = True
    result = assess(parse_intake(data, KB), KB)
    assert result.screening.verdict.value in {"urgent", "emergency"}


@settings(max_examples=200, deadline=None)
@given(intakes())
def test_a_clearance_never_makes_a_verdict_worse(data: dict[str, Any]) -> None:
    before = assess(parse_intake({**data, "cleared_by_clinician": False}, KB), KB)
    after = assess(parse_intake({**data, "cleared_by_clinician": True}, KB), KB)
    assert after.screening.verdict.rank <= before.screening.verdict.rank
    if before.screening.verdict.value in {"urgent", "emergency"}:
        assert after.screening.verdict == before.screening.verdict
