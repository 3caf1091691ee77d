"""Muscle ranking: the published case reports, and the shape of every explanation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from unknot.clinical import parse_intake, rank_muscles
from unknot.knowledge import KnowledgeBase


def spots(*regions: str, side: str = "right", intensity: int = 6) -> list[dict[str, Any]]:
    return [{"region": r, "side": side, "intensity": intensity} for r in regions]


@dataclass(frozen=True)
class CaseReport:
    name: str
    pain: list[dict[str, Any]]
    findings: list[str]
    top: set[str]  # the first-ranked muscle must be one of these
    also_top3: frozenset[str] = frozenset()  # one of these must be in the top three


CASES = [
    CaseReport(
        "Tufo 2012: psoas syndrome",
        spots("low_back", "buttock_upper"),
        [
            "morning_stiffness",
            "cannot_stand_straight",
            "pain_standing_after_sitting",
            "eased_lying_hips_bent",
        ],
        {"psoas_major", "iliacus"},
    ),
    CaseReport(
        "Barge 2018: QL with secondary iliopsoas",
        spots("low_back", "buttock_lower", "hip_side", "si_joint"),
        [
            "constant_ache_any_position",
            "pain_turning_in_bed",
            "pain_cough_sneeze",
            "pain_bending_forward",
            "pain_standing_after_sitting",
        ],
        {"quadratus_lumborum"},
        frozenset({"psoas_major", "iliacus"}),
    ),
    CaseReport(
        "Green 1999: gluteus medius in a cyclist",
        spots("low_back", "sacrum", "buttock_outer"),
        ["pain_walking", "pain_lying_on_side"],
        {"gluteus_medius"},
    ),
    CaseReport(
        "seed 002: QL pattern",
        spots("tailbone", "buttock_upper", "buttock_outer", "buttock_lower", "low_back"),
        ["back_feels_weak", "constant_ache_any_position", "pain_lifting_carrying"],
        {"quadratus_lumborum"},
    ),
    CaseReport(
        "seed 001: psoas to groin and thigh",
        spots("low_back", "groin", "thigh_front"),
        ["hip_stiffness", "leaning_to_one_side", "pain_arching_back"],
        {"psoas_major", "iliacus"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case_reports_rank_the_reported_muscle_first(kb: KnowledgeBase, case: CaseReport) -> None:
    intake = parse_intake({"age": 40, "pain": case.pain, "findings": case.findings}, kb)
    ranked = rank_muscles(intake, kb)
    assert ranked[0].id in case.top
    if case.also_top3:
        assert {m.id for m in ranked[:3]} & case.also_top3


def test_every_score_is_explained_with_sources(kb: KnowledgeBase) -> None:
    intake = parse_intake({"age": 40, "pain": spots("low_back"), "findings": ["hip_stiffness"]}, kb)
    for muscle in rank_muscles(intake, kb):
        assert 0 < muscle.score <= 1
        assert muscle.because
        for evidence in muscle.because:
            assert evidence.text
            assert set(evidence.sources) <= set(kb.sources)


def test_more_agreeing_answers_raise_the_score(kb: KnowledgeBase) -> None:
    few = parse_intake({"age": 40, "pain": spots("low_back"), "findings": []}, kb)
    many = parse_intake(
        {
            "age": 40,
            "pain": spots("low_back"),
            "findings": ["pain_standing_after_sitting", "eased_lying_hips_bent"],
        },
        kb,
    )
    score = {m.id: m.score for m in rank_muscles(few, kb)}
    more = {m.id: m.score for m in rank_muscles(many, kb)}
    assert more["psoas_major"] > score["psoas_major"]


def test_pain_the_map_cannot_explain_lowers_the_score_and_is_said(kb: KnowledgeBase) -> None:
    base = {"age": 40, "findings": ["constant_ache_any_position", "pain_turning_in_bed"]}
    fits = parse_intake({**base, "pain": spots("low_back")}, kb)
    odd = parse_intake({**base, "pain": spots("low_back", "foot")}, kb)
    ql_fit = next(m for m in rank_muscles(fits, kb) if m.id == "quadratus_lumborum")
    ql_odd = next(m for m in rank_muscles(odd, kb) if m.id == "quadratus_lumborum")
    assert ql_odd.score < ql_fit.score
    assert any("foot" in text for text in ql_odd.does_not_fit)


def test_a_score_does_not_depend_on_who_else_is_ranked(kb: KnowledgeBase) -> None:
    """Scores are comparable across people: the same evidence gives the same score."""
    one = parse_intake({"age": 30, "pain": spots("low_back"), "findings": ["hip_stiffness"]}, kb)
    other = parse_intake(
        {"age": 70, "pain": spots("low_back"), "findings": ["hip_stiffness"], "props": ["bosu"]}, kb
    )
    assert rank_muscles(one, kb) == rank_muscles(other, kb)


def test_zero_intensity_is_not_evidence_and_nothing_may_rank(kb: KnowledgeBase) -> None:
    intake = parse_intake({"age": 40, "pain": spots("low_back", intensity=0)}, kb)
    assert rank_muscles(intake, kb) == ()


def test_a_painful_side_is_reported(kb: KnowledgeBase) -> None:
    intake = parse_intake(
        {"age": 40, "pain": spots("groin", side="left"), "findings": ["hip_stiffness"]}, kb
    )
    psoas = next(m for m in rank_muscles(intake, kb) if m.id == "psoas_major")
    assert psoas.sides == ("left",)
