"""Outcome measures: scores, bands, risk groups, change, refusals, and the measures data."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from unknot.clinical.change import Direction, compare
from unknot.clinical.outcomes import (
    OdiScore,
    OutcomeInputError,
    Score,
    score_nprs,
    score_odi,
    score_psfs,
    score_rmdq,
    score_startback,
)
from unknot.knowledge import KnowledgeError, load_knowledge
from unknot.knowledge.loader import DATA_DIR
from unknot.knowledge.measures import MEASURES_FILE, load_measures, load_measures_from


def sections(total: int, answered: int = 10) -> list[int | None]:
    """ODI section scores adding up to ``total`` over ``answered`` sections, the rest skipped."""
    scores: list[int | None] = []
    for _ in range(answered):
        scores.append(min(5, total))
        total -= min(5, total)
    assert total == 0, "more points than the sections can hold"
    return scores + [None] * (10 - answered)


def startback(agree: set[int], last: str = "not_at_all") -> list[bool | str]:
    return [number in agree for number in range(1, 9)] + [last]


# --- scores -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreCase:
    name: str
    score: Callable[[], Score]
    value: float
    rounded: float | None = None  # None: the same as value
    band: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)


SCORE_CASES = [
    ScoreCase("nprs lowest", lambda: score_nprs(0), 0),
    ScoreCase("nprs highest", lambda: score_nprs(10), 10),
    ScoreCase("rmdq count", lambda: score_rmdq(9), 9, fields={"recovered": False}),
    ScoreCase("rmdq answers", lambda: score_rmdq([True] * 6 + [False] * 18), 6),
    ScoreCase("rmdq all no", lambda: score_rmdq([False] * 24), 0, fields={"recovered": True}),
    ScoreCase("rmdq 2 is recovered", lambda: score_rmdq(2), 2, fields={"recovered": True}),
    ScoreCase("rmdq 3 is not recovered", lambda: score_rmdq(3), 3, fields={"recovered": False}),
    ScoreCase("rmdq highest", lambda: score_rmdq(24), 24),
    # the worked examples of CLINICAL.md, exactly
    ScoreCase("odi 16 over 10", lambda: score_odi(sections(16)), 32, band="moderate"),
    ScoreCase(
        "odi 16 over 9",
        lambda: score_odi(sections(16, answered=9)),
        16 / 45 * 100,
        rounded=35.6,
        band="moderate",
        fields={"total": 16, "answered": 9, "skipped": (10,)},
    ),
    ScoreCase(
        "odi skipped in the middle",
        lambda: score_odi([2, 1, 3, None, 2, 1, 2, 2, 1, 2]),
        16 / 45 * 100,
        rounded=35.6,
        band="moderate",
        fields={"skipped": (4,)},
    ),
    ScoreCase("odi 8 answered", lambda: score_odi(sections(20, 8)), 50, band="severe"),
    # every band boundary: the top of a band, then the lowest score above it
    ScoreCase("odi 0", lambda: score_odi(sections(0)), 0, band="minimal"),
    ScoreCase("odi 20", lambda: score_odi(sections(10)), 20, band="minimal"),
    ScoreCase("odi 22", lambda: score_odi(sections(11)), 22, band="moderate"),
    ScoreCase("odi 22.2", lambda: score_odi(sections(10, 9)), 200 / 9, 22.2, "moderate"),
    ScoreCase("odi 40", lambda: score_odi(sections(20)), 40, band="moderate"),
    ScoreCase("odi 42", lambda: score_odi(sections(21)), 42, band="severe"),
    ScoreCase("odi 60", lambda: score_odi(sections(30)), 60, band="severe"),
    ScoreCase("odi 62", lambda: score_odi(sections(31)), 62, band="crippled"),
    ScoreCase("odi 80", lambda: score_odi(sections(40)), 80, band="crippled"),
    ScoreCase("odi 82", lambda: score_odi(sections(41)), 82, band="bed_bound"),
    ScoreCase("odi 100", lambda: score_odi(sections(50)), 100, band="bed_bound"),
    # STarT Back risk groups at their boundaries
    ScoreCase("startback nothing", lambda: score_startback(startback(set())), 0, band="low"),
    ScoreCase("startback total 3", lambda: score_startback(startback({1, 2, 3})), 3, band="low"),
    ScoreCase(
        "startback total 3 all distress",
        lambda: score_startback(startback({5, 6, 7})),
        3,
        band="low",
        fields={"distress": 3},
    ),
    ScoreCase(
        "startback total 4 no distress",
        lambda: score_startback(startback({1, 2, 3, 4})),
        4,
        band="medium",
        fields={"distress": 0, "risk": "medium"},
    ),
    ScoreCase(
        "startback distress 3", lambda: score_startback(startback({1, 5, 6, 7})), 4, band="medium"
    ),
    ScoreCase(
        "startback distress 4",
        lambda: score_startback(startback({5, 6, 7, 8})),
        4,
        band="high",
        fields={"distress": 4, "risk": "high"},
    ),
    ScoreCase(
        "startback item 9 very much counts",
        lambda: score_startback(startback({5, 6, 7}, "very_much")),
        4,
        band="high",
    ),
    ScoreCase(
        "startback item 9 moderately does not count",
        lambda: score_startback(startback({5, 6, 7}, "moderately")),
        3,
        band="low",
    ),
    ScoreCase(
        "startback item 9 in everyday spelling",
        lambda: score_startback(startback({1, 5, 6}, " Extremely ")),
        4,
        band="medium",
        fields={"distress": 3},
    ),
    ScoreCase(
        "startback everything",
        lambda: score_startback(startback(set(range(1, 9)), "very-much")),
        9,
        band="high",
        fields={"distress": 5},
    ),
    ScoreCase("psfs one activity", lambda: score_psfs({"walking": 4}), 4),
    ScoreCase("psfs mean", lambda: score_psfs({"walk": 4, "sit": 5, "lift": 4}), 13 / 3, 4.3),
    ScoreCase(
        "psfs rounds half up",
        lambda: score_psfs([("a", 2), ("b", 2), ("c", 2), ("d", 3)]),
        2.25,
        rounded=2.3,
    ),
    ScoreCase("psfs five", lambda: score_psfs({str(i): 10 for i in range(5)}), 10),
]


@pytest.mark.parametrize("case", SCORE_CASES, ids=lambda c: c.name)
def test_it_scores_each_measure_and_names_its_band(case: ScoreCase) -> None:
    result = case.score()
    assert result.value == pytest.approx(case.value, abs=1e-12)
    assert result.rounded == (case.value if case.rounded is None else case.rounded)
    assert result.band == case.band
    for name, expected in case.fields.items():
        assert getattr(result, name) == expected
    assert result.interpretation


def test_it_keeps_the_exact_odi_value_beside_the_rounded_one() -> None:
    result = score_odi(sections(16, answered=9))
    assert isinstance(result, OdiScore)
    assert result.value == 1600 / 45
    assert result.rounded == 35.6
    assert "35.6 %" in result.interpretation


def test_it_says_a_low_rmdq_score_counts_as_recovered() -> None:
    assert "recovered" in score_rmdq(2).interpretation


@given(
    scores=st.lists(st.integers(0, 5), min_size=10, max_size=10),
    skipped=st.sets(st.integers(0, 9), max_size=2),
)
def test_any_valid_odi_input_scores_between_0_and_100_with_a_band(
    scores: list[int], skipped: set[int]
) -> None:
    result = score_odi([None if i in skipped else s for i, s in enumerate(scores)])
    assert 0 <= result.value <= 100
    assert result.band is not None


# --- change -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeCase:
    measure: str
    before: float
    after: float
    direction: Direction
    meaningful: bool
    sentence: str = ""  # when given, the start of the sentence
    recovered: bool | None = None


B, W, S = Direction.better, Direction.worse, Direction.same
RMDQ_FELL_6 = "Your Roland-Morris score fell by 6: a meaningful improvement."
CHANGE_CASES = [
    ChangeCase("rmdq", 12, 6, B, True, RMDQ_FELL_6, recovered=False),
    ChangeCase("rmdq", 20, 16, B, False, "Your Roland-Morris score fell by 4: a small", False),
    ChangeCase("rmdq", 10, 15, W, True, "Your Roland-Morris score rose by 5: a meaningful", False),
    # under the 5-point floor, however large the percentage (CLINICAL.md section 3)
    ChangeCase("rmdq", 6, 2, B, False, "Your Roland-Morris score fell by 4", recovered=True),
    ChangeCase("rmdq", 2, 1, B, False, recovered=True),
    ChangeCase("rmdq", 2, 3, W, False, recovered=False),
    ChangeCase("rmdq", 20, 15, B, False, recovered=False),  # 5 points, but only a quarter
    ChangeCase("rmdq", 15, 10, B, True, recovered=False),  # 5 points and a third
    ChangeCase("nprs", 4, 6, W, True, "Your pain rose by 2 points: a meaningful worsening."),
    ChangeCase("nprs", 6, 4, B, True, "Your pain fell by 2 points: a meaningful improvement."),
    ChangeCase("nprs", 7, 6, B, False, "Your pain fell by 1 point: a small improvement"),
    ChangeCase("nprs", 3, 2, B, False),  # a third of the pain, but within its noise
    ChangeCase("nprs", 1, 2, W, False),  # doubled, but only 1 point
    ChangeCase("nprs", 0, 1, W, False),  # from 0, only the points threshold applies
    ChangeCase("nprs", 8, 10, W, True),  # a worsening needs the floor only: 2 points is 25 %
    ChangeCase("nprs", 8, 6, B, False),  # an improvement needs 30 % as well: 2 of 8 is 25 %
    ChangeCase("nprs", 3, 2.5, B, False, "Your pain fell by 0.5 points: a small improvement"),
    ChangeCase("nprs", 4, 4, S, False, "Your pain stayed at 4: no change."),
    ChangeCase("odi", 50, 40, B, False, "Your Oswestry score fell by 10 points: a small"),
    ChangeCase("odi", 50, 35, B, True, "Your Oswestry score fell by 15 points: a meaningful"),
    ChangeCase("odi", 50, 41, B, False),
    ChangeCase("odi", 32, 22, B, True),
    ChangeCase("odi", 30, 21, B, False),  # 30 %, but only 9 points
    ChangeCase("odi", 35.6, 1600 / 45, S, False),  # the same at the precision shown
    ChangeCase("odi", 20, 30, W, True, "Your Oswestry score rose by 10 points: a meaningful"),
    ChangeCase("psfs", 3, 5, B, True, "Your activity rating rose by 2 points: a meaningful"),
    ChangeCase("psfs", 5, 3.5, W, False, "Your activity rating fell by 1.5 points: a small"),
    ChangeCase("psfs", 6, 4, W, True, "Your activity rating fell by 2 points: a meaningful"),
]


@pytest.mark.parametrize(
    "case", CHANGE_CASES, ids=lambda c: f"{c.measure} {c.before:g} to {c.after:g}"
)
def test_it_tells_better_from_worse_and_meaningful_from_small(case: ChangeCase) -> None:
    change = compare(case.measure, case.before, case.after)
    assert change.direction is case.direction
    assert change.meaningful is case.meaningful
    assert change.sentence.startswith(case.sentence)
    assert change.recovered is case.recovered
    assert (change.advice is not None) == (case.meaningful and case.direction is W)


def test_it_says_when_roland_morris_reaches_recovered() -> None:
    assert "now in the recovered range (2 or less)" in compare("rmdq", 6, 2).sentence
    assert "still in the recovered range" in compare("rmdq", 2, 1).sentence
    assert "risen above 2" in compare("rmdq", 2, 3).sentence


def test_it_compares_two_score_results() -> None:
    change = compare("odi", score_odi(sections(25)), score_odi(sections(16, 9)))
    assert change.before == 50
    assert change.change == pytest.approx(1600 / 45 - 50)
    assert not change.meaningful  # 14.4 points, but 29 % of the start: short of 30 %
    assert compare("odi", score_odi(sections(25)), score_odi(sections(10))).meaningful


# --- refusals -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BadInput:
    name: str
    call: Callable[[], object]
    message: str  # a part of the message


BAD_INPUTS = [
    BadInput("nprs above 10", lambda: score_nprs(11), "NPRS pain rating 11 is out of range 0-10"),
    BadInput("nprs below 0", lambda: score_nprs(-1), "out of range 0-10"),
    BadInput("nprs half", lambda: score_nprs(5.5), "whole number from 0 to 10, got 5.5"),  # type: ignore[arg-type]
    BadInput("nprs bool", lambda: score_nprs(True), "whole number"),
    BadInput("rmdq count", lambda: score_rmdq(25), "RMDQ score 25 is out of range 0-24"),
    BadInput("rmdq short", lambda: score_rmdq([True] * 23), "RMDQ needs 24 yes/no answers"),
    BadInput("rmdq text", lambda: score_rmdq("y" * 24), "needs a list of 24"),  # type: ignore[arg-type]
    BadInput("rmdq y", lambda: score_rmdq(["y"] * 24), "RMDQ answer 1 must be yes or no"),  # type: ignore[list-item]
    BadInput(
        "odi section",
        lambda: score_odi([1, 1, 7, 1, 1, 1, 1, 1, 1, 1]),
        "ODI section 3 score 7 is out of range 0-5",
    ),
    BadInput("odi negative", lambda: score_odi([-1] + [1] * 9), "section 1 score -1 is out of"),
    BadInput("odi nine", lambda: score_odi([1] * 9), "ODI needs 10 section scores"),
    BadInput(
        "odi too many skipped",
        lambda: score_odi(sections(10, answered=7)),
        "ODI needs at least 8 of 10 sections answered, got 7",
    ),
    BadInput(
        "startback item 9",
        lambda: score_startback(startback(set(), "sometimes")),
        "STarT Back item 9 must be one of not_at_all, slightly, moderately, very_much, extremely",
    ),
    BadInput(
        "startback number",
        lambda: score_startback([True, 1, *[False] * 6, "slightly"]),  # type: ignore[list-item]
        "STarT Back item 2 must be agree or disagree, got 1",
    ),
    BadInput("startback eight", lambda: score_startback([True] * 8), "STarT Back needs 9"),
    BadInput("psfs none", lambda: score_psfs({}), "PSFS takes 1 to 5 activities, got 0"),
    BadInput("psfs six", lambda: score_psfs({str(i): 1 for i in range(6)}), "got 6"),
    BadInput(
        "psfs rating",
        lambda: score_psfs({"walking": 11}),
        "PSFS rating for 'walking' 11 is out of range 0-10",
    ),
    BadInput("psfs twice", lambda: score_psfs([("Walk", 2), ("walk ", 3)]), "listed twice"),
    BadInput("psfs no name", lambda: score_psfs([("  ", 2)]), "PSFS activity 1 needs a name"),
    BadInput("compare startback", lambda: compare("startback", 3, 5), "no measure of change"),
    BadInput("compare unknown", lambda: compare("vas", 3, 5), "unknown measure 'vas'"),
    BadInput("compare range", lambda: compare("odi", 120, 5), "ODI score before 120 is out"),
    BadInput("compare nan", lambda: compare("nprs", 3, float("nan")), "must be a number"),
    BadInput("compare mixed", lambda: compare("odi", score_nprs(3), 40), "is for nprs, not odi"),
]


@pytest.mark.parametrize("case", BAD_INPUTS, ids=lambda c: c.name)
def test_it_refuses_bad_input_with_a_clear_message(case: BadInput) -> None:
    with pytest.raises(OutcomeInputError) as caught:
        case.call()
    assert case.message in str(caught.value)
    assert isinstance(caught.value, ValueError)


# --- the measures data --------------------------------------------------------------------------


def test_every_measure_cites_known_sources() -> None:
    sources = load_knowledge().sources
    for m in load_measures().values():
        assert set(m.sources) <= set(sources)


def test_licensed_measures_ship_a_notice_and_only_their_authors_text() -> None:
    """Third-party measures carry their licence notice and never unknot's own wording; the
    Oswestry ships no item text at all (tests/test_questionnaires.py checks the texts that do)."""
    measures = load_measures()
    for measure_id in ("rmdq", "odi", "startback"):
        assert not measures[measure_id].prompts
        assert measures[measure_id].licence.notice
    assert not measures["odi"].licence.ship_item_text
    assert measures["nprs"].prompts
    assert measures["psfs"].prompts


@pytest.fixture
def measures_file(tmp_path: Path) -> Path:
    return Path(shutil.copy(DATA_DIR / MEASURES_FILE, tmp_path / MEASURES_FILE))


def _break(path: Path, change: Callable[[dict[str, dict[str, Any]]], None]) -> None:
    entries = yaml.safe_load(path.read_text())
    change({entry["id"]: entry for entry in entries})
    path.write_text(yaml.safe_dump(entries))


def test_it_refuses_a_gap_between_bands(measures_file: Path) -> None:
    _break(measures_file, lambda m: m["odi"]["bands"][1].update(min=30))
    with pytest.raises(KnowledgeError, match=r"measures.yaml: odi.bands\[1\].min: starts at 30"):
        load_measures_from(measures_file, load_knowledge().sources)


def test_it_refuses_an_unknown_source(measures_file: Path) -> None:
    _break(measures_file, lambda m: m["rmdq"]["recovered"].update(sources=["kamper_2011"]))
    with pytest.raises(
        KnowledgeError, match=re.escape("rmdq.recovered.sources: unknown source 'kamper_2011'")
    ):
        load_measures_from(measures_file, load_knowledge().sources)


def test_it_refuses_item_text_a_licence_does_not_allow(measures_file: Path) -> None:
    _break(measures_file, lambda m: m["odi"].update(prompts=["How bad is your pain?"]))
    with pytest.raises(KnowledgeError, match=r"measures\.yaml: odi.*item text may not ship"):
        load_measures_from(measures_file, None)
