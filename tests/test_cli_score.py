"""``unknot score``: each command, its JSON, and refusals with exit code 2 and no traceback."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from unknot.cli.app import app

runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, ["score", *args], env={"COLUMNS": "300"})


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@dataclass(frozen=True)
class TextCase:
    args: tuple[str, ...]
    shows: str


TEXT_CASES = [
    TextCase(("nprs", "6"), "You rated your pain 6 out of 10."),
    TextCase(
        ("nprs", "4", "--before", "6"), "Your pain fell by 2 points: a meaningful improvement."
    ),
    TextCase(("rmdq", "yyyyyynnnnnnnnnnnnnnnnnn"), "You said 6 of the 24 statements fit you."),
    TextCase(("rmdq", "yyyyyy nnnnnn nnnnnn nnnnnn"), "You said 6 of the 24"),
    TextCase(("rmdq", "--count", "2"), "the range counted as recovered"),
    TextCase(("rmdq", "--count", "6", "--before", "12"), "fell by 6: a meaningful improvement."),
    TextCase(("odi", "2,1,3,-,2,1,2,2,1,2"), "Your Oswestry score is 35.6 %"),
    TextCase(("odi", "2,1,3,-,2,1,2,2,1,2"), "Mapi Research Trust"),
    TextCase(("odi", "-,1,3,2,2,1,2,2,1,2"), "Your Oswestry score is 35.6 %"),
    TextCase(("startback", "1,0,1,1,0,1,0,0,very_much"), "medium risk"),
    TextCase(("startback", "y,n,y,y,y,y,y,y,extremely"), "high risk"),
    TextCase(("startback", "n,n,n,n,n,n,n,n,not_at_all"), "Keele University"),
    TextCase(("psfs", "walking=4", "sitting long=6"), "Your average is 5 out of 10"),
    TextCase(("compare", "rmdq", "12", "6"), "Your Roland-Morris score fell by 6"),
    TextCase(("compare", "nprs", "4", "6"), "Your pain rose by 2 points: a meaningful worsening."),
    TextCase(("measures",), "Patient-Specific Functional Scale"),
]


@pytest.mark.parametrize("case", TEXT_CASES, ids=lambda c: " ".join(c.args))
def test_it_prints_a_readable_result(case: TextCase) -> None:
    result = run(*case.args)
    assert result.exit_code == 0, result.output
    assert case.shows in result.stdout


def test_its_json_has_the_score_the_change_and_the_notice() -> None:
    data = run_json("odi", "2,1,3,-,2,1,2,2,1,2", "--before", "60")
    assert set(data) == {"score", "change", "notice"}
    assert data["score"]["value"] == pytest.approx(1600 / 45)
    assert data["score"]["rounded"] == 35.6
    assert data["score"]["band"] == "moderate"
    assert data["score"]["skipped"] == [4]
    assert data["change"]["direction"] == "better"
    assert data["change"]["meaningful"] is True
    assert "Mapi Research Trust" in data["notice"]


def test_its_json_has_no_change_or_notice_for_a_free_measure_alone() -> None:
    data = run_json("nprs", "6")
    assert data["score"]["value"] == 6
    assert data["change"] is None
    assert data["notice"] is None


def test_its_json_gives_the_startback_risk_group() -> None:
    score = run_json("startback", "1,0,1,1,0,1,0,0,very_much")["score"]
    assert (score["total"], score["distress"], score["risk"]) == (5, 2, "medium")


def test_its_json_lists_the_psfs_activities() -> None:
    score = run_json("psfs", "walking=4", "sitting=6")["score"]
    assert score["activities"] == [
        {"name": "walking", "rating": 4},
        {"name": "sitting", "rating": 6},
    ]


def test_its_compare_json_says_whether_the_change_matters() -> None:
    change = run_json("compare", "psfs", "3", "5")["change"]
    assert change["direction"] == "better"
    assert change["meaningful"] is True
    assert change["threshold"] == "about 2 points"


def test_its_measures_json_carries_each_licence() -> None:
    result = run("measures", "--json")
    measures = {m["id"]: m for m in json.loads(result.stdout)}
    assert set(measures) == {"nprs", "rmdq", "odi", "startback", "psfs"}
    assert measures["startback"]["licence"]["ship_item_text"] is True  # Keele's own text
    assert measures["odi"]["licence"]["ship_item_text"] is False  # needs a licensed copy
    assert measures["odi"]["prompts"] == []


@dataclass(frozen=True)
class BadCase:
    args: tuple[str, ...]
    says: str


BAD_CASES = [
    BadCase(("nprs", "11"), "NPRS pain rating 11 is out of range 0-10"),
    BadCase(("nprs", "-1"), "NPRS pain rating -1 is out of range 0-10"),
    BadCase(("nprs", "six"), "Invalid value for 'VALUE'"),
    BadCase(("nprs", "6", "--before", "12"), "NPRS score before 12 is out of range 0-10"),
    BadCase(("rmdq", "yyyn"), "RMDQ needs 24 yes/no answers, one per statement, got 4"),
    BadCase(("rmdq", "yyyx" + "n" * 20), "RMDQ answer 4 'x' must be y or n"),
    BadCase(("rmdq", "--count", "25"), "RMDQ score 25 is out of range 0-24"),
    BadCase(("rmdq", "n" * 24, "--count", "3"), "not both"),
    BadCase(("rmdq",), "RMDQ needs 24"),
    BadCase(("odi", "2,1,7,-,2,1,2,2,1,2"), "ODI section 3 score 7 is out of range 0-5"),
    BadCase(("odi", "2,1,x,-,2,1,2,2,1,2"), "ODI section 3 'x' must be a whole number 0-5"),
    BadCase(("odi", "2,1"), "ODI needs 10 section scores"),
    BadCase(("odi", "-,-,-,1,1,1,1,1,1,1"), "at least 8 of 10 sections answered, got 7"),
    BadCase(("startback", "1,0,1"), "STarT Back needs 9 answers"),
    BadCase(("startback", "1,0,1,1,0,1,0,maybe,slightly"), "STarT Back item 8 'maybe'"),
    BadCase(("startback", "1,0,1,1,0,1,0,0,often"), "STarT Back item 9 must be one of"),
    BadCase(("psfs", "walking"), "PSFS 'walking' must be an activity and a whole-number rating"),
    BadCase(("psfs", "walking=11"), "PSFS rating for 'walking' 11 is out of range 0-10"),
    BadCase(("psfs", "walk=1", "Walk=2"), "PSFS activity 'Walk' is listed twice"),
    BadCase(("compare", "startback", "3", "5"), "no measure of change"),
    BadCase(("compare", "vas", "3", "5"), "unknown measure 'vas'"),
]


@pytest.mark.parametrize("case", BAD_CASES, ids=lambda c: " ".join(c.args))
def test_it_refuses_bad_input_with_exit_code_2_and_a_message(case: BadCase) -> None:
    result = run(*case.args)
    assert result.exit_code == 2
    assert case.says in " ".join(result.stderr.split())
    assert "Traceback" not in result.output
    assert result.stdout == ""
