"""Red-flag screening: one row per trigger of CLINICAL.md section 1, plus the traps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.helpers import plain_intake
from unknot.clinical import parse_intake, screen
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.exclusion import softest_pressing


def intake(**changes: Any) -> dict[str, Any]:
    """A 40-year-old with three weeks of one-sided low back pain and nothing else."""
    return plain_intake(**changes)


@dataclass(frozen=True)
class Case:
    name: str
    data: dict[str, Any]
    verdict: str
    rule: str | None = None  # a reason id that must be given
    not_rules: tuple[str, ...] = field(default=())


def f(*findings: str, **changes: Any) -> dict[str, Any]:
    return intake(findings=list(findings), **changes)


def c(*conditions: str, **changes: Any) -> dict[str, Any]:
    return intake(conditions=list(conditions), **changes)


CASES = [
    # emergency: possible cauda equina or severe neurological loss
    Case("saddle numbness", f("saddle_numbness"), "emergency", "cauda_equina"),
    Case("bladder changes", f("bladder_changes"), "emergency", "cauda_equina"),
    Case("bowel incontinence", f("bowel_incontinence"), "emergency", "cauda_equina"),
    Case("new sexual dysfunction", f("new_sexual_dysfunction"), "emergency", "cauda_equina"),
    Case("both legs", f("both_legs_symptoms"), "emergency", "cauda_equina"),
    Case("leg weakness", f("leg_weakness"), "emergency", "severe_leg_weakness"),
    Case(
        "saddle numbness in plain words",
        f("numb where I sit on a bike saddle"),
        "emergency",
        "cauda_equina",
    ),
    Case(
        "cannot feel needing to pee, in plain words",
        f("can't feel when I need to pee"),
        "emergency",
        "cauda_equina",
    ),
    Case(
        "saddle numbness is not lifted by a clinician's clearance",
        f("saddle_numbness", cleared_by_clinician=True),
        "emergency",
        "cauda_equina",
    ),
    # urgent: same-day assessment
    Case("fever", f("fever"), "urgent", "possible_infection"),
    Case("feeling unwell", f("feeling_unwell"), "urgent", "possible_infection"),
    Case(
        "fever with a psoas pattern (psoas abscess)",
        f(
            "fever",
            "pain_standing_after_sitting",
            "pain_arching_back",
            "eased_lying_hips_bent",
            pain=[
                {"region": "low_back", "side": "right", "intensity": 7},
                {"region": "groin", "side": "right", "intensity": 6},
            ],
        ),
        "urgent",
        "possible_psoas_abscess",
    ),
    Case("fever with a limp", f("fever", "limping"), "urgent", "possible_psoas_abscess"),
    Case(
        "fever, cleared by a clinician, is still urgent",
        f("fever", cleared_by_clinician=True),
        "urgent",
        "possible_infection",
    ),
    Case(
        "worsening numbness (progressive deficit)",
        f("leg_numbness_tingling", "pain_worsening_steadily"),
        "urgent",
        "progressive_neuro",
    ),
    Case("immunosuppressed, new pain", c("immunosuppressed"), "urgent", "infection_risk_new_pain"),
    Case("IV drug use, new pain", c("iv_drug_use"), "urgent", "infection_risk_new_pain"),
    Case(
        "immunosuppressed, long-standing pain",
        c("immunosuppressed", duration_weeks=30),
        "see_clinician",
        "infection_risk_long_pain",
    ),
    Case("major trauma", f("major_trauma_recent"), "urgent", "trauma"),
    Case(
        "minor trauma with osteoporosis",
        f("minor_trauma_recent", conditions=["osteoporosis"]),
        "urgent",
        "trauma",
    ),
    Case(
        "minor trauma on long-term steroids",
        f("minor_trauma_recent", conditions=["long_term_steroids"]),
        "urgent",
        "trauma",
    ),
    Case("minor trauma alone", f("minor_trauma_recent"), "see_clinician", "minor_trauma"),
    Case("pulsating abdomen", f("pulsating_abdomen"), "urgent", "aortic_warning"),
    Case("unexplained belly pain", f("unexplained_abdominal_pain"), "urgent", "aortic_warning"),
    Case(
        "known aneurysm with new pain (NICE NG156)",
        c("abdominal_aortic_aneurysm"),
        "emergency",
        "aortic_emergency",
    ),
    Case(
        "known aneurysm, long-standing pain",
        c("abdominal_aortic_aneurysm", duration_weeks=30, cleared_by_clinician=True),
        "urgent",
        "aortic_warning",
    ),
    # see a clinician: book an appointment
    Case("cancer history", c("cancer_history"), "see_clinician", "past_cancer"),
    Case("weight loss", f("unexplained_weight_loss"), "see_clinician", "weight_loss"),
    Case("night pain", f("night_pain_unrelenting"), "see_clinician", "night_pain"),
    Case("worsening", f("pain_worsening_steadily"), "see_clinician", "worsening"),
    Case("new pain at 58 (the trap)", intake(age=58), "see_clinician", "age_new_pain"),
    Case("new pain at 17", intake(age=17), "see_clinician", "age_new_pain"),
    Case("new pain at 51", intake(age=51), "see_clinician", "age_new_pain"),
    Case(
        "age unknown duration counts as new", intake(age=60, duration_weeks=None), "see_clinician"
    ),
    Case(
        "pain of 6 weeks, not examined",
        intake(duration_weeks=8),
        "see_clinician",
        "persistent_unexamined",
    ),
    Case(
        "inflammatory pattern",
        f(
            "morning_stiffness",
            "eased_by_exercise",
            "not_eased_by_rest",
            "night_pain_eases_on_rising",
            age=30,
            duration_weeks=20,
            cleared_by_clinician=True,
        ),
        "see_clinician",  # a clearance the person reports does not settle an inflammatory sign
        "inflammatory_pattern",
    ),
    Case(
        "inflammatory pattern, not cleared",
        f(
            "morning_stiffness",
            "eased_by_exercise",
            "not_eased_by_rest",
            "gradual_onset",
            age=30,
            duration_weeks=20,
        ),
        "see_clinician",
        "inflammatory_pattern",
    ),
    Case("recent spinal surgery", c("recent_spinal_surgery"), "see_clinician", "spinal_surgery"),
    # clearance and the quiet cases
    Case("nothing at all", intake(), "self_care", "no_red_flags"),
    Case(
        "58-year-old cleared by a clinician",
        intake(age=58, cleared_by_clinician=True),
        "self_care",
        "no_red_flags",
    ),
    Case(
        "long pain, examined",
        intake(duration_weeks=26, cleared_by_clinician=True),
        "self_care",
        not_rules=("persistent_unexamined",),
    ),
    Case(
        "psoas pattern without fever is self-care",
        f(
            "pain_standing_after_sitting",
            "eased_lying_hips_bent",
            pain=[{"region": "groin", "side": "left", "intensity": 4}],
        ),
        "self_care",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_verdicts(kb: KnowledgeBase, case: Case) -> None:
    result = screen(parse_intake(case.data, kb), kb)
    assert result.verdict.value == case.verdict
    ids = [r.id for r in result.reasons]
    if case.rule:
        assert case.rule in ids
    for rule in case.not_rules:
        assert rule not in ids
    for reason in result.reasons:
        assert reason.action and reason.sources
        assert set(reason.sources) <= set(kb.sources)


def test_the_most_serious_tier_wins(kb: KnowledgeBase) -> None:
    data = f("saddle_numbness", "fever", "unexplained_weight_loss", age=60)
    result = screen(parse_intake(data, kb), kb)
    assert result.verdict.value == "emergency"
    assert result.reasons[0].tier.value == "emergency"
    assert {r.tier.value for r in result.reasons} == {"emergency", "urgent", "see_clinician"}


def test_a_clearance_turns_self_clearable_reasons_into_cautions(kb: KnowledgeBase) -> None:
    result = screen(parse_intake(intake(age=58, cleared_by_clinician=True), kb), kb)
    assert [c.id for c in result.cautions] == ["cleared_age_new_pain"]
    assert kb.red_flags["age_new_pain"].title in result.cautions[0].text


@pytest.mark.parametrize(
    ("condition", "abdominal"),
    [
        ("abdominal_hernia", True),
        ("recent_abdominal_surgery", True),
        ("inflammatory_bowel_disease", True),
        ("pelvic_organ_prolapse", True),
    ],
)
def test_abdominal_conditions_rule_out_every_belly_technique(
    kb: KnowledgeBase, condition: str, abdominal: bool
) -> None:
    result = screen(parse_intake(c(condition), kb), kb)
    belly = {t.id for t in kb.techniques.values() if t.abdominal_pressure is abdominal}
    assert belly
    assert belly <= set(result.excluded)
    for technique_id in belly:
        assert result.excluded[technique_id][0].reason


def test_pregnancy_rules_out_prone_and_belly_work(kb: KnowledgeBase) -> None:
    result = screen(parse_intake(intake(pregnant=True, sex="female"), kb), kb)
    for t in kb.techniques.values():
        if t.abdominal_pressure or t.position.is_prone:
            assert t.id in result.excluded, t.id
    assert any(c.id == "pregnancy" for c in result.cautions)


def test_blood_thinners_rule_out_belly_work_and_all_but_soft_pressure(kb: KnowledgeBase) -> None:
    result = screen(parse_intake(c("anticoagulants", duration_weeks=30), kb), kb)
    for t in kb.techniques.values():
        firm = softest_pressing(t, kb.props).value in ("medium", "firm", "hard")
        if t.abdominal_pressure or firm or t.intensity.value == "deep":
            assert t.id in result.excluded, t.id
