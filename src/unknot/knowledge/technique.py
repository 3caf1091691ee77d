"""Typed, frozen models of a technique: the props it needs, its dose, its cues and its picture
(``data/techniques.yaml``). The shared types and the other entries are in ``models.py``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from unknot.knowledge.models import (
    LYING,
    Entry,
    Experience,
    Frozen,
    Hardness,
    Id,
    Intensity,
    Movement,
    Phase,
    Position,
    Site,
    Text,
)


class PropNeed(Frozen):
    """One prop the technique needs: any of ``any_of`` will do (first is the preferred).

    ``presses``: this is the tool that presses into the body, so its firmness, not the
    technique's ``tool_hardness``, is what the safety rules judge when it is used.
    ``stand_ins``: False when what these props are is the point of the technique (a soft ball
    for the gentle version), so no stand-in from props.yaml may take their place.
    """

    any_of: tuple[Id, ...] = Field(min_length=1)
    count: int = Field(default=1, ge=1)
    optional: bool = False
    presses: bool = False
    stand_ins: bool = True
    note: Text | None = None


class Dose(Frozen):
    hold_seconds: int | None = Field(default=None, ge=1, le=1200)
    breaths: int | None = Field(default=None, ge=1, le=60)
    reps: int | None = Field(default=None, ge=1, le=100)
    sets: int = Field(default=1, ge=1, le=10)
    rest_seconds: int = Field(default=0, ge=0, le=300)
    per_side: bool = False
    seconds_per_rep: int | None = Field(default=None, ge=1, le=120)
    minutes: float | None = Field(default=None, gt=0, le=30)  # total, when the dose is a time
    times_per_day: Annotated[tuple[int, int], Field()] | None = None  # (min, max)
    days_per_week: int | None = Field(default=None, ge=1, le=7)
    text: Text  # the dose in plain words
    sources: tuple[Id, ...] = Field(min_length=1)  # where the figures of this dose come from
    # True: the figures are a conventional prescription (or carried over from other work), not a
    # finding about this technique; the sources are then the source of the convention.
    convention: bool = False


class Cue(Frozen):
    at: int = Field(ge=0)  # seconds from the start of the step (per side when one-sided)
    say: Text
    # this cue already says one of the players' safety cues (planning.yaml, safety_cues), so the
    # player need not add it again
    covers: Literal["pulse", "roll_to_side"] | None = None


PoseName = Literal[
    "supine",
    "supine_knees_bent",
    "knees_dropped",
    "knee_to_chest",
    "dead_bug",
    "bed_edge",
    "side_lying",
    "clamshell",
    "prone",
    "prone_forearms",
    "kneeling",
    "half_kneeling",
    "all_fours",
    "bird_dog",
    "seated",
    "seated_floor",
    "standing",
    "standing_lunge",
    "standing_wall",
    "facing_wall",
    "wall_sit",
    "wall_side_plank",
    "supported_bridge",
    "bridge",
    "bolstered",
    "side_plank",
    "side_plank_knees",
]
BodyPoint = Literal[
    "low_back",
    "sacrum",
    "belly",
    "front_hip",
    "buttock",
    "thigh_back",
    "thigh_front",
    "upper_back",
    "knee",
]
Arrow = Literal["knee_drop", "hip_lift", "leg_lift", "roll", "rock", "side_bend", "reach", "step"]


class Picture(Frozen):
    """How the technique is drawn: a named pose, where the prop and the pressure sit, a movement."""

    pose: PoseName
    prop_at: BodyPoint | None = None
    pressure_point: BodyPoint | None = None
    arrow: Arrow | None = None
    side: Literal["left", "right"] | None = None


class Technique(Entry):
    name: Text
    phase: Phase
    # techniques that do nearly the same thing to the same place (every QL release, every hip
    # flexor stretch); a session holds at most one of a family unless nothing else fits
    family: Id
    summary: Text  # one sentence: what it is and what it does
    targets: tuple[Id, ...] = Field(min_length=1)  # muscles
    position: Position
    floor: bool  # needs getting down to the floor
    abdominal_pressure: bool
    one_sided: bool
    intensity: Intensity
    tool_hardness: Hardness  # what presses with the preferred props: none for hands or no pressure
    pressure_on: tuple[Site, ...]  # where a tool or the hands press; () when nothing presses
    end_range: tuple[Movement, ...]  # joints this takes to an extreme; () when none
    reclined: bool = False  # lying on the back with the trunk propped up on an incline
    experience: Experience = Experience.new
    props: tuple[PropNeed, ...] = ()
    steps: tuple[Text, ...] = Field(min_length=2)
    # the steps (numbered from 1) that carry the technique where there is room for only a few:
    # the placement and the movement, not the setting up (the handout, a plan card)
    key_steps: tuple[Annotated[int, Field(ge=1)], ...] = Field(min_length=1, max_length=4)
    dose: Dose
    cues: tuple[Cue, ...] = ()
    progressions: tuple[Id, ...] = ()  # harder technique ids
    regressions: tuple[Id, ...] = ()  # gentler technique ids
    variations: tuple[Text, ...] = ()  # in-place ways to make it easier or harder
    requires: tuple[Id, ...] = ()  # techniques to have learnt first
    cautions: tuple[Text, ...] = ()  # the first is the one shown where there is room for one
    ruled_out_by: tuple[Id, ...] = ()  # conditions, beyond what conditions.yaml excludes
    picture: Picture | None = None  # how unknot.pictures draws it

    @property
    def lying(self) -> bool:
        """Done lying down (on the back, side or front), on the floor or on a bed."""
        return self.position in LYING

    @property
    def flat_on_back(self) -> bool:
        """Lying on the back without the trunk propped up (whatever the knees do)."""
        flat = self.position in (Position.supine, Position.supine_knees_bent)
        return flat and not self.reclined
