"""Screening a symptom check-in on its findings alone (no age, duration or pain map)."""

from __future__ import annotations

import pytest

from unknot.clinical.screening import screen_findings
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import Tier


@pytest.mark.parametrize(
    ("findings", "verdict", "rule"),
    [
        (["saddle_numbness"], Tier.emergency, "cauda_equina"),
        (["leg_weakness"], Tier.emergency, "severe_leg_weakness"),
        (["fever"], Tier.urgent, "possible_infection"),
        (["pulsating_abdomen"], Tier.urgent, "aortic_warning"),
        (["unexplained_weight_loss"], Tier.see_clinician, "weight_loss"),
        (["pain_worsening_steadily"], Tier.see_clinician, "worsening"),
    ],
)
def test_a_warning_sign_alone_reaches_its_tier(
    kb: KnowledgeBase, findings: list[str], verdict: Tier, rule: str
) -> None:
    result = screen_findings(findings, kb)
    assert result.verdict is verdict
    assert rule in [r.id for r in result.reasons]


def test_the_most_serious_rule_comes_first(kb: KnowledgeBase) -> None:
    result = screen_findings(["unexplained_weight_loss", "saddle_numbness"], kb)
    tiers = [r.tier.rank for r in result.reasons]
    assert tiers == sorted(tiers, reverse=True)
    assert result.reasons[0].id == "cauda_equina"


def test_everyday_symptoms_and_unknown_ids_trigger_nothing(kb: KnowledgeBase) -> None:
    result = screen_findings(["morning_stiffness", "pain_sitting_long", "no_such_thing"], kb)
    assert result.verdict is Tier.self_care
    assert result.reasons == ()


def test_rules_that_need_a_whole_intake_are_not_guessed(kb: KnowledgeBase) -> None:
    # "new pain before 20 or after 50" needs an age, which a check-in does not give
    result = screen_findings(["pain_below_knee", "leg_numbness_tingling"], kb)
    assert "age_new_pain" not in [r.id for r in result.reasons]
