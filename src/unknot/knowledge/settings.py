"""Models of the method settings files (triage.yaml, planning.yaml): weights, limits and the
safety cues every player speaks. They sit beside the facts so that no number hides in Python."""

from __future__ import annotations

from pydantic import Field

from unknot.knowledge.models import Frozen, Hardness, Id, Phase, Text


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
    budget_over: float = Field(ge=0, le=0.5)  # never more than this over the minutes
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
    note: Text
    sources: tuple[Id, ...] = Field(min_length=1)
