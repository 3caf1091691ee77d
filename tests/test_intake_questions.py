"""Which questions the intake asks: every warning sign of everyone, grouped by what it can mean;
nothing left out that could have changed the answer."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from tests.strategies import intakes
from unknot.clinical import assess, parse_intake
from unknot.clinical.questions import (
    belly_only,
    can_apply,
    clearance_rules,
    conditions_asked,
    findings_that_matter,
    red_flag_groups,
)
from unknot.clinical.screening import screen
from unknot.knowledge import KnowledgeBase, load_knowledge
from unknot.knowledge.models import FindingKind
from unknot.planning import answer as plan
from unknot.planning.possible import belly_work_possible

KB = load_knowledge()
PAIN_KINDS = (FindingKind.behaviour, FindingKind.symptom, FindingKind.history)
PAIN_FINDINGS = {f.id for f in KB.findings.values() if f.kind in PAIN_KINDS}


def _naming(finding: str, kb: KnowledgeBase) -> list[Any]:
    return [
        rule
        for rule in kb.red_flags.values()
        for match in rule.when
        if finding in match.findings
        or any(c.finding == finding for count in match.counts for c in count.of)
    ]


def test_every_warning_sign_is_asked_once_under_the_worst_it_can_mean(kb: KnowledgeBase) -> None:
    groups = red_flag_groups(kb)
    asked = [f.id for _, findings in groups for f in findings]
    red = [f.id for f in kb.findings.values() if f.kind is FindingKind.red_flag]
    assert sorted(asked) == sorted(red) and len(asked) == len(set(asked))
    ranks = [tier.rank for tier, _ in groups]
    assert ranks == sorted(ranks, reverse=True)
    for tier, findings in groups:
        assert kb.tiers.of(tier).signs_heading
        for finding in findings:
            assert max(rule.tier.rank for rule in _naming(finding.id, kb)) == tier.rank


def test_a_condition_ruled_out_by_the_sex_answer_is_not_asked(kb: KnowledgeBase) -> None:
    ruled = [c for c in kb.conditions.values() if c.cannot_apply is not None]
    assert ruled, "conditions.yaml rules pregnancy out for a man"
    for condition in ruled:
        for sex in ("female", "male", "other", None):
            assert can_apply(condition, sex) == (sex not in condition.cannot_apply.sex)  # type: ignore[union-attr]
    for sex in ("female", "male", "other", None):
        asked = {c.id for c in conditions_asked(kb, sex, belly=False)}
        belly = {c.id for c in conditions_asked(kb, sex, belly=True)}
        assert not asked & belly
        every = {c.id for c in kb.conditions.values() if not c.implied_by and can_apply(c, sex)}
        assert asked | belly == every


def test_belly_only_conditions_rule_out_belly_work_and_nothing_else(kb: KnowledgeBase) -> None:
    only = [c for c in kb.conditions.values() if belly_only(c, kb)]
    assert only
    for condition in only:
        assert condition.excludes is not None and condition.excludes.abdominal_pressure
        for rule in kb.red_flags.values():
            for match in rule.when:
                assert condition.id not in match.conditions
    # conditions that also raise a warning sign are never left out: a known aneurysm, say
    assert not belly_only(kb.conditions["abdominal_aortic_aneurysm"], kb)
    assert not belly_only(kb.conditions["anticoagulants"], kb)


def _without_pain_findings(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "findings": [f for f in data["findings"] if f not in PAIN_FINDINGS]}


@settings(max_examples=200, deadline=None)
@given(intakes())
def test_a_finding_left_out_could_not_have_changed_the_verdict_or_the_ranking(
    data: dict[str, Any],
) -> None:
    asked_of = parse_intake(_without_pain_findings(data), KB)
    matter = findings_that_matter(asked_of, KB, PAIN_KINDS)
    skipped = sorted(PAIN_FINDINGS - matter)
    given_ = [f for f in data["findings"] if f not in skipped]
    base = assess(parse_intake({**data, "findings": given_}, KB), KB)
    every = assess(parse_intake({**data, "findings": [*given_, *skipped]}, KB), KB)
    assert every.screening.verdict == base.screening.verdict
    assert [r.id for r in every.screening.reasons] == [r.id for r in base.screening.reasons]
    assert every.muscles == base.muscles


@settings(max_examples=200, deadline=None)
@given(intakes(red_flags=False))
def test_without_possible_belly_work_no_plan_holds_any_and_the_belly_questions_change_nothing(
    data: dict[str, Any],
) -> None:
    data = {**data, "abdominal_screen_answered": True}
    intake = parse_intake(data, KB)
    if belly_work_possible(intake, KB):
        return
    answer = plan(intake, KB)
    routine = answer.routine
    items = routine.items if routine is not None else ()
    assert not any(item.technique.abdominal_pressure for item in items)
    only = sorted(c.id for c in KB.conditions.values() if belly_only(c, KB))
    more = plan(parse_intake({**data, "conditions": [*data["conditions"], *only]}, KB), KB)
    other = more.routine.items if more.routine is not None else ()
    assert [i.technique.id for i in other] == [i.technique.id for i in items]


@settings(max_examples=200, deadline=None)
@given(intakes())
def test_when_the_examination_question_is_not_asked_a_yes_would_lift_nothing(
    data: dict[str, Any],
) -> None:
    no = parse_intake({**data, "cleared_by_clinician": False}, KB)
    if clearance_rules(no, KB).asked:
        return
    yes = parse_intake({**data, "cleared_by_clinician": True}, KB)
    assert [r.id for r in screen(yes, KB).reasons] == [r.id for r in screen(no, KB).reasons]


def test_the_examination_question_follows_the_rules_a_persons_word_may_lift() -> None:
    base = {"age": 40, "pain": [{"region": "low_back", "side": "left", "intensity": 5}]}
    short = parse_intake({**base, "duration_weeks": 2}, KB)
    assert not clearance_rules(short, KB).asked
    long = parse_intake({**base, "duration_weeks": 8}, KB)
    assert [r.id for r in clearance_rules(long, KB).now] == ["persistent_unexamined"]
    later = clearance_rules(short, KB, ["recent_spinal_surgery", "diabetes"])
    assert [r.id for r in later.if_ticked] == ["spinal_surgery"]
    assert later.revealed_by == ("recent_spinal_surgery",)
    for rule in (*clearance_rules(long, KB).now, *later.if_ticked):
        assert rule.self_clearable
