"""How two scores of one measure compare: the change, whether it is meaningful, and the
sentence a person reads. Every threshold comes from ``data/measures.yaml`` (the absolute floor,
and for an improvement the percentage where the measure has one); a worsening is judged by the
floor alone, the safer side, and carries the knowledge base's advice."""

from __future__ import annotations

import math
from enum import StrEnum

from unknot.clinical.outcomes import (
    OutcomeInputError,
    Result,
    Score,
    fmt,
    measure,
    round_half_up,
)
from unknot.knowledge import load_knowledge
from unknot.knowledge.measures import Measure


class Direction(StrEnum):
    better = "better"
    worse = "worse"
    same = "same"


class Change(Result):
    """A comparison of two scores of one measure, ``before`` then ``after``."""

    measure: str
    before: float
    after: float
    change: float  # after minus before
    percent_change: float | None  # of ``before``; None when ``before`` is 0
    direction: Direction
    meaningful: bool
    threshold: str  # the meaningful change, in words: "2 points or 30 %"
    recovered: bool | None  # only for measures with a recovered threshold (Roland-Morris)
    sentence: str
    advice: str | None = None


def _reaches(value: float, limit: float) -> bool:
    """``value >= limit``, forgiving float noise (32 - 22.000000000000004 still reaches 10)."""
    return value >= limit or math.isclose(value, limit, rel_tol=1e-9)


def _score_value(m: Measure, score: float | Score, when: str) -> float:
    if isinstance(score, Score):
        if score.measure != m.id:
            raise OutcomeInputError(f"the {when} score is for {score.measure}, not {m.id}")
        return score.value
    if isinstance(score, bool) or not isinstance(score, int | float) or not math.isfinite(score):
        raise OutcomeInputError(f"{m.abbreviation} score {when} must be a number, got {score!r}")
    if not m.min <= score <= m.max:
        raise OutcomeInputError(
            f"{m.abbreviation} score {when} {score:g} is out of range {m.min:g}-{m.max:g}"
        )
    return float(score)


def _threshold(m: Measure, improvement: bool = True) -> str:
    mc = m.meaningful_change
    assert mc is not None
    text = ("about " if mc.about else "") + f"{mc.points:g} points"
    if improvement and mc.percent is not None:
        text += f" and {mc.percent:g} % of where it started"
    return text


def _decimals_of(value: float) -> int:
    """How many decimals a person gave (2.5 -> 1; 7 -> 0), so a change is said as precisely.

    A computed score (35.555...) has more than two and counts as none given: it is shown at the
    measure's own precision.
    """
    text = repr(float(value))
    decimals = len(text.partition(".")[2].rstrip("0")) if "e" not in text else 99
    return decimals if decimals <= 2 else 0


def _recovered_sentence(m: Measure, before: float, after: float) -> tuple[bool | None, str]:
    if m.recovered is None:
        return None, ""
    limit = m.recovered.at_most
    if after <= limit:
        at, state = fmt(after, m.decimals), "still" if before <= limit else "now"
        return True, f" At {at} it is {state} in the recovered range ({limit:g} or less)."
    if before <= limit:
        return False, f" It has risen above {limit:g}, out of the range counted as recovered."
    return False, ""


def compare(measure_id: str, before: float | Score, after: float | Score) -> Change:
    """How a measure changed from ``before`` to ``after``, and whether the change matters.

    Lower is better for NPRS, Roland-Morris and Oswestry; higher is better for PSFS. A change is
    meaningful only when it reaches the measure's absolute floor (NPRS 2 points, Roland-Morris
    5, Oswestry 10, PSFS about 2); an improvement must also reach the percentage of the
    ``before`` score where the measure has one (30 %). The percentage never replaces the floor:
    from a low start 30 % is smaller than the measure's own noise, so NPRS 3 -> 2 is not a
    meaningful improvement and 1 -> 2 not a meaningful worsening. A worsening is judged by the
    floor alone, the safer side for noticing it. With ``before`` at 0 the percentage cannot be
    computed and only the floor applies. Changes are said with the decimals given (3 -> 2.5
    "fell by 0.5 points"). STarT Back sorts people into risk groups and has no change
    threshold: it is refused.
    """
    m = measure(measure_id)
    if m.meaningful_change is None:
        raise OutcomeInputError(
            f"{m.abbreviation} sorts people into risk groups and has no measure of change: "
            "score it again and compare the groups"
        )
    mc = m.meaningful_change
    b, a = _score_value(m, before, "before"), _score_value(m, after, "after")
    decimals = max(m.decimals, _decimals_of(b), _decimals_of(a))
    change = a - b
    size = abs(change)
    percent = change / b * 100 if b else None
    if round_half_up(size, decimals) == 0:  # no change at the precision the person gave
        direction = Direction.same
    elif (change < 0) == (m.better == "lower"):
        direction = Direction.better
    else:
        direction = Direction.worse
    improving = direction is Direction.better
    meaningful = (
        direction is not Direction.same
        and _reaches(size, mc.points)
        and not (
            improving
            and mc.percent is not None
            and percent is not None
            and not _reaches(abs(percent), mc.percent)
        )
    )
    subject = m.subject[:1].upper() + m.subject[1:]
    amount = fmt(size, decimals)
    if m.unit:
        amount += f" {m.unit}" + ("" if amount == "1" else "s")
    moved = f"{subject} {'fell' if change < 0 else 'rose'} by {amount}"
    kind = "improvement" if improving else "worsening"
    if direction is Direction.same:
        sentence = f"{subject} stayed at {fmt(a, decimals)}: no change."
    elif meaningful:
        sentence = f"{moved}: a meaningful {kind}."
    else:
        sentence = (
            f"{moved}: a small {kind}, less than the {_threshold(m, improving)} that counts as "
            "meaningful."
        )
    recovered, note = _recovered_sentence(m, b, a)
    worse = meaningful and direction is Direction.worse
    return Change(
        measure=m.id,
        before=b,
        after=a,
        change=change,
        percent_change=percent,
        direction=direction,
        meaningful=meaningful,
        threshold=_threshold(m, improving or direction is Direction.same),
        recovered=recovered,
        sentence=sentence + note,
        advice=load_knowledge().tiers.screening.worsening_advice if worse else None,
    )
