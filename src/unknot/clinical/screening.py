"""Red-flag screening: is self-care safe, and which techniques do conditions rule out?

Every rule lives in ``red_flags.yaml``, every exclusion in ``conditions.yaml`` and every sentence
of the screening's own in ``tiers.yaml`` and ``language.yaml``; this module only evaluates them.
The verdict is the most serious tier any rule reaches.

A clinician's examination lifts a rule only as far as the rule allows (its ``clearance``): the
person's own word that they were examined lifts the rules marked ``self_report``, and only when
the examination was not before this bout of pain began; a clearance a practitioner recorded in
unknot (``Intake.recorded_clearances``) lifts any see-clinician rule it names, when their
profession may record clearances (professions.yaml) and the examination was not before the pain
began; urgent and emergency rules are never lifted. A lifted
rule becomes a caution. Answers in everyday words that could not be understood never lower the
verdict: one that carries warning words, or names a health condition unknot could not tell,
raises it to at least the tier ``language.yaml`` sets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from unknot.clinical.intake import Intake, active_conditions, check_intake
from unknot.clinical.phrases import Reading
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import ClearedBy, Criterion, Match, RedFlagRule, Tier


@dataclass(frozen=True, slots=True)
class Reason:
    """Why the verdict is what it is, and what to do about it.

    ``note`` says why a clearance the person reported does not lift this rule, when it does
    not; ``clearance`` is who may lift the rule at all (None: nobody).
    """

    id: str
    tier: Tier
    title: str
    action: str
    sources: tuple[str, ...]
    note: str | None = None
    clearance: ClearedBy | None = None

    @property
    def text(self) -> str:
        return " ".join(p for p in (self.title, self.action, self.note) if p)


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
    conditions: frozenset[str] = frozenset()  # the active conditions, implied ones included
    readings: tuple[Reading, ...] = ()  # how answers in everyday words were read

    @property
    def self_care(self) -> bool:
        return self.verdict is Tier.self_care

    def is_excluded(self, technique_id: str) -> bool:
        return technique_id in self.excluded


def _painful(intake: Intake, regions: Iterable[str]) -> bool:
    wanted = set(regions)
    return any(spot.region in wanted and spot.intensity > 0 for spot in intake.pain)


def _onset_age_under(intake: Intake, age: float) -> bool:
    """True when the pain began before ``age``; an unknown duration does not match."""
    weeks = intake.duration_weeks
    return weeks is not None and intake.age - weeks / 52.0 < age


def _holds(
    criterion: Criterion, intake: Intake, found: frozenset[str], active: frozenset[str]
) -> bool:
    if criterion.finding is not None:
        return criterion.finding in found
    if criterion.condition is not None:
        return criterion.condition in active
    if criterion.regions:
        return _painful(intake, criterion.regions)
    return criterion.onset_age_under is not None and _onset_age_under(
        intake, criterion.onset_age_under
    )


def _matches(match: Match, intake: Intake, found: frozenset[str], active: frozenset[str]) -> bool:
    """True when every part of ``match`` holds for ``intake`` (whose findings are ``found`` and
    active conditions ``active``); see ``Match`` for the rules."""
    if match.findings and len(found.intersection(match.findings)) < match.min:
        return False
    if match.conditions and len(active.intersection(match.conditions)) < (
        match.min if not match.findings else 1
    ):
        return False
    for count in match.counts:
        if sum(_holds(c, intake, found, active) for c in count.of) < count.min:
            return False
    if match.regions and not _painful(intake, match.regions):
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
    return match.onset_age_under is None or _onset_age_under(intake, match.onset_age_under)


def match_holds(match: Match, intake: Intake, active: frozenset[str]) -> bool:
    """True when every part of ``match`` holds for ``intake`` with these active conditions.

    A match only ever asks for something to be present (a finding, a condition, pain in a
    region, an age or a duration in a range), never for it to be absent, so adding a finding
    or a condition can make it hold but never stop it holding."""
    return _matches(match, intake, intake.finding_set, active)


def triggered_rules(
    intake: Intake, kb: KnowledgeBase, active: frozenset[str] | None = None
) -> list[RedFlagRule]:
    """Every red-flag rule one of whose matches holds, most serious first. ``active`` is the
    intake's active conditions when the caller has them already."""
    if active is None:
        active = active_conditions(intake, kb)
    found = intake.finding_set
    hits = [
        r for r in kb.red_flags.values() if any(_matches(m, intake, found, active) for m in r.when)
    ]
    return sorted(hits, key=lambda r: -r.tier.rank)


def exclusions(active: frozenset[str], kb: KnowledgeBase) -> dict[str, tuple[Exclusion, ...]]:
    """For each technique ruled out by the active conditions, the conditions and reasons."""
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


def _rule_reason(rule: RedFlagRule, intake: Intake, kb: KnowledgeBase) -> Reason:
    """The reason a triggered rule gives, saying why a reported clearance does not lift it."""
    words = kb.tiers.screening
    note = None
    if intake.cleared_by_clinician and rule.tier is Tier.see_clinician:
        if rule.self_clearable:
            note = words.before_episode.format(cleared_on=intake.cleared_on)
        elif rule.clearance is not None:
            note = words.not_covered.format(why=rule.clearance.why)
    by = rule.clearance.by if rule.clearance is not None else None
    return Reason(rule.id, rule.tier, rule.title, rule.action, rule.sources, note, by)


def _reading_reasons(intake: Intake, kb: KnowledgeBase) -> tuple[list[Reason], list[Caution]]:
    """Reasons for answers that could not be understood; cautions for doubtful readings."""
    lang = kb.language
    reasons: list[Reason] = []
    cautions: list[Caution] = []
    for i, reading in enumerate(intake.readings):
        title = lang.unclear_title.format(text=reading.text)
        if reading.doubt:
            short = " and ".join(kb.findings[f].short for f in reading.ids if f in kb.findings)
            text = lang.doubtful.format(text=reading.text, short=short)
            cautions.append(Caution(f"doubtful_{i + 1}", text, lang.sources))
        elif reading.understood:
            continue
        elif reading.field == "conditions":
            action = lang.unclear_condition_action
            reasons.append(
                Reason(f"unclear_{i + 1}", lang.unclear_tier, title, action, lang.sources)
            )
        elif reading.warning_words:
            action = lang.unclear_action.format(words=", ".join(reading.warning_words))
            reasons.append(
                Reason(f"unclear_{i + 1}", lang.unclear_tier, title, action, lang.sources)
            )
        else:
            text = lang.unclear_no_warning.format(text=reading.text)
            cautions.append(Caution(f"unclear_{i + 1}", text, lang.sources))
    return reasons, cautions


def screen(intake: Intake, kb: KnowledgeBase) -> Screening:
    """Screen ``intake``: the verdict, its reasons, cautions and the techniques ruled out.

    Edge cases: with no rule triggered the verdict is ``self_care`` with one reason saying no
    warning sign was found; a rule a clearance lifts becomes a caution; the exclusions are
    computed whatever the verdict, so a person can see them even when no plan is given; an
    answer in everyday words that could not be read raises the verdict when it may hide a
    warning sign and is otherwise listed as left out.
    """
    check_intake(intake, kb)
    words = kb.tiers.screening
    active = active_conditions(intake, kb)
    reasons: list[Reason] = []
    cautions: list[Caution] = []
    for rule in triggered_rules(intake, kb, active):
        recorded = intake.recorded_clearance_for(rule.id, kb) if rule.clearance else None
        if recorded is not None:
            text = words.recorded.format(
                by=recorded.by,
                profession=kb.professions[recorded.profession].name,
                examined_on=recorded.examined_on,
                title=rule.title,
            )
            cautions.append(Caution(f"cleared_{rule.id}", text, rule.sources))
            continue
        if rule.self_clearable and intake.clearance_covers_episode:
            text = words.cleared.format(title=rule.title)
            cautions.append(Caution(f"cleared_{rule.id}", text, rule.sources))
            continue
        reasons.append(_rule_reason(rule, intake, kb))
    unclear_reasons, reading_cautions = _reading_reasons(intake, kb)
    reasons += unclear_reasons
    reasons.sort(key=lambda r: -r.tier.rank)
    if not reasons:
        cleared = any(c.id.startswith("cleared_") for c in cautions)
        title = words.all_cleared_title if cleared else words.all_clear_title
        reasons.append(
            Reason(
                "no_red_flags",
                Tier.self_care,
                title,
                words.all_clear_action,
                words.all_clear_sources,
            )
        )
    verdict = max((r.tier for r in reasons), key=lambda t: t.rank)
    for condition_id in sorted(active):
        condition = kb.conditions[condition_id]
        if condition.caution:
            cautions.append(Caution(condition_id, condition.caution, condition.sources))
    cautions += reading_cautions
    return Screening(
        verdict,
        tuple(reasons),
        tuple(cautions),
        exclusions(active, kb),
        active,
        intake.readings,
    )


def _findings_only(match: Match) -> bool:
    """True when ``match`` asks for findings and for nothing that needs a whole intake."""
    counted_findings_only = all(c.finding is not None for count in match.counts for c in count.of)
    return (
        bool(match.findings or match.counts)
        and counted_findings_only
        and not (
            match.conditions
            or match.regions
            or match.age_under is not None
            or match.age_over is not None
            or match.duration_weeks_at_least is not None
            or match.onset_age_under is not None
        )
    )


def _findings_hold(match: Match, found: set[str]) -> bool:
    if match.findings and len(found & set(match.findings)) < match.min:
        return False
    return all(sum(c.finding in found for c in count.of) >= count.min for count in match.counts)


def screen_findings(findings: Iterable[str], kb: KnowledgeBase) -> Screening:
    """The red-flag rules that ``findings`` trigger on their own, for a symptom check-in when no
    whole intake is at hand: the most serious tier reached, with each rule's title and action.

    Edge cases: rules that also need an age, a duration, a condition or a pain region are left
    out (they cannot be judged here); a clinician's clearance is never assumed, so every rule
    counts in full; unknown ids are ignored; with nothing triggered the verdict is
    ``self_care`` with no reasons (the caller says nothing rather than "all clear").
    """
    found = set(findings)
    reasons = [
        Reason(rule.id, rule.tier, rule.title, rule.action, rule.sources)
        for rule in sorted(kb.red_flags.values(), key=lambda r: -r.tier.rank)
        if any(_findings_only(m) and _findings_hold(m, found) for m in rule.when)
    ]
    verdict = max((r.tier for r in reasons), key=lambda t: t.rank, default=Tier.self_care)
    return Screening(verdict, tuple(reasons), ())
