"""The packaged knowledge base holds what INTAKE.md, CLINICAL.md and the seeds require."""

from __future__ import annotations

import pytest

from tests import intake_ids
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.exclusion import softest_pressing
from unknot.knowledge.models import FindingKind, Fit, Phase, Position, Tier


@pytest.mark.parametrize(
    ("table", "ids"),
    [
        ("regions", intake_ids.REGIONS),
        ("findings", intake_ids.FINDINGS + intake_ids.RED_FLAG_FINDINGS),
        ("conditions", intake_ids.CONDITIONS),
        ("props", intake_ids.PROPS),
        ("muscles", intake_ids.MUSCLES),
    ],
)
def test_every_intake_id_exists(kb: KnowledgeBase, table: str, ids: list[str]) -> None:
    missing = [i for i in ids if i not in getattr(kb, table)]
    assert missing == []


def test_positions_match_the_contract() -> None:
    assert sorted(p.value for p in Position) == sorted(intake_ids.POSITIONS)


def test_red_flag_findings_are_marked_and_ruled(kb: KnowledgeBase) -> None:
    for finding_id in intake_ids.RED_FLAG_FINDINGS:
        assert kb.findings[finding_id].kind is FindingKind.red_flag, finding_id
    ruled = {f for r in kb.red_flags.values() for m in r.when for f in m.findings}
    assert set(intake_ids.RED_FLAG_FINDINGS) <= ruled


def test_every_question_is_a_question(kb: KnowledgeBase) -> None:
    for entry in (*kb.findings.values(), *kb.conditions.values()):
        assert entry.question.endswith("?"), entry.id


def test_cauda_equina_signs_are_emergencies(kb: KnowledgeBase) -> None:
    emergency = {
        f
        for r in kb.red_flags.values()
        if r.tier is Tier.emergency
        for m in r.when
        for f in m.findings
    }
    assert {"saddle_numbness", "bladder_changes", "bowel_incontinence"} <= emergency


def test_only_see_clinician_rules_may_be_lifted_and_each_says_by_whom(kb: KnowledgeBase) -> None:
    for rule in kb.red_flags.values():
        if rule.tier is Tier.see_clinician:
            assert rule.clearance is not None, rule.id
            assert rule.clearance.why and rule.clearance.sources, rule.id
        else:
            assert rule.clearance is None, rule.id


# CLINICAL.md: a self-reported examination resolves "pain over 6 weeks" and age thresholds; it
# does not cover signs of possible cancer, infection, fracture, inflammatory disease or
# neurological change.
SELF_CLEARABLE = {"age_new_pain", "persistent_unexamined", "spinal_surgery"}


def test_a_reported_clearance_lifts_only_what_an_examination_settles(kb: KnowledgeBase) -> None:
    assert {r.id for r in kb.red_flags.values() if r.self_clearable} == SELF_CLEARABLE


@pytest.mark.parametrize("muscle", ["psoas_major", "iliacus", "quadratus_lumborum"])
def test_the_three_main_muscles_have_referral_and_indicators(
    kb: KnowledgeBase, muscle: str
) -> None:
    m = kb.muscles[muscle]
    assert any(r.kind.value == "primary" for r in m.referral)
    assert len([i for i in m.indicators if i.weight > 0]) >= 4
    assert m.attachments and m.actions and m.synergists


@pytest.mark.parametrize(
    ("prop", "stand_in", "fit"),
    [
        ("yoga_block", "books", Fit.good),
        ("bolster", "blankets", Fit.good),
        ("bolster", "sleeping_bag", Fit.good),
        ("bolster", "pillows", Fit.unsuitable),
        ("belly_ball", "towel", Fit.partial),
        ("firm_ball", "soft_ball", Fit.partial),
    ],
)
def test_substitutions_are_honest(kb: KnowledgeBase, prop: str, stand_in: str, fit: Fit) -> None:
    subs = {s.prop: s for s in kb.props[prop].substitutes}
    assert subs[stand_in].fit is fit
    assert subs[stand_in].note


def test_a_tennis_ball_is_softer_than_a_lacrosse_ball(kb: KnowledgeBase) -> None:
    order = ["none", "soft", "medium", "firm", "hard"]
    soft, firm = kb.props["soft_ball"].firmness.value, kb.props["firm_ball"].firmness.value
    assert order.index(soft) < order.index(firm)


def test_every_abdominal_technique_warns_about_a_pulse(kb: KnowledgeBase) -> None:
    for t in kb.techniques.values():
        if t.abdominal_pressure:
            text = " ".join((*t.cautions, *(c.say for c in t.cues))).lower()
            assert "pulse" in text, t.id


def test_hard_tools_are_never_for_newcomers(kb: KnowledgeBase) -> None:
    for t in kb.techniques.values():
        if t.tool_hardness.value == "hard":
            assert t.experience.value != "new", t.id
            assert t.requires, t.id


def test_every_phase_has_techniques_off_the_floor(kb: KnowledgeBase) -> None:
    for phase in (Phase.release, Phase.stretch, Phase.strengthen):
        assert any(t.phase is phase and not t.floor for t in kb.techniques.values()), phase


def test_every_phase_has_techniques_without_props(kb: KnowledgeBase) -> None:
    for phase in (Phase.stretch, Phase.strengthen, Phase.breathe):
        assert any(
            t.phase is phase and all(n.optional for n in t.props) for t in kb.techniques.values()
        ), phase


def test_one_sided_techniques_dose_per_side(kb: KnowledgeBase) -> None:
    for t in kb.techniques.values():
        assert t.one_sided == t.dose.per_side, t.id


def test_conditions_rule_out_what_clinical_md_says(kb: KnowledgeBase) -> None:
    by_id = kb.techniques
    for t in by_id.values():
        ruled = set(kb.conditions_ruling_out(t.id))
        if t.abdominal_pressure:
            assert {"abdominal_aortic_aneurysm", "abdominal_hernia", "pregnancy"} <= ruled, t.id
        if t.position.is_prone:
            assert "pregnancy" in ruled, t.id
        if softest_pressing(t, kb.props).value in ("medium", "firm", "hard"):
            assert {"anticoagulants", "bleeding_disorder"} <= ruled, t.id
        if t.flat_on_back:
            assert "pregnancy_after_first_trimester" in ruled, t.id
        if t.end_range:
            assert "hip_replacement" in ruled, t.id


# Words that name one kind of ball. A technique whose ball may be another kind (an accepted
# option or an honest stand-in) must not name one in what the person reads as its words.
ONE_KIND_OF_BALL = ("firm ball", "lacrosse", "tennis", "soft ball")


def test_a_technique_names_a_kind_of_ball_only_when_no_other_may_be_used(
    kb: KnowledgeBase,
) -> None:
    from unknot.knowledge.exclusion import pressing_need, pressing_options

    for tech in kb.techniques.values():
        need = pressing_need(tech)
        if need is None:
            continue
        options = pressing_options(tech, kb.props) if need.stand_ins else list(need.any_of)
        if len(options) == 1:
            continue
        said = " ".join((tech.summary, *tech.steps, *(c.say for c in tech.cues))).lower()
        for words in ONE_KIND_OF_BALL:
            assert words not in said, (tech.id, words)
