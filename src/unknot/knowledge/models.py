"""Typed, frozen models of the knowledge base.

Each YAML file in ``data/`` is a list of entries of one of these models. The models check the
shape of one entry; the loader (``loader.py``) checks what one entry cannot know alone: that
every id it names exists, and that ids are unique.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", min_length=2, max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Weight = Annotated[float, Field(ge=-1.0, le=1.0)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, defer_build=True)


class Entry(Frozen):
    """Every entry has an id and cites at least one source."""

    id: Id
    sources: tuple[Id, ...] = Field(min_length=1)


# --- sources -----------------------------------------------------------------------------------


class SourceKind(StrEnum):
    seed = "seed"
    book = "book"
    guideline = "guideline"
    article = "article"
    review = "review"
    case_report = "case_report"
    questionnaire = "questionnaire"
    reference = "reference"  # a public reference page of a health or exercise body (NHS, ACE)
    practice = "practice"  # a practitioner's public self-care page (a clinic's how-to)


class Source(Frozen):
    id: Id
    kind: SourceKind
    title: Text
    citation: Text  # the full reference, as a reader would look it up
    year: int | None = Field(default=None, ge=1900, le=2100)
    file: str | None = None  # for seeds: the file name in shared/seeds
    note: str | None = None
    # what the citation was checked against (record, page, date); None: not verified, and the
    # note says why. An unverified source may not be cited (tests/test_sources.py).
    checked: Text | None = None


# --- body regions ------------------------------------------------------------------------------


Side = Literal["left", "right", "both", "center"]


class View(StrEnum):
    front = "front"
    back = "back"
    side = "side"


class Region(Entry):
    name: Text  # everyday name: "low back"
    description: Text  # how a person finds it on their own body
    views: tuple[View, ...] = Field(min_length=1)
    sides: tuple[Side, ...] = Field(min_length=1)


# --- findings, conditions, red flags ----------------------------------------------------------


class FindingKind(StrEnum):
    behaviour = "behaviour"  # what makes the pain worse or better
    symptom = "symptom"
    history = "history"  # habits and recent events (long sitting, an endurance effort)
    red_flag = "red_flag"


class Finding(Entry):
    kind: FindingKind
    question: Text  # the plain yes/no question a person is asked
    short: Text  # a few words for lists: "hard to stand straight after sitting"
    phrases: tuple[Text, ...] = ()  # everyday wordings that mean the same thing


Site = Literal[
    "belly",  # the soft front of the trunk, over the psoas
    "inner_hip",  # inside the rim of the pelvis, over the iliacus
    "ribs",
    "spine",  # on or right beside the spine, the sacrum included
    "buttock",
    "thigh",
    "hip_side",
]
BELLY_SITES: tuple[Site, ...] = ("belly", "inner_hip")  # pressure here is abdominal pressure
Movement = Literal["hip_flexion", "hip_extension", "hip_rotation"]  # to the end of the range


class Pressing(Frozen):
    """A tool of one of these firmnesses pressing on one of these sites (anywhere when none)."""

    hardness: tuple[Hardness, ...] = Field(min_length=1)
    sites: tuple[Site, ...] = ()


class Exclusion(Frozen):
    """What a condition rules out, said by technique property; any one that matches excludes.

    Every part is read from what the technique does and the prop actually used, never from a
    tag: ``pressing`` is judged against the firmness of the tool that really presses (a
    firmer stand-in counts), ``flat_on_back`` against the position and whether the trunk is
    propped up, ``end_range`` against the extreme positions the technique takes the joints to.
    """

    abdominal_pressure: bool | None = None  # True: every technique that presses on the abdomen
    prone: bool | None = None  # True: every face-down position
    flat_on_back: bool | None = None  # True: lying on the back without the trunk propped up
    pressing: tuple[Pressing, ...] = ()  # tools of these firmnesses (on these sites)
    intensity: tuple[Intensity, ...] = ()  # techniques of these intensities
    end_range: tuple[Movement, ...] = ()  # techniques taking a joint to these extremes
    all_techniques: bool = False


class Implication(Frozen):
    """When a condition follows from other answers instead of being ticked itself.

    ``pregnant``: the intake says the person is pregnant. ``condition``: that condition is
    active. ``pregnancy_weeks_at_least``: the pregnancy has gone this far; an unknown number of
    weeks counts as matching (the safer reading). Every part given must hold.
    """

    pregnant: bool = False
    condition: Id | None = None
    pregnancy_weeks_at_least: int | None = Field(default=None, ge=1, le=45)


class CannotApply(Frozen):
    """Answers that rule a condition out, so its question is not asked: ``sex`` lists the
    answers to the intake's sex question for which the condition cannot be present."""

    sex: tuple[Literal["female", "male", "other"], ...] = Field(min_length=1)


class Condition(Entry):
    question: Text
    short: Text
    phrases: tuple[Text, ...] = ()  # everyday wordings that mean the same thing
    implied_by: tuple[Implication, ...] = ()  # any one makes the condition active (OR)
    cannot_apply: CannotApply | None = None  # when it cannot be present, it is not asked
    weeks_question: Text | None = None  # how far along it is, in weeks (pregnancy)
    weeks_help: Text | None = None
    excludes: Exclusion | None = None
    reason: Text | None = None  # why, in plain words, shown beside every exclusion
    caution: Text | None = None  # advice that stays with a plan even when nothing is excluded


class Tier(StrEnum):
    """Verdicts, least to most serious. The order of members is the order of seriousness."""

    self_care = "self_care"
    see_clinician = "see_clinician"
    urgent = "urgent"
    emergency = "emergency"

    @property
    def rank(self) -> int:
        return _TIER_RANK[self]


_TIER_RANK = {tier: rank for rank, tier in enumerate(Tier)}


class Criterion(Frozen):
    """One countable sign inside a :class:`Count`; exactly one part is given."""

    finding: Id | None = None
    condition: Id | None = None
    regions: tuple[Id, ...] = ()  # pain (above 0) in any of these regions
    onset_age_under: float | None = None  # the pain began before this age (duration known)


class Count(Frozen):
    """At least ``min`` of the signs ``of`` hold (criteria lists such as ASAS or NICE NG65)."""

    min: int = Field(ge=1)
    of: tuple[Criterion, ...] = Field(min_length=1)


class Match(Frozen):
    """A condition on an intake. Every part given must hold (AND).

    ``min`` counts within ``findings`` when findings are given, else within ``conditions``;
    when both are given, at least one of the conditions must be present as well. Each of
    ``counts`` must hold too: that is how "any 4 of these 5" and "one of these risk factors,
    whether a finding or a condition" are written.
    """

    findings: tuple[Id, ...] = ()
    conditions: tuple[Id, ...] = ()
    min: int = Field(default=1, ge=1)
    counts: tuple[Count, ...] = ()
    regions: tuple[Id, ...] = ()  # pain in at least one of these regions
    age_under: int | None = None
    age_over: int | None = None
    duration_weeks_under: float | None = None  # an unknown duration counts as matching
    duration_weeks_at_least: float | None = None  # an unknown duration does not match
    onset_age_under: float | None = None  # age minus duration; unknown duration: not matched


class ClearedBy(StrEnum):
    """Who may lift a see-clinician rule once a clinician has examined the person."""

    self_report = "self_report"  # the person's own word that a clinician examined this episode
    clinician_record = "clinician_record"  # only a clearance a clinician records in unknot


class Clearance(Frozen):
    """What a clinician's examination may lift, and why; rules without one are never lifted."""

    by: ClearedBy
    why: Text  # why this examination does (or only a recorded one does) resolve the sign
    sources: tuple[Id, ...] = Field(min_length=1)


class RedFlagRule(Entry):
    tier: Tier
    when: tuple[Match, ...] = Field(min_length=1)  # any one match (OR) triggers the rule
    title: Text  # what it may be, in plain words: "possible pressure on the nerves ..."
    action: Text  # what to do and where to go
    clearance: Clearance | None = None  # None: no examination the intake reports lifts it

    @property
    def self_clearable(self) -> bool:
        return self.clearance is not None and self.clearance.by is ClearedBy.self_report


class Profession(Entry):
    """A practitioner's profession, and whether their recorded examination may lift the rules
    marked ``clinician_record`` (a registered clinician who examines and diagnoses)."""

    name: Text
    records_clearance: bool
    why: Text  # why this profession may, or may not, record a clearance


# --- muscles -----------------------------------------------------------------------------------


class ReferralKind(StrEnum):
    primary = "primary"
    spillover = "spillover"


class Referral(Frozen):
    region: Id
    kind: ReferralKind


class Indicator(Frozen):
    """A finding that points to (positive weight) or away from (negative weight) a muscle."""

    finding: Id
    weight: Weight
    text: Text  # why, in plain words
    sources: tuple[Id, ...] = Field(min_length=1)


class Muscle(Entry):
    name: Text  # everyday name
    latin: Text
    group: Text  # "hip flexor", "deep back muscle"
    description: Text  # where it is, in words a person understands
    attachments: tuple[Text, ...] = Field(min_length=1)
    actions: tuple[Text, ...] = Field(min_length=1)
    referral: tuple[Referral, ...] = ()
    referral_note: Text | None = None
    indicators: tuple[Indicator, ...] = ()
    synergists: tuple[Id, ...] = ()
    antagonists: tuple[Id, ...] = ()


# --- props -------------------------------------------------------------------------------------


class Hardness(StrEnum):
    none = "none"  # hands, floor, body weight only
    soft = "soft"
    medium = "medium"
    firm = "firm"
    hard = "hard"


class Fit(StrEnum):
    good = "good"  # works as well
    partial = "partial"  # works, with a difference the person should know
    unsuitable = "unsuitable"  # looks like it would work, does not: say why


class Substitute(Frozen):
    prop: Id
    fit: Fit
    note: Text


class Prop(Entry):
    name: Text
    description: Text
    firmness: Hardness
    substitutes: tuple[Substitute, ...] = ()  # what can stand in for this prop


# --- techniques --------------------------------------------------------------------------------


class Phase(StrEnum):
    breathe = "breathe"
    release = "release"
    stretch = "stretch"
    strengthen = "strengthen"


class Position(StrEnum):
    supine = "supine"
    supine_knees_bent = "supine_knees_bent"
    side_lying = "side_lying"
    prone = "prone"
    prone_forearms = "prone_forearms"
    kneeling = "kneeling"
    half_kneeling = "half_kneeling"
    all_fours = "all_fours"
    seated = "seated"
    standing = "standing"
    standing_wall = "standing_wall"

    @property
    def is_prone(self) -> bool:
        return self.value.startswith("prone")


LYING = frozenset(
    {
        Position.supine,
        Position.supine_knees_bent,
        Position.side_lying,
        Position.prone,
        Position.prone_forearms,
    }
)


class Intensity(StrEnum):
    gentle = "gentle"
    moderate = "moderate"
    deep = "deep"


class Experience(StrEnum):
    new = "new"  # safe as a first try
    some = "some"  # after a few sessions of the gentler version
    experienced = "experienced"


Exclusion.model_rebuild()
