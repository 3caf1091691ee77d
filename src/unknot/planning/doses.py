"""How long a technique takes, from its dose and the session settings."""

from __future__ import annotations

from unknot.knowledge.settings import PlanningSettings
from unknot.knowledge.technique import Dose, Technique


def set_seconds(dose: Dose, settings: PlanningSettings) -> int:
    """Seconds of one set on one side.

    A dose given in ``minutes`` is that time. Otherwise: each rep takes its hold plus
    ``seconds_per_rep`` (or the default); a dose with only a hold is one hold; breaths add
    ``seconds_per_breath`` each. A dose with none of these counts as one default rep.
    """
    if dose.minutes is not None:
        return round(dose.minutes * 60)
    seconds = 0
    if dose.reps is not None:
        per_rep = (dose.hold_seconds or 0) + (
            dose.seconds_per_rep or settings.default_seconds_per_rep
        )
        seconds = dose.reps * per_rep
    elif dose.hold_seconds is not None:
        seconds = dose.hold_seconds
    if dose.breaths is not None:
        seconds += dose.breaths * settings.seconds_per_breath
    return seconds or settings.default_seconds_per_rep


def work_seconds(dose: Dose, settings: PlanningSettings) -> int:
    """Seconds of work on one side: every set, with rests between sets (a dose in minutes
    already counts its whole time, so its sets are not multiplied again)."""
    if dose.minutes is not None:
        return set_seconds(dose, settings)
    return set_seconds(dose, settings) * dose.sets + dose.rest_seconds * (dose.sets - 1)


def technique_seconds(tech: Technique, settings: PlanningSettings) -> int:
    """The time a technique takes in a session: setting up, both sides, and the switch."""
    work = work_seconds(tech.dose, settings)
    if tech.one_sided:
        return settings.setup_seconds + 2 * work + settings.switch_side_seconds
    return settings.setup_seconds + work
