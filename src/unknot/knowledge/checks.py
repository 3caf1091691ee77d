"""The checks that span entries and files: every id unique and every reference known, the
red-flag criteria, the verdict and language tables, and how a technique presses. One entry's
own shape is its model's to check (``models.py``, ``technique.py``); ``loader.py`` runs these
after parsing, and a flaw stops the load with one message naming file, entry and field."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from unknot.knowledge.errors import Checker, KnowledgeError
from unknot.knowledge.exclusion import pressing_need
from unknot.knowledge.models import (
    BELLY_SITES,
    Criterion,
    FindingKind,
    Hardness,
    Match,
    SourceKind,
    Tier,
)

if TYPE_CHECKING:
    from unknot.knowledge.loader import KnowledgeBase

# The kinds of source that can stand behind a conventional dose (Dose.convention).
CONVENTION_KINDS = frozenset(
    {SourceKind.guideline, SourceKind.review, SourceKind.article, SourceKind.book}
)


_FILES = {
    "muscle": "muscles.yaml",
    "technique": "techniques.yaml",
    "prop": "props.yaml",
    "source": "sources.yaml",
    "region": "regions.yaml",
    "finding": "findings.yaml",
    "condition": "conditions.yaml",
    "red_flag": "red_flags.yaml",
    "profession": "professions.yaml",
}


def _check_unique_ids(kb: KnowledgeBase) -> None:
    """An id names one thing in the whole knowledge base, so `library show ID` is unambiguous."""
    seen: dict[str, str] = {}
    for kind, table in kb.tables().items():
        for entry_id in table:
            if entry_id in seen:
                raise KnowledgeError(
                    f"{_FILES[kind]}: {entry_id}.id: already used in {_FILES[seen[entry_id]]}"
                )
            seen[entry_id] = kind


def _check_references(kb: KnowledgeBase) -> None:
    _check_unique_ids(kb)
    sources = kb.sources
    for file, table in (
        ("regions.yaml", kb.regions),
        ("findings.yaml", kb.findings),
        ("conditions.yaml", kb.conditions),
        ("red_flags.yaml", kb.red_flags),
        ("muscles.yaml", kb.muscles),
        ("props.yaml", kb.props),
        ("techniques.yaml", kb.techniques),
        ("professions.yaml", kb.professions),
    ):
        check = Checker(file)
        for entry_id, entry in table.items():
            check.refs(entry_id, "sources", "source", entry.sources, sources)

    Checker("triage.yaml").refs("settings", "sources", "source", kb.triage.sources, sources)
    planning = Checker("planning.yaml")
    planning.refs("settings", "sources", "source", kb.planning.sources, sources)
    planning.refs("settings", "general_focus", "muscle", kb.planning.general_focus, kb.muscles)
    planning.refs(
        "settings", "program_doses.sources", "source", kb.planning.program_doses.sources, sources
    )
    cues = kb.planning.safety_cues
    planning.refs("settings", "safety_cues.sources", "source", cues.sources, sources)
    _check_tiers(kb)
    Checker("intake.yaml").refs("settings", "sources", "source", kb.intake_limits.sources, sources)
    _check_language(kb)

    check = Checker("red_flags.yaml")
    for rule in kb.red_flags.values():
        for i, match in enumerate(rule.when):
            where = f"when[{i}]"
            check.refs(rule.id, f"{where}.findings", "finding", match.findings, kb.findings)
            check.refs(rule.id, f"{where}.conditions", "condition", match.conditions, kb.conditions)
            check.refs(rule.id, f"{where}.regions", "region", match.regions, kb.regions)
            for j, count in enumerate(match.counts):
                for k, criterion in enumerate(count.of):
                    _check_criterion(check, rule.id, f"{where}.counts[{j}].of[{k}]", criterion, kb)
        may_clear = kb.tiers.of(rule.tier).may_be_cleared
        if rule.clearance is not None:
            if not may_clear:
                raise KnowledgeError(
                    f"red_flags.yaml: {rule.id}.clearance: tiers.yaml says no examination "
                    f"lifts a {rule.tier.value} rule"
                )
            check.refs(rule.id, "clearance.sources", "source", rule.clearance.sources, sources)
        elif may_clear:
            raise KnowledgeError(
                f"red_flags.yaml: {rule.id}.clearance: a {rule.tier.value} rule must say whether "
                "a clinician's examination may lift it (by: self_report or clinician_record)"
            )
    flagged = {f for rule in kb.red_flags.values() for m in rule.when for f in _match_findings(m)}
    for finding in kb.findings.values():
        if finding.kind is FindingKind.red_flag and finding.id not in flagged:
            raise KnowledgeError(
                f"findings.yaml: {finding.id}.kind: red-flag finding used by no red_flags.yaml rule"
            )

    check = Checker("conditions.yaml")
    for condition in kb.conditions.values():
        if condition.excludes is not None and condition.reason is None:
            raise KnowledgeError(
                f"conditions.yaml: {condition.id}.reason: a condition that excludes techniques "
                "must say why"
            )
        for i, implied in enumerate(condition.implied_by):
            if implied.condition is not None:
                check.refs(
                    condition.id,
                    f"implied_by[{i}].condition",
                    "condition",
                    [implied.condition],
                    kb.conditions,
                )

    check = Checker("muscles.yaml")
    for muscle in kb.muscles.values():
        check.refs(muscle.id, "referral", "region", (r.region for r in muscle.referral), kb.regions)
        for i, ind in enumerate(muscle.indicators):
            check.refs(muscle.id, f"indicators[{i}].finding", "finding", [ind.finding], kb.findings)
            check.refs(muscle.id, f"indicators[{i}].sources", "source", ind.sources, sources)
        check.refs(muscle.id, "synergists", "muscle", muscle.synergists, kb.muscles)
        check.refs(muscle.id, "antagonists", "muscle", muscle.antagonists, kb.muscles)

    check = Checker("props.yaml")
    for prop in kb.props.values():
        check.refs(prop.id, "substitutes", "prop", (s.prop for s in prop.substitutes), kb.props)

    check = Checker("techniques.yaml")
    for tech in kb.techniques.values():
        check.refs(tech.id, "targets", "muscle", tech.targets, kb.muscles)
        check.refs(tech.id, "dose.sources", "source", tech.dose.sources, sources)
        if tech.dose.convention and not any(
            sources[s].kind in CONVENTION_KINDS for s in tech.dose.sources
        ):
            raise KnowledgeError(
                f"techniques.yaml: {tech.id}.dose.sources: a conventional dose needs a guideline, "
                "review, article or book for its convention, not only seeds or reference pages"
            )
        for i, need in enumerate(tech.props):
            check.refs(tech.id, f"props[{i}].any_of", "prop", need.any_of, kb.props)
        for name in ("progressions", "regressions", "requires"):
            check.refs(tech.id, name, "technique", getattr(tech, name), kb.techniques)
        check.refs(tech.id, "ruled_out_by", "condition", tech.ruled_out_by, kb.conditions)
        if tech.position.is_prone and not tech.floor:
            raise KnowledgeError(
                f"techniques.yaml: {tech.id}.floor: a prone position needs the floor"
            )
        if tech.one_sided != tech.dose.per_side:
            raise KnowledgeError(
                f"techniques.yaml: {tech.id}.dose.per_side: must match one_sided ({tech.one_sided})"
            )
        if any(n > len(tech.steps) for n in tech.key_steps):
            raise KnowledgeError(
                f"techniques.yaml: {tech.id}.key_steps: {list(tech.key_steps)} names a step "
                f"beyond the {len(tech.steps)} it has"
            )
        kin = next(t for t in kb.techniques.values() if t.family == tech.family)
        if kin.phase is not tech.phase:
            raise KnowledgeError(
                f"techniques.yaml: {tech.id}.family: '{tech.family}' holds {kin.id}, a "
                f"{kin.phase.value} technique; a family keeps to one phase"
            )
        last = -1
        for i, cue in enumerate(tech.cues):
            if cue.at < last:
                raise KnowledgeError(f"techniques.yaml: {tech.id}.cues[{i}].at: cues out of order")
            last = cue.at


def _match_findings(match: Match) -> Iterable[str]:
    yield from match.findings
    for count in match.counts:
        yield from (c.finding for c in count.of if c.finding is not None)


def _check_criterion(
    check: Checker, rule: str, where: str, criterion: Criterion, kb: KnowledgeBase
) -> None:
    parts = [
        criterion.finding is not None,
        criterion.condition is not None,
        bool(criterion.regions),
        criterion.onset_age_under is not None,
    ]
    if sum(parts) != 1:
        raise KnowledgeError(
            f"red_flags.yaml: {rule}.{where}: give exactly one of finding, condition, regions, "
            "onset_age_under"
        )
    if criterion.finding is not None:
        check.refs(rule, f"{where}.finding", "finding", [criterion.finding], kb.findings)
    if criterion.condition is not None:
        check.refs(rule, f"{where}.condition", "condition", [criterion.condition], kb.conditions)
    check.refs(rule, f"{where}.regions", "region", criterion.regions, kb.regions)


def _check_tiers(kb: KnowledgeBase) -> None:
    order = [t.id for t in kb.tiers.tiers]
    if order != list(Tier):
        expected = ", ".join(t.value for t in Tier)
        raise KnowledgeError(f"tiers.yaml: tiers: must list {expected}, in that order")
    for tier in kb.tiers.tiers:
        if tier.gives_plan != (tier.id is Tier.self_care):
            raise KnowledgeError(f"tiers.yaml: {tier.id.value}.gives_plan: only self_care does")
        if tier.pauses_plans and not tier.paused_note:
            raise KnowledgeError(
                f"tiers.yaml: {tier.id.value}.paused_note: a tier that pauses plans must say so"
            )
    reached = {rule.tier for rule in kb.red_flags.values()}
    for tier in kb.tiers.tiers:
        if tier.id in reached and not tier.signs_heading:
            raise KnowledgeError(
                f"tiers.yaml: {tier.id.value}.signs_heading: the intake groups its warning signs"
                " under this heading, and a rule reaches this tier"
            )
    words = kb.tiers.screening
    check = Checker("tiers.yaml")
    check.refs("screening", "sources", "source", words.sources, kb.sources)
    check.refs("screening", "all_clear_sources", "source", words.all_clear_sources, kb.sources)


def _check_language(kb: KnowledgeBase) -> None:
    lang = kb.language
    check = Checker("language.yaml")
    check.refs("settings", "sources", "source", lang.sources, kb.sources)
    for entry in lang.warning_words:
        check.refs(f"warning_words '{entry.words}'", "hints", "finding", entry.hints, kb.findings)
    for word, variants in lang.synonyms.items():
        for variant in (word, *variants):
            if not variant.isalnum() or variant != variant.lower():
                raise KnowledgeError(
                    f"language.yaml: synonyms.{word}: '{variant}' must be one lower-case word"
                )


def _check_pressure(kb: KnowledgeBase) -> None:
    """Where a technique presses and with what must agree with what it says of itself, because
    the safety rules read those properties (knowledge/exclusion.py)."""
    for tech in kb.techniques.values():
        where = f"techniques.yaml: {tech.id}"
        belly = bool(set(tech.pressure_on) & set(BELLY_SITES))
        if tech.abdominal_pressure != belly:
            raise KnowledgeError(
                f"{where}.abdominal_pressure: must be {belly}, as pressure_on "
                f"{list(tech.pressure_on)} says"
            )
        need = pressing_need(tech)
        if need is not None:
            preferred = kb.props[need.any_of[0]].firmness
            if tech.tool_hardness is not preferred:
                raise KnowledgeError(
                    f"{where}.tool_hardness: must be {preferred.value}, the firmness of "
                    f"'{need.any_of[0]}', the prop that presses"
                )
            if need.optional:
                raise KnowledgeError(f"{where}.props: the prop that presses cannot be optional")
        if need is None and tech.tool_hardness is not Hardness.none:
            raise KnowledgeError(
                f"{where}.tool_hardness: {tech.tool_hardness.value}, but no prop is marked "
                "'presses'; mark the prop that presses, or say none (hands or no pressure)"
            )
        if need is not None and not tech.pressure_on:
            raise KnowledgeError(f"{where}.pressure_on: a prop presses, so say where it presses")
        if sum(n.presses for n in tech.props) > 1:
            raise KnowledgeError(f"{where}.props: only one prop may press")


def check_all(kb: KnowledgeBase) -> None:
    """Every check across entries and files; raises KnowledgeError at the first flaw."""
    _check_references(kb)
    _check_pressure(kb)
