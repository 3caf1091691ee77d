"""Sources say what they are cited for: every dose names where its figures come from, a
conventional dose rests on a published convention, and every citation was checked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from unknot.knowledge import KnowledgeBase
from unknot.knowledge.checks import CONVENTION_KINDS
from unknot.knowledge.measures import load_measures
from unknot.knowledge.models import Phase, SourceKind

# Our own digest is typed as a review, but it only gathers other sources: it cannot be the
# published convention behind a dose.
OWN_DIGEST = "unknot_digest"

# Sources that show something other than a dose, and so must never be cited for one.
NEVER_FOR_A_DOSE = {
    "konrad_2022": "foam-rolling training over weeks and range of motion; no session dose",
}


def _cited(value: Any) -> Iterator[str]:
    """Every source id cited anywhere inside ``value``: any field called ``sources``."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            field = getattr(value, name)
            if name == "sources":
                yield from field
            else:
                yield from _cited(field)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _cited(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _cited(item)


def _all_citations(kb: KnowledgeBase) -> set[str]:
    cited: set[str] = set()
    for table in (kb.regions, kb.findings, kb.conditions, kb.red_flags, kb.muscles, kb.props):
        cited.update(_cited(tuple(table.values())))
    cited.update(_cited(tuple(kb.techniques.values())))
    cited.update(_cited(kb.triage))
    cited.update(_cited(kb.planning))
    cited.update(_cited(tuple(load_measures().values())))
    return cited


def test_every_dose_names_its_sources(kb: KnowledgeBase) -> None:
    for t in kb.techniques.values():
        assert t.dose.sources, t.id
        assert set(t.dose.sources) <= set(kb.sources), t.id


def test_a_conventional_dose_rests_on_a_published_convention(kb: KnowledgeBase) -> None:
    for t in kb.techniques.values():
        if not t.dose.convention:
            continue
        published = [
            s for s in t.dose.sources if s != OWN_DIGEST and kb.sources[s].kind in CONVENTION_KINDS
        ]
        assert published, f"{t.id}: a conventional dose cites only {t.dose.sources}"


@pytest.mark.parametrize("phase", [Phase.stretch, Phase.strengthen])
def test_stretch_and_strength_doses_are_conventions_not_seeds(
    kb: KnowledgeBase, phase: Phase
) -> None:
    """No seed gives a stretch hold or a set of repetitions; those figures are conventions."""
    for t in kb.techniques.values():
        if t.phase is not phase:
            continue
        assert t.dose.convention, t.id
        kinds = {kb.sources[s].kind for s in t.dose.sources}
        assert SourceKind.seed not in kinds, t.id


def test_seed_000_is_cited_for_no_stretch_or_strengthening(kb: KnowledgeBase) -> None:
    """Seed 000 describes two ball releases; exercise appears only in its readers' comments."""
    for t in kb.techniques.values():
        if t.phase in (Phase.stretch, Phase.strengthen):
            assert "seed_000" not in t.sources, t.id


@pytest.mark.parametrize("source", sorted(NEVER_FOR_A_DOSE))
def test_a_source_without_a_dose_is_cited_for_none(kb: KnowledgeBase, source: str) -> None:
    for t in kb.techniques.values():
        assert source not in t.dose.sources, t.id


def test_every_source_was_checked_or_is_cited_nowhere(kb: KnowledgeBase) -> None:
    cited = _all_citations(kb)
    for source in kb.sources.values():
        if source.checked:
            continue
        assert source.note, f"{source.id}: unchecked and no note saying why"
        assert source.id not in cited, f"{source.id}: unchecked but cited"


def test_every_cited_source_exists(kb: KnowledgeBase) -> None:
    assert _all_citations(kb) <= set(kb.sources)


def test_citations_name_addresses_without_links(kb: KnowledgeBase) -> None:
    """Pages show citations as text and link to nothing outside; an address is written bare."""
    for source in kb.sources.values():
        for text in (source.citation, source.checked or "", source.note or ""):
            assert "http://" not in text and "https://" not in text, source.id
