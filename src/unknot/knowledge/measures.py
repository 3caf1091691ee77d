"""The outcome measures (NPRS, Roland-Morris, Oswestry, STarT Back, PSFS) as checked data.

Every number the scoring uses (ranges, item counts, thresholds, bands, risk rules) lives in
``data/measures.yaml``; this module gives it a shape and checks it. A flaw stops the load with a
message naming file, entry and field, as the rest of the knowledge base does, for example
``measures.yaml: odi.bands[1].min: starts at 30, expected just after 20``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator

from unknot.knowledge.errors import Checker, KnowledgeError
from unknot.knowledge.loader import DATA_DIR, _parse, load_knowledge
from unknot.knowledge.models import Entry, Frozen, Id, Text

MEASURES_FILE = "measures.yaml"
# The scoring code has one function per measure; the data must provide each of them.
REQUIRED_MEASURES = ("nprs", "rmdq", "odi", "startback", "psfs")
RISK_GROUPS = ("low", "medium", "high")


class Band(Frozen):
    """A named range of the score, both ends inclusive: ``min`` <= score <= ``max``.

    Bands are listed low to high. A score that falls between one band's ``max`` and the next
    band's ``min`` (20.4 between 0-20 and 21-40) belongs to the higher band.
    """

    id: Id
    name: Text  # as the measure's authors call it: "bed-bound"
    min: float
    max: float
    text: Text  # what it means, in plain words


class MeaningfulChange(Frozen):
    """The smallest change that matters to a person.

    ``points`` is the absolute floor, which every meaningful change must reach: below it a
    change is within the measure's own noise. ``percent`` of the baseline, where given, is an
    extra condition an improvement must also meet; it never replaces the floor (CLINICAL.md
    section 3: from a low baseline 30 % is smaller than the measurement error).
    """

    points: float = Field(gt=0)
    percent: float | None = Field(default=None, gt=0, le=100)
    about: bool = False  # an approximate threshold: say "about 2 points"
    sources: tuple[Id, ...] = Field(min_length=1)


class Recovered(Frozen):
    """A score at or below ``at_most`` counts as recovered."""

    at_most: float = Field(ge=0)
    sources: tuple[Id, ...] = Field(min_length=1)


class RiskGroup(Frozen):
    id: Id  # low, medium, high
    name: Text
    text: Text  # what it means and what care tends to suit, in plain words


class RiskRules(Frozen):
    """STarT Back: items before the last are agree (1) / disagree (0); the last is a choice.

    low: total <= ``low_total_max``; high: distress subscale >= ``high_distress_min``; medium:
    everything else (a total above ``low_total_max`` with a subscale below ``high_distress_min``).
    """

    distress_items: tuple[int, ...] = Field(min_length=1)  # item numbers, counting from 1
    last_item_choices: tuple[Id, ...] = Field(min_length=2)  # the answers, mildest first
    last_item_counts: tuple[Id, ...] = Field(min_length=1)  # the answers that score 1
    low_total_max: int = Field(ge=0)
    high_distress_min: int = Field(ge=1)
    groups: tuple[RiskGroup, ...]
    sources: tuple[Id, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> RiskRules:
        if tuple(g.id for g in self.groups) != RISK_GROUPS:
            raise ValueError(f"groups must be {', '.join(RISK_GROUPS)}, in that order")
        unknown = set(self.last_item_counts) - set(self.last_item_choices)
        if unknown:
            raise ValueError(
                f"last_item_counts names answers not in the choices: {sorted(unknown)}"
            )
        if self.high_distress_min > len(self.distress_items):
            raise ValueError("high_distress_min is more than the distress subscale can reach")
        return self


class Repeat(Frozen):
    """How often to fill the measure in: first as a baseline, then again ``days`` after the last
    time, so that a change can be read over a span long enough to mean something."""

    days: int = Field(ge=1, le=365)
    why: Text  # the reason for the interval, in plain words
    sources: tuple[Id, ...] = Field(min_length=1)


class Licence(Frozen):
    notice: Text  # shown wherever the measure is used
    ship_item_text: bool  # may unknot include the questions themselves?


class Codes(Frozen):
    """How a clinical system names the measure (FHIR export): its LOINC codes where they exist.

    ``score`` is the LOINC code of the total score and ``panel`` of the whole questionnaire;
    None where no code was found, and then ``note`` says so plainly, for the exported resource
    to carry, and the export names the measure with unknot's own code instead.
    """

    score: str | None = Field(default=None, pattern=r"^[0-9]{1,7}-[0-9]$")
    panel: str | None = Field(default=None, pattern=r"^[0-9]{1,7}-[0-9]$")
    note: Text | None = None
    sources: tuple[Id, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _said(self) -> Codes:
        if self.score is None and self.note is None:
            raise ValueError("a measure without a LOINC score code must say so in a note")
        return self


class Measure(Entry):
    """One questionnaire or scale: what it measures, how it is scored and read, who owns it."""

    name: Text  # "Oswestry Disability Index"
    short_name: Text  # "Oswestry"
    abbreviation: Text  # "ODI", as error messages name it
    subject: Text  # how a sentence names the score: "your Oswestry score"
    unit: Text | None = None  # singular unit of a change, "point"; None: a bare count
    measures: Text  # what it measures, in plain words
    scale: Text  # what the ends of the score mean
    min: float
    max: float
    decimals: int = Field(default=0, ge=0, le=3)  # rounding for display only
    items: int = Field(ge=1)  # how many items (for PSFS: the most activities)
    min_answered: int | None = Field(default=None, ge=1)  # fewer answered: no score
    item_min: int
    item_max: int
    better: Literal["lower", "higher"]  # which way the score moves as the person improves
    bands: tuple[Band, ...] = ()
    meaningful_change: MeaningfulChange | None = None
    recovered: Recovered | None = None
    risk: RiskRules | None = None
    repeat: Repeat | None = None  # when it is due again; None: whenever the person likes
    prompts: tuple[Text, ...] = ()  # unknot's own wording; only when the text may ship
    licence: Licence
    codes: Codes

    @property
    def least_answered(self) -> int:
        return self.items if self.min_answered is None else self.min_answered

    @model_validator(mode="after")
    def _consistent(self) -> Measure:
        if self.min >= self.max:
            raise ValueError(f"min {self.min:g} must be below max {self.max:g}")
        if self.item_min >= self.item_max:
            raise ValueError(f"item_min {self.item_min} must be below item_max {self.item_max}")
        if self.least_answered > self.items:
            raise ValueError(f"min_answered {self.min_answered} is more than items {self.items}")
        if self.prompts and not self.licence.ship_item_text:
            raise ValueError("prompts given, but the licence says the item text may not ship")
        if self.risk and max(self.risk.distress_items) > self.items:
            raise ValueError(f"risk.distress_items: items go up to {self.items}")
        return self


def _check_bands(measure: Measure) -> None:
    """Bands are in order, cover min to max, and leave at most a gap of 1 (20 then 21)."""
    where = f"{MEASURES_FILE}: {measure.id}.bands"
    for i, band in enumerate(measure.bands):
        if band.min > band.max:
            raise KnowledgeError(f"{where}[{i}]: min {band.min:g} is above max {band.max:g}")
        if i == 0 and band.min != measure.min:
            raise KnowledgeError(f"{where}[0].min: must start at the measure's min {measure.min:g}")
        before = measure.bands[i - 1].max if i else None
        if before is not None and not before < band.min <= before + 1:
            raise KnowledgeError(
                f"{where}[{i}].min: starts at {band.min:g}, expected just after {before:g}"
            )
    if measure.bands and measure.bands[-1].max != measure.max:
        raise KnowledgeError(
            f"{where}: the last band must end at the measure's max {measure.max:g}"
        )


def _check(measures: Mapping[str, Measure], sources: Mapping[str, Any] | None) -> None:
    check = Checker(MEASURES_FILE)
    for required in REQUIRED_MEASURES:
        if required not in measures:
            raise KnowledgeError(f"{MEASURES_FILE}: {required}: missing; scoring needs it")
    for m in measures.values():
        _check_bands(m)
        if m.id == "startback" and m.risk is None:
            raise KnowledgeError(f"{MEASURES_FILE}: startback.risk: the risk rules are missing")
        if m.id != "startback" and m.meaningful_change is None:
            raise KnowledgeError(f"{MEASURES_FILE}: {m.id}.meaningful_change: missing")
        if sources is None:
            continue
        check.refs(m.id, "sources", "source", m.sources, sources)
        for where, part in (
            ("meaningful_change", m.meaningful_change),
            ("recovered", m.recovered),
            ("risk", m.risk),
            ("repeat", m.repeat),
            ("codes", m.codes),
        ):
            if part is not None:
                check.refs(m.id, f"{where}.sources", "source", part.sources, sources)


def load_measures_from(path: Path, sources: Mapping[str, Any] | None) -> Mapping[str, Measure]:
    """Load and check the measures in ``path``; raise KnowledgeError on any flaw.

    ``sources`` is the table of known source ids; pass None only to check a file on its own,
    without its citations (as a test of one measure's numbers might).
    """
    measures = _parse(path, Measure)
    _check(measures, sources)
    return measures


@functools.cache
def load_measures() -> Mapping[str, Measure]:
    """The packaged measures, checked against the knowledge base's sources, loaded once."""
    return load_measures_from(DATA_DIR / MEASURES_FILE, load_knowledge().sources)
