"""Models of the method settings files: triage.yaml and planning.yaml (weights, limits and the
safety cues every player speaks), tiers.yaml (the verdict table), intake.yaml (every limit an
intake is checked against) and language.yaml (how everyday wording is read). They sit beside
the facts so that no safety word or number hides in Python."""

from __future__ import annotations

import string
from typing import Literal, TypeVar

from pydantic import Field, model_validator

from unknot.knowledge.models import Frozen, Hardness, Id, Phase, Text, Tier

W = TypeVar("W", bound=Frozen)


class TriageSettings(Frozen):
    """The weights of the ranking method itself (see docs/triage.md), kept beside the facts."""

    primary_region_weight: float = Field(gt=0, lt=1)
    spillover_region_weight: float = Field(gt=0, lt=1)
    intensity_floor: float = Field(ge=0, le=1)  # share of a region's weight at intensity 1
    unexplained_region_factor: float = Field(gt=0, le=1)  # per painful region it cannot explain
    min_score: float = Field(ge=0, lt=1)  # below this a muscle is not listed
    note: Text
    sources: tuple[Id, ...] = Field(min_length=1)


class SafetyCues(Frozen):
    """The spoken and shown safety cues every session player uses."""

    pulse: Text  # at every step that presses on the belly
    pulse_short: Text  # the banner shown on screen during such a step
    empty_stomach: Text  # before belly work
    roll_to_side: Text  # at the end of floor work
    general: Text  # shown with a technique that has no safety line or caution of its own
    sources: tuple[Id, ...] = Field(min_length=1)


class PlannerTuning(Frozen):
    """How the planner's greedy fill weighs one candidate against another (see planner.py)."""

    covered_decay: float = Field(gt=0, le=1)  # value kept per chosen item of the same phase/muscle
    gentle_bonus: float = Field(ge=0, le=0.1)  # per step of gentleness (deep 1 .. gentle 3)
    newcomer_deep_factor: float = Field(gt=0, le=1)  # relevance of deep work for newcomers
    room_threshold: float = Field(gt=0, le=1)  # share of an item that must fit its phase's share
    over_share_factor: float = Field(gt=0, le=1)  # value once its phase's share is used up
    lying_without_floor_factor: float = Field(gt=0, le=1)  # lying on a bed, when upright fits


def _filled_in(words: W, allowed: dict[str, set[str]]) -> W:
    """``words`` unless one of its texts names a ``{placeholder}`` the code does not fill in
    (``allowed``: per field, the names it fills in; other text fields get none)."""
    for field, value in words:
        if not isinstance(value, str):
            continue
        names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        extra = names - allowed.get(field, set())
        if extra:
            raise ValueError(f"{field}: {{{sorted(extra)[0]}}} is not filled in here")
    return words


class ProgressionWords(Frozen):
    """What the diary says about the next sessions, one sentence per step (schedule.py).

    ``step_back`` may name ``{points}`` (how much higher the last session left the pain) and
    ``progress`` ``{weeks}`` (the good weeks in a row)."""

    none_yet: Text
    see_clinician: Text
    step_back: Text
    progress: Text
    keep: Text

    @model_validator(mode="after")
    def _names_only_what_is_filled_in(self) -> ProgressionWords:
        return _filled_in(self, {"step_back": {"points"}, "progress": {"weeks"}})


class ProgramDoses(Frozen):
    """How far a practitioner's program may move a technique's dose from the one in the
    knowledge base (planning.yaml, ``program_doses``): each figure of the dose (hold, reps,
    breaths, minutes) between ``lowest`` and ``highest`` times the written figure, sets up to
    ``max_sets``."""

    lowest: float = Field(gt=0, le=1)
    highest: float = Field(ge=1, le=4)
    max_sets: int = Field(ge=1, le=10)
    why: Text
    warning_sign: Text  # why a person whose answers carry a warning sign gets no program
    release_cap: Text  # names {minutes} (what the program would give) and {limit} (the cap)

    @model_validator(mode="after")
    def _names_only_what_is_filled_in(self) -> ProgramDoses:
        return _filled_in(self, {"release_cap": {"minutes", "limit"}})

    sources: tuple[Id, ...] = Field(min_length=1)


class PlanningSettings(Frozen):
    """Timing and dosing limits the planner and the schedule keep (see planning.yaml)."""

    seconds_per_breath: int = Field(ge=3, le=15)
    setup_seconds: int = Field(ge=0, le=120)  # getting into position, placing a prop
    switch_side_seconds: int = Field(ge=0, le=60)
    default_seconds_per_rep: int = Field(ge=1, le=30)
    phase_shares: dict[Phase, float]  # target share of the minutes for each phase
    strengthen_from_minutes: int = Field(ge=3, le=60)  # strengthening always at or above this
    breathing_reset_from_minutes: int = Field(ge=3, le=60)
    finish_seconds: int = Field(ge=0, le=60)  # the closing step: how is the pain now?
    budget_use: float = Field(ge=0, le=1)  # at least this share used when techniques allow
    max_release_seconds_per_day: int = Field(ge=60)  # daily cap on trigger-point work
    twice_daily_up_to_minutes: int = Field(ge=3, le=60)  # short routines: up to twice a day
    general_focus: tuple[Id, ...] = Field(min_length=1)  # muscles when nothing points anywhere
    synergist_share: float = Field(gt=0, le=1)  # relevance of a helper muscle vs the one it helps
    no_belly_pressure_with: tuple[Hardness, ...]  # tools never planned on the belly
    safety_cues: SafetyCues
    default_sessions_per_week: int = Field(ge=1, le=14)
    progress_after_good_weeks: int = Field(ge=1, le=12)
    step_back_when_pain_rises_by: int = Field(ge=1, le=10)  # after vs before, in NPRS points
    clinician_after_worse_sessions: int = Field(ge=1, le=20)
    progression_words: ProgressionWords
    tuning: PlannerTuning
    program_doses: ProgramDoses
    note: Text
    sources: tuple[Id, ...] = Field(min_length=1)


class TierWords(Frozen):
    """One verdict as every face says it, and what it does (tiers.yaml)."""

    id: Tier
    label: Text  # a few words for lists: "see a clinician first"
    headline: Text  # the heading of a page or panel that gives this verdict
    detail: Text | None = None  # the sentence under the heading; none for self-care
    tone: Literal["calm", "caution", "danger", "alarm"]  # how loudly a face shows it
    gives_plan: bool  # a plan is built only at this tier
    ranks_muscles: bool  # False: a ranking could read as reassurance, so none is given
    stops_intake: bool  # the web intake stops at once, before the remaining questions
    pauses_plans: bool  # reached at a diary check-in, it pauses the person's earlier plans
    may_be_cleared: bool  # some rules of this tier may be lifted by a clinician's examination
    paused_note: Text | None = None  # shown where a paused plan would have been
    signs_heading: Text | None = None  # over the intake's warning signs that reach this tier


class ScreeningWords(Frozen):
    """The screening's own sentences: the all-clear, and what a clearance does and does not do.

    ``cleared`` and ``not_covered`` are templates: ``{title}`` is the rule's title, ``{why}`` the
    reason the clearance does not reach it, ``{cleared_on}`` the examination date.
    """

    all_clear_title: Text
    all_clear_action: Text
    all_cleared_title: Text  # every sign found was one a clinician's examination lifted
    all_clear_sources: tuple[Id, ...] = Field(min_length=1)
    cleared: Text  # the caution left by a lifted rule
    recorded: Text  # the caution left by a rule a clinician's recorded clearance lifted
    not_covered: Text  # appended to a rule's action when a reported clearance does not lift it
    before_episode: Text  # the examination was before this bout of pain began
    worsening_advice: Text  # where to go when the diary shows pain or a measure getting worse
    # who may lift a rule: by a reported examination, a recorded clearance, or nobody
    lifted_by: dict[Literal["self_report", "clinician_record", "never"], Text]
    # the intake's question about an examination, asked when a rule it may lift applies
    clearance_legend: Text
    clearance_because: Text  # before the titles of the rules that made it worth asking
    clearance_label: Text  # the box a person ticks
    clearance_date_label: Text
    clearance_date_help: Text
    sources: tuple[Id, ...] = Field(min_length=1)


class TierSettings(Frozen):
    """The verdict table every face reads: CLI, pages, player, check-ins and the API."""

    tiers: tuple[TierWords, ...] = Field(min_length=4, max_length=4)
    screening: ScreeningWords

    def of(self, tier: Tier | str) -> TierWords:
        wanted = Tier(tier)
        return next(t for t in self.tiers if t.id is wanted)


class Range(Frozen):
    min: float
    max: float


class IntakeLimits(Frozen):
    """Every limit an intake is checked against, in one place (intake.yaml)."""

    age: Range
    minutes: Range
    default_minutes: int = Field(ge=1, le=600)
    quick_minutes: tuple[int, ...] = Field(min_length=1)  # one-tap choices on a form
    duration_weeks: Range
    pregnancy_weeks: Range
    intensity: Range  # NPRS, 0-10
    document_bytes: int = Field(ge=1024, le=1_048_576)  # the largest intake document read
    child_message: Text  # for an age under ``age.min``; ``{min}`` is the minimum age
    sources: tuple[Id, ...] = Field(min_length=1)


class WarningWords(Frozen):
    """Words that, in an answer unknot could not match, may mean a warning sign."""

    words: Text  # all of these words (after the same normalising as the phrases)
    hints: tuple[Id, ...] = Field(min_length=1)  # red-flag findings they may point to


class LanguageSettings(Frozen):
    """How everyday wording is read (language.yaml): see docs/safety.md, "How phrases are read".

    Every list is matched after normalising: lower case, curly quotes straightened, punctuation
    dropped, each word put through ``spelling`` and ``synonyms`` and cut to a simple stem.
    """

    stopwords: tuple[str, ...]  # words that carry no meaning for matching ("i", "my", "the")
    negations: tuple[str, ...]  # words that may turn a phrase around ("no", "not", "without")
    synonyms: dict[str, tuple[str, ...]]  # one word -> the everyday words that mean it
    spelling: dict[str, str]  # common misspellings -> the word meant
    key_words: tuple[str, ...]  # a loose match may never leave one of these out
    fuzzy_min_length: int = Field(ge=3, le=12)  # shorter words are never guessed at
    fuzzy_cutoff: float = Field(gt=0.5, lt=1.0)  # how close a guess must be (difflib ratio)
    warning_words: tuple[WarningWords, ...] = Field(min_length=1)
    unclear_title: Text  # ``{text}``: the answer as given
    unclear_action: Text  # ``{words}``: the warning words found in it
    unclear_no_warning: Text  # for an answer with no warning words: said beside it only
    unclear_condition_action: Text  # a health condition unknot could not tell: ``{text}``
    doubtful: Text  # a warning sign read despite a negation: ``{text}``, ``{short}``
    unclear_tier: Tier  # the least serious verdict an unclear answer with warning words gives
    sources: tuple[Id, ...] = Field(min_length=1)
