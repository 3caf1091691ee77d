"""Intake validation: bad input gets a clear message that says how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from unknot.clinical import IntakeError, parse_intake
from unknot.clinical.intake import active_conditions
from unknot.knowledge import KnowledgeBase

GOOD: dict[str, Any] = {
    "age": 48,
    "sex": "male",
    "pregnant": False,
    "duration_weeks": 26,
    "pain": [{"region": "low_back", "side": "right", "intensity": 6}],
    "findings": ["pain_standing_after_sitting", "eased_lying_hips_bent"],
    "conditions": [],
    "cleared_by_clinician": False,
    "props": ["firm_ball", "yoga_block"],
    "minutes": 15,
    "floor_ok": True,
}


def with_(**changes: Any) -> dict[str, Any]:
    return {**GOOD, **changes}


def test_it_accepts_the_example_of_intake_md(kb: KnowledgeBase) -> None:
    intake = parse_intake(GOOD, kb)
    assert intake.age == 48
    assert intake.findings == ("pain_standing_after_sitting", "eased_lying_hips_bent")
    assert intake.pain[0].region == "low_back"


@dataclass(frozen=True)
class Bad:
    name: str
    data: Any
    message: str


BAD = [
    Bad(
        "misspelt finding",
        with_(findings=["pain_standing_after_siting"]),
        "unknown finding 'pain_standing_after_siting'; did you mean 'pain_standing_after_sitting'",
    ),
    Bad(
        "unknown region", with_(pain=[{"region": "elbw", "intensity": 3}]), "unknown region 'elbw'"
    ),
    Bad("unknown prop", with_(props=["lacrosse"]), "unknown prop 'lacrosse'"),
    Bad(
        "unknown condition id",
        with_(conditions=["long_term_steroid"]),
        "did you mean 'long_term_steroids'",
    ),
    Bad("a child", with_(age=12), "age 12: unknot is made for people aged 16 and over"),
    Bad("too old", with_(age=130), "age must be a whole number of years from 16 to 110 (got 130)"),
    Bad("missing age", {k: v for k, v in GOOD.items() if k != "age"}, "age is missing"),
    Bad("no pain", with_(pain=[]), "pain must be a list with at least one painful spot"),
    Bad(
        "intensity too high",
        with_(pain=[{"region": "low_back", "side": "left", "intensity": 11}]),
        "pain[0].intensity must be a whole number from 0 (no pain) to 10",
    ),
    Bad("bad side", with_(pain=[{"region": "low_back", "side": "up", "intensity": 2}]), "side"),
    Bad(
        "too few minutes",
        with_(minutes=1),
        "minutes must be a whole number of minutes from 3 to 60",
    ),
    Bad("unknown field", with_(colour="blue"), "unknown field 'colour'"),
    Bad("not an object", [1, 2], "an intake must be a JSON object"),
    Bad("age as text", with_(age="forty"), "age must be a whole number"),
]


@pytest.mark.parametrize("case", BAD, ids=lambda case: case.name)
def test_it_refuses_bad_input_with_a_clear_message(kb: KnowledgeBase, case: Bad) -> None:
    with pytest.raises(IntakeError) as raised:
        parse_intake(case.data, kb)
    assert case.message in str(raised.value)


def test_it_lists_every_problem_at_once(kb: KnowledgeBase) -> None:
    data = with_(findings=["nope_one"], props=["nope_two"])
    with pytest.raises(IntakeError) as raised:
        parse_intake(data, kb)
    assert len(raised.value.messages) == 2


def test_plain_words_map_to_the_finding_id(kb: KnowledgeBase) -> None:
    intake = parse_intake(with_(findings=["Numb where I sit on a bike saddle!"]), kb)
    assert intake.findings == ("saddle_numbness",)


def test_pregnancy_becomes_an_active_condition(kb: KnowledgeBase) -> None:
    intake = parse_intake(with_(sex="female", pregnant=True), kb)
    assert "pregnancy" in active_conditions(intake, kb)


def test_duplicates_are_dropped(kb: KnowledgeBase) -> None:
    intake = parse_intake(with_(props=["firm_ball", "firm_ball"]), kb)
    assert intake.props == ("firm_ball",)


def test_every_id_of_the_contract_is_accepted(kb: KnowledgeBase) -> None:
    from tests import intake_ids

    data = with_(
        pain=[{"region": r, "side": "left", "intensity": 1} for r in intake_ids.REGIONS],
        findings=intake_ids.FINDINGS + intake_ids.RED_FLAG_FINDINGS,
        conditions=intake_ids.CONDITIONS,
        props=intake_ids.PROPS,
    )
    intake = parse_intake(data, kb)
    assert len(intake.findings) == len(intake_ids.FINDINGS) + len(intake_ids.RED_FLAG_FINDINGS)
