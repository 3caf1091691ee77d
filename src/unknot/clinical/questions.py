"""Which intake questions still apply, given the answers so far.

A form asks only what can change the answer. Every decision here is read from the knowledge
base, never from a list kept in code, and errs on the side of asking:

- every warning sign (a red-flag finding) is asked of everyone, grouped by the most serious
  verdict a rule naming it can reach (:func:`red_flag_groups`);
- a condition is left out only when an answer rules it out (``cannot_apply`` in
  conditions.yaml: pregnancy for a person who answered "male"), or when it only ever takes
  belly work out of a plan and no belly work can be planned (:func:`belly_only`);
- any other finding is asked when the muscle ranking reads it, or when a red-flag rule naming
  it can still fire with what is known (the age, the duration, the regions, the warning signs
  and conditions already answered) and every question still open answered "yes"
  (:func:`findings_that_matter`): a rule only ever asks for things to be present, so if it
  cannot fire then, no answer to the open questions can make it fire;
- the question about a clinician's examination is asked when a rule the person's own word may
  lift applies, or can apply through an answer on the same screen (:func:`clearance_rules`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from unknot.clinical.intake import Intake, active_conditions
from unknot.clinical.screening import match_holds
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import Condition, Finding, FindingKind, Match, RedFlagRule, Tier


def _named_findings(match: Match) -> set[str]:
    named = set(match.findings)
    named.update(c.finding for count in match.counts for c in count.of if c.finding)
    return named


def _named_conditions(match: Match) -> set[str]:
    named = set(match.conditions)
    named.update(c.condition for count in match.counts for c in count.of if c.condition)
    return named


def _rule_tiers(kb: KnowledgeBase) -> dict[str, Tier]:
    """Finding id -> the most serious tier of a rule that names it."""
    tiers: dict[str, Tier] = {}
    for rule in kb.red_flags.values():
        for match in rule.when:
            for finding in _named_findings(match):
                known = tiers.get(finding)
                if known is None or rule.tier.rank > known.rank:
                    tiers[finding] = rule.tier
    return tiers


def red_flag_groups(kb: KnowledgeBase) -> tuple[tuple[Tier, tuple[Finding, ...]], ...]:
    """Every red-flag finding, once, under the most serious verdict a rule naming it can reach;
    the most serious group first, each group in the knowledge base's order.

    Edge case: the loader makes every red-flag finding part of some rule; one that were not
    would still be listed, with the least serious tier that stops self-care.
    """
    tiers = _rule_tiers(kb)
    groups: dict[Tier, list[Finding]] = {}
    for finding in kb.findings.values():
        if finding.kind is FindingKind.red_flag:
            groups.setdefault(tiers.get(finding.id, Tier.see_clinician), []).append(finding)
    return tuple((tier, tuple(groups[tier])) for tier in sorted(groups, key=lambda t: -t.rank))


def can_apply(condition: Condition, sex: str | None) -> bool:
    """False when the answer to the sex question rules the condition out; an unanswered
    question rules nothing out."""
    ruled_out = condition.cannot_apply
    return not (ruled_out is not None and sex is not None and sex in ruled_out.sex)


def _rule_conditions(kb: KnowledgeBase) -> frozenset[str]:
    return frozenset(
        c for rule in kb.red_flags.values() for m in rule.when for c in _named_conditions(m)
    )


def belly_only(condition: Condition, kb: KnowledgeBase) -> bool:
    """True when all a condition ever does is take belly work out of a plan: it rules out
    techniques that press on the belly and nothing else, no red-flag rule names it and it
    follows from no other answer. Such a question cannot change anything for a person whose
    plan can hold no belly work (its caution, if any, is about belly work too)."""
    excludes = condition.excludes
    if excludes is None or excludes.abdominal_pressure is not True or condition.implied_by:
        return False
    others = excludes.model_dump(exclude={"abdominal_pressure"}, exclude_defaults=True)
    return not others and condition.id not in _rule_conditions(kb)


def conditions_asked(kb: KnowledgeBase, sex: str | None, *, belly: bool) -> tuple[Condition, ...]:
    """The conditions to tick from: with ``belly`` False, every condition that is not implied
    by another answer, not ruled out by the sex answer and not :func:`belly_only`; with
    ``belly`` True, the belly-only ones that are not ruled out."""
    return tuple(
        c
        for c in kb.conditions.values()
        if not c.implied_by and can_apply(c, sex) and belly_only(c, kb) == belly
    )


def _ranked_findings(kb: KnowledgeBase) -> frozenset[str]:
    return frozenset(i.finding for m in kb.muscles.values() for i in m.indicators)


def findings_that_matter(
    intake: Intake, kb: KnowledgeBase, kinds: Collection[FindingKind]
) -> frozenset[str]:
    """The findings of ``kinds`` whose answer can still change the screening or the ranking.

    Findings of ``kinds`` already in ``intake`` are treated as open questions, like the rest of
    their kinds; everything else in ``intake`` is taken as answered. A finding matters when
    the ranking reads it, or when a rule naming it holds with every open finding present.
    """
    open_ids = {f.id for f in kb.findings.values() if f.kind in kinds}
    known = tuple(f for f in intake.findings if f not in open_ids)
    hopeful = intake.model_copy(update={"findings": (*known, *sorted(open_ids))})
    active = active_conditions(hopeful, kb)
    matter = open_ids & _ranked_findings(kb)
    for rule in kb.red_flags.values():
        for match in rule.when:
            named = open_ids & _named_findings(match)
            if named - matter and match_holds(match, hopeful, active):
                matter |= named
    return frozenset(matter)


@dataclass(frozen=True, slots=True)
class ClearanceAsk:
    """Why a person is asked whether a clinician examined them.

    ``now``: the rules the person's own word may lift that apply with the answers so far.
    ``if_ticked``: rules that would apply if one of ``revealed_by`` (conditions asked on the
    same screen) were ticked. Both empty: the question is not asked.
    """

    now: tuple[RedFlagRule, ...] = ()
    if_ticked: tuple[RedFlagRule, ...] = ()
    revealed_by: tuple[str, ...] = ()

    @property
    def asked(self) -> bool:
        return bool(self.now or self.if_ticked)


def clearance_rules(
    intake: Intake, kb: KnowledgeBase, open_conditions: Iterable[str] = ()
) -> ClearanceAsk:
    """Which self-report rules make the examination question worth asking (see ClearanceAsk).

    ``intake`` holds the answers so far; ``open_conditions`` are asked on the screen being
    shown, so their answers are not known yet."""
    liftable = [r for r in kb.red_flags.values() if r.self_clearable]
    active = active_conditions(intake, kb)
    now = tuple(r for r in liftable if any(match_holds(m, intake, active) for m in r.when))
    pending = set(open_conditions)
    if_ticked: list[RedFlagRule] = []
    revealed: list[str] = []
    for rule in liftable:
        if rule in now:
            continue
        for condition in sorted(pending):
            with_it = active | active_conditions(
                intake.model_copy(update={"conditions": (*intake.conditions, condition)}), kb
            )
            if any(match_holds(m, intake, with_it) for m in rule.when):
                if rule not in if_ticked:
                    if_ticked.append(rule)
                if condition not in revealed:
                    revealed.append(condition)
    return ClearanceAsk(now, tuple(if_ticked), tuple(revealed))
