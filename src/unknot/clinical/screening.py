"""Red-flag screening: is self-care safe, and which techniques do conditions rule out?

Every rule lives in ``red_flags.yaml`` and every exclusion in ``conditions.yaml``; this module only
evaluates them. The verdict is the most serious tier any rule reaches. ``cleared_by_clinician``
lifts the rules marked ``clearable`` (all of them ``see_clinician``) and turns them into cautions;
it never lifts ``urgent`` or ``emergency``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from unknot.clinical.intake import Intake
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import Match, RedFlagRule, Tier

NO_FLAGS_SOURCES = ("nice_ng59", "finucane_2020")


@dataclass(frozen=True, slots=True)
class Reason:
    """Why the verdict is what it is, and what to do about it."""

    id: str
    tier: Tier
    title: str
    action: str
    sources: tuple[str, ...]

    @property
    def text(self) -> str:
        return f"{self.title} {self.action}"


@dataclass(frozen=True, slots=True)
class Caution:
    id: str
    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A technique a condition rules out, with the reason in plain words."""

    technique: str
    condition: str
    reason: str


@dataclass(frozen=True, slots=True)
class Screening:
    verdict: Tier
    reasons: tuple[Reason, ...]
    cautions: tuple[Caution, ...]
    excluded: Mapping[str, tuple[Exclusion, ...]] = field(default_factory=dict)

    @property
    def self_care(self) -> bool:
        return self.verdict is Tier.self_care

    def is_excluded(self, technique_id: str) -> bool:
        return technique_id in self.excluded


def _matches(match: Match, intake: Intake) -> bool:
    """True when every part of ``match`` holds for ``intake``; see ``Match`` for the rules."""
    if match.findings and len(intake.finding_set.intersection(match.findings)) < match.min:
        return False
    if match.conditions and len(intake.active_conditions.intersection(match.conditions)) < (
        match.min if not match.findings else 1
    ):
        return False
    if match.regions and not any(
        spot.region in match.regions and spot.intensity > 0 for spot in intake.pain
    ):
        return False
    if match.age_under is not None and not intake.age < match.age_under:
        return False
    if match.age_over is not None and not intake.age > match.age_over:
        return False
    weeks = intake.duration_weeks
    under = match.duration_weeks_under
    if under is not None and weeks is not None and weeks >= under:
        return False
    if match.duration_weeks_at_least is not None and (
        weeks is None or weeks < match.duration_weeks_at_least
    ):
        return False
    if match.onset_age_under is not None and (
        weeks is None or intake.age - weeks / 52.0 >= match.onset_age_under
    ):
        return False
    return not (match.not_cleared and intake.cleared_by_clinician)


def triggered_rules(intake: Intake, kb: KnowledgeBase) -> list[RedFlagRule]:
    """Every red-flag rule one of whose matches holds, most serious first."""
    hits = [r for r in kb.red_flags.values() if any(_matches(m, intake) for m in r.when)]
    return sorted(hits, key=lambda r: -r.tier.rank)


def exclusions(intake: Intake, kb: KnowledgeBase) -> dict[str, tuple[Exclusion, ...]]:
    """For each technique ruled out by the person's conditions, the conditions and reasons."""
    active = intake.active_conditions
    if not active:
        return {}
    result: dict[str, tuple[Exclusion, ...]] = {}
    for technique_id, ruled_by in kb.ruled_out.items():
        hits = tuple(
            Exclusion(technique_id, c, kb.conditions[c].reason or kb.conditions[c].short)
            for c in ruled_by
            if c in active
        )
        if hits:
            result[technique_id] = hits
    return result


def screen(intake: Intake, kb: KnowledgeBase) -> Screening:
    """Screen ``intake``: the verdict, its reasons, cautions and the techniques ruled out.

    Edge cases: with no rule triggered the verdict is ``self_care`` with one reason saying no
    warning sign was found; a cleared see-clinician rule becomes a caution; the exclusions are
    computed whatever the verdict, so a person can see them even when no plan is given.
    """
    reasons: list[Reason] = []
    cautions: list[Caution] = []
    verdict = Tier.self_care
    for rule in triggered_rules(intake, kb):
        if rule.clearable and intake.cleared_by_clinician:
            cautions.append(
                Caution(
                    f"cleared_{rule.id}",
                    f"You said a clinician has checked you for this: {rule.title} "
                    "Go back to them if it changes or gets worse.",
                    rule.sources,
                )
            )
            continue
        reasons.append(Reason(rule.id, rule.tier, rule.title, rule.action, rule.sources))
        if rule.tier.rank > verdict.rank:
            verdict = rule.tier
    if not reasons:
        title = (
            "A clinician has checked the warning signs in your answers."
            if cautions
            else "None of your answers matched a warning sign that needs a clinician first."
        )
        action = "Self-care is reasonable; stop and seek help if new symptoms appear."
        reasons.append(Reason("no_red_flags", Tier.self_care, title, action, NO_FLAGS_SOURCES))
    for condition_id in sorted(intake.active_conditions):
        condition = kb.conditions[condition_id]
        if condition.caution:
            cautions.append(Caution(condition_id, condition.caution, condition.sources))
    return Screening(verdict, tuple(reasons), tuple(cautions), exclusions(intake, kb))


def _findings_only(match: Match) -> bool:
    """True when ``match`` asks for findings and for nothing that needs a whole intake."""
    return bool(match.findings) and not (
        match.conditions
        or match.regions
        or match.age_under is not None
        or match.age_over is not None
        or match.duration_weeks_at_least is not None
        or match.onset_age_under is not None
    )


def screen_findings(findings: Iterable[str], kb: KnowledgeBase) -> Screening:
    """The red-flag rules that ``findings`` trigger on their own, for a symptom check-in when no
    whole intake is at hand: the most serious tier reached, with each rule's title and action.

    Edge cases: rules that also need an age, a duration, a condition or a pain region are left
    out (they cannot be judged here); a clinician's clearance is never assumed, so clearable
    rules count in full; unknown ids are ignored; with nothing triggered the verdict is
    ``self_care`` with no reasons (the caller says nothing rather than "all clear").
    """
    found = set(findings)
    reasons = [
        Reason(rule.id, rule.tier, rule.title, rule.action, rule.sources)
        for rule in sorted(kb.red_flags.values(), key=lambda r: -r.tier.rank)
        if any(_findings_only(m) and len(found & set(m.findings)) >= m.min for m in rule.when)
    ]
    verdict = max((r.tier for r in reasons), key=lambda t: t.rank, default=Tier.self_care)
    return Screening(verdict, tuple(reasons), ())
