"""Rank the muscles most likely involved, and explain every score.

The method (docs/triage.md): each painful region inside a muscle's referral zone and each finding
that the knowledge base ties to the muscle is a piece of evidence with a weight in (0, 1). Pieces
combine by noisy-OR, ``1 - prod(1 - w)``, so the score stays in [0, 1] and means the same for
every person. Findings with negative weight, and painful regions the muscle's map cannot explain,
scale the score down. Every weight comes from the knowledge base; nothing clinical lives here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from unknot.clinical.intake import Intake, check_intake
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import Indicator, Muscle, Referral, ReferralKind


@dataclass(frozen=True, slots=True)
class Evidence:
    """One answer that raised (weight > 0) or lowered (weight < 0) a muscle's score."""

    kind: Literal["finding", "region"]
    ref: str
    weight: float
    text: str
    sources: tuple[str, ...]
    side: str | None = None


@dataclass(frozen=True, slots=True)
class MuscleScore:
    id: str
    name: str
    score: float
    because: tuple[Evidence, ...]
    against: tuple[Evidence, ...]
    does_not_fit: tuple[str, ...]
    sides: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _MuscleIndex:
    muscle: Muscle
    referral: Mapping[str, Referral]
    indicators: Mapping[str, Indicator]


_INDEX: dict[int, tuple[KnowledgeBase, tuple[_MuscleIndex, ...]]] = {}


def _index(kb: KnowledgeBase) -> tuple[_MuscleIndex, ...]:
    cached = _INDEX.get(id(kb))
    if cached is None or cached[0] is not kb:
        built = tuple(
            _MuscleIndex(
                m,
                {r.region: r for r in m.referral},
                {i.finding: i for i in m.indicators},
            )
            for m in kb.muscles.values()
        )
        cached = (kb, built)
        _INDEX[id(kb)] = cached
    return cached[1]


def _painful_regions(intake: Intake) -> dict[str, tuple[int, tuple[str, ...]]]:
    """Region -> (highest intensity, sides), for every region with pain above 0."""
    regions: dict[str, tuple[int, tuple[str, ...]]] = {}
    for spot in intake.pain:
        if spot.intensity <= 0:
            continue
        worst, sides = regions.get(spot.region, (0, ()))
        side = spot.side
        regions[spot.region] = (
            max(worst, spot.intensity),
            sides if side in sides else (*sides, side),
        )
    return regions


def _merge_sides(sides: list[str]) -> tuple[str, ...]:
    found = set(sides)
    if "both" in found or {"left", "right"} <= found:
        return ("left", "right")
    return tuple(s for s in ("left", "right", "center") if s in found)


def _score_one(
    entry: _MuscleIndex,
    regions: Mapping[str, tuple[int, tuple[str, ...]]],
    findings: tuple[str, ...],
    kb: KnowledgeBase,
) -> MuscleScore | None:
    """The muscle's score and the evidence for and against it; ``findings`` sorted (a set's
    order changes with the hash seed)."""
    settings = kb.triage
    muscle = entry.muscle
    because: list[Evidence] = []
    against: list[Evidence] = []
    misfit: list[str] = []
    sides: list[str] = []
    keep = 1.0  # product of (1 - w) over positive evidence
    scale = 1.0
    for region_id, (intensity, region_sides) in regions.items():
        referral = entry.referral.get(region_id)
        region_name = kb.regions[region_id].name
        if referral is None:
            misfit.append(f"Pain in your {region_name} is outside its usual referral pattern.")
            scale *= settings.unexplained_region_factor
            continue
        primary = referral.kind is ReferralKind.primary
        base = settings.primary_region_weight if primary else settings.spillover_region_weight
        share = settings.intensity_floor + (1 - settings.intensity_floor) * intensity / 10
        weight = base * share
        keep *= 1 - weight
        sides.extend(region_sides)
        zone = "a main zone" if primary else "an occasional zone"
        because.append(
            Evidence(
                "region",
                region_id,
                round(weight, 3),
                f"Your {region_name} pain ({intensity}/10) lies in {zone} of its referral map.",
                muscle.sources,
                ", ".join(region_sides),
            )
        )
    for finding_id in findings:
        indicator = entry.indicators.get(finding_id)
        if indicator is None:
            continue
        evidence = Evidence(
            "finding", finding_id, indicator.weight, indicator.text, indicator.sources
        )
        if indicator.weight > 0:
            keep *= 1 - indicator.weight
            because.append(evidence)
        else:
            scale *= 1 + indicator.weight
            against.append(evidence)
    if not because:
        return None
    score = round((1 - keep) * scale, 3)
    if score < settings.min_score:
        return None
    because.sort(key=lambda e: (-e.weight, e.kind, e.ref))
    against.sort(key=lambda e: (e.weight, e.ref))
    return MuscleScore(
        muscle.id,
        muscle.name,
        score,
        tuple(because),
        tuple(against),
        tuple(misfit),
        _merge_sides(sides),
    )


def rank_muscles(intake: Intake, kb: KnowledgeBase) -> tuple[MuscleScore, ...]:
    """The muscles the answers point to, highest score first (ties by id).

    Edge cases: regions marked with intensity 0 are not evidence; a muscle with no positive
    evidence, or whose score falls under ``min_score``, is left out, so the list may be empty.
    A score is never a diagnosis: it says how well the answers fit the muscle's known pattern.
    """
    check_intake(intake, kb)
    regions = _painful_regions(intake)
    findings = tuple(sorted(intake.finding_set))  # sorted once, not once a muscle
    scored = (_score_one(entry, regions, findings, kb) for entry in _index(kb))
    return tuple(sorted((s for s in scored if s is not None), key=lambda s: (-s.score, s.id)))
