"""An ``Intake`` built by hand in Python skips ``parse_intake``: the screening, the ranking and
the planner check it themselves and refuse it with the same plain messages, never a KeyError
deep inside and never a misspelt warning sign passed over in silence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from unknot.clinical import Intake, IntakeError, assess, rank_muscles, screen
from unknot.knowledge import KnowledgeBase
from unknot.planning import answer, plan_routine

SPOT = {"region": "low_back", "side": "right", "intensity": 5}


@dataclass(frozen=True)
class Case:
    name: str
    changes: dict[str, Any]
    says: str


CASES = [
    Case("misspelt red flag", {"findings": ("saddle_numbnes",)}, "did you mean 'saddle_numbness'"),
    Case("unknown condition", {"conditions": ("osteoporosiss",)}, "unknown condition"),
    Case("unknown region", {"pain": ({**SPOT, "region": "elbow"},)}, "unknown region 'elbow'"),
    Case("unknown prop", {"props": ("trampoline",)}, "unknown prop 'trampoline'"),
    Case("everyday words", {"findings": ("numb where I sit",)}, "parse_intake"),
    Case("a child", {"age": 9}, "age 9"),
    Case("intensity out of range", {"pain": ({**SPOT, "intensity": 11},)}, "intensity"),
    Case(
        "unknown profession",
        {
            "recorded_clearances": (
                {
                    "rules": ("past_cancer",),
                    "examined_on": "2026-01-05",
                    "profession": "wizard",
                    "by": "Dr Who",
                },
            )
        },
        "unknown profession 'wizard'",
    ),
]
ENTRY_POINTS: dict[str, Callable[[Intake, KnowledgeBase], object]] = {
    "answer": answer,
    "assess": assess,
    "screen": screen,
    "rank_muscles": rank_muscles,
}


def by_hand(**changes: Any) -> Intake:
    fields: dict[str, Any] = {"age": 40, "pain": (SPOT,), "floor_ok": True, **changes}
    return Intake(**fields)


@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=str)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_hand_built_intake_with_a_bad_value_is_refused_plainly(
    case: Case, entry: str, kb: KnowledgeBase
) -> None:
    with pytest.raises(IntakeError) as caught:
        ENTRY_POINTS[entry](by_hand(**case.changes), kb)
    assert case.says in str(caught.value)


def test_the_planner_checks_too(kb: KnowledgeBase) -> None:
    good = by_hand()
    assessment = assess(good, kb)
    with pytest.raises(IntakeError, match="unknown prop"):
        plan_routine(by_hand(props=("trampoline",)), assessment, kb)


def test_a_good_hand_built_intake_is_answered(kb: KnowledgeBase) -> None:
    result = answer(by_hand(findings=("pain_standing_after_sitting",), props=("yoga_block",)), kb)
    assert result.routine is not None


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_bad_intake_is_refused_every_time_even_after_a_good_one(
    case: Case, kb: KnowledgeBase
) -> None:
    """The check is not repeated for the very intake object that just passed it (frozen, the
    same knowledge base): any other, and a refused one, is checked again."""
    good = by_hand()
    answer(good, kb)
    bad = by_hand(**case.changes)
    for entry in ENTRY_POINTS.values():
        with pytest.raises(IntakeError):
            entry(bad, kb)
    answer(good, kb)
    with pytest.raises(IntakeError):
        screen(bad, kb)
