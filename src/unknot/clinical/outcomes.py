"""Score the outcome measures and read each result, and each change, in plain words.

Pure functions over ``data/measures.yaml``: every range, threshold and band comes from there.
Scores keep their exact value (``value``) beside the value rounded for display (``rounded``).
Bad input raises :class:`OutcomeInputError`, whose message names what is wrong and what is
allowed, ready to show to a person as it is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from unknot.knowledge import load_knowledge
from unknot.knowledge.measures import Band, Measure, load_measures


class OutcomeInputError(ValueError):
    """An answer or score is missing, of the wrong kind or out of range."""


class Direction(StrEnum):
    better = "better"
    worse = "worse"
    same = "same"


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Score(_Result):
    """One scored measure; ``band`` is the id of its band or risk group, if the measure has any."""

    measure: str
    name: str
    value: int | float  # exact
    rounded: int | float  # to the measure's display precision
    band: str | None = None
    interpretation: str


class RmdqScore(Score):
    recovered: bool


class OdiScore(Score):
    total: int  # points over the answered sections
    answered: int
    skipped: tuple[int, ...]  # section numbers, counting from 1


class StartBackScore(Score):
    total: int
    distress: int  # the distress subscale
    risk: str  # low, medium or high


class PsfsActivity(_Result):
    name: str
    rating: int


class PsfsScore(Score):
    activities: tuple[PsfsActivity, ...]


class Change(_Result):
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


# --- helpers ------------------------------------------------------------------------------------


def measure(measure_id: str) -> Measure:
    """The measure with this id; OutcomeInputError names the known ids otherwise."""
    measures = load_measures()
    if measure_id not in measures:
        raise OutcomeInputError(f"unknown measure '{measure_id}': use {', '.join(measures)}")
    return measures[measure_id]


def _round(value: float, decimals: int) -> float:
    """Round half up (2.25 -> 2.3), unlike ``round``, which rounds half to even."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP))


def _fmt(value: float, decimals: int) -> str:
    text = f"{_round(value, decimals):.{decimals}f}"
    return text[:-2] if text.endswith(".0") else text


def _whole(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise OutcomeInputError(
            f"{what} must be a whole number from {low} to {high}, got {value!r}"
        )
    if not low <= value <= high:
        raise OutcomeInputError(f"{what} {value} is out of range {low}-{high}")
    return value


def _answers(values: object, what: str, count: int, noun: str) -> list[object]:
    """``values`` as a list of exactly ``count`` items; text is not a list of answers."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise OutcomeInputError(f"{what} needs a list of {count} {noun}")
    if len(values) != count:
        raise OutcomeInputError(f"{what} needs {count} {noun}, got {len(values)}")
    return list(values)


def _base(m: Measure, value: float, interpretation: str, band: str | None = None) -> dict[str, Any]:
    """The fields every score shares; whole-number scores stay whole (6, not 6.0)."""
    rounded = value if isinstance(value, int) else _round(value, m.decimals)
    return {
        "measure": m.id,
        "name": m.name,
        "value": value,
        "rounded": rounded,
        "band": band,
        "interpretation": interpretation,
    }


def _band(m: Measure, value: float) -> Band | None:
    """The first band whose top reaches ``value``: 20.4 is past 0-20, so it is in 21-40."""
    return next((band for band in m.bands if value <= band.max), None)


# --- scoring ------------------------------------------------------------------------------------


def score_nprs(value: int) -> Score:
    """A 0-10 pain rating, a whole number; 5.5 or 11 is refused."""
    m = measure("nprs")
    rating = _whole(value, f"{m.abbreviation} pain rating", m.item_min, m.item_max)
    return Score(**_base(m, rating, f"You rated your pain {rating} out of {m.max:g}. {m.scale}"))


def score_rmdq(answers: Sequence[bool] | int) -> RmdqScore:
    """Roland-Morris: the count of "yes" over all 24 answers, or the count itself (0-24).

    Every statement must be answered; a list of another length is refused. ``True`` alone is
    not a count.
    """
    m = measure("rmdq")
    ab = m.abbreviation
    if isinstance(answers, int) and not isinstance(answers, bool):
        count = _whole(answers, f"{ab} score", int(m.min), int(m.max))
    else:
        items = _answers(answers, ab, m.items, "yes/no answers, one per statement")
        for number, answer in enumerate(items, 1):
            if not isinstance(answer, bool):
                raise OutcomeInputError(f"{ab} answer {number} must be yes or no, got {answer!r}")
        count = sum(1 for answer in items if answer)
    recovered = m.recovered is not None and count <= m.recovered.at_most
    text = f"You said {count} of the {m.items} statements fit you. {m.scale}"
    if m.recovered is not None:
        limit = f"{m.recovered.at_most:g} or less"
        text += (
            f" That is {limit}: the range counted as recovered."
            if recovered
            else f" A score of {limit} counts as recovered."
        )
    return RmdqScore(**_base(m, count, text), recovered=recovered)


def score_odi(section_scores: Sequence[int | None]) -> OdiScore:
    """Oswestry: the points over the answered sections, as a percentage of their maximum.

    Give all 10 sections, each 0-5 or None when skipped. The score is total / (5 x answered) x
    100: 16 points over 10 sections is 32 %, 16 points with one section skipped is 16/45 =
    35.6 % (``rounded``; ``value`` keeps 35.555...). At least 8 sections must be answered: with
    three or more skipped the result is refused, not guessed.
    """
    m = measure("odi")
    ab = m.abbreviation
    noun = f"section scores ({m.item_min}-{m.item_max} each; a section may be skipped)"
    items = _answers(section_scores, ab, m.items, noun)
    scores: list[int] = []
    skipped: list[int] = []
    for number, score in enumerate(items, 1):
        if score is None:
            skipped.append(number)
        else:
            scores.append(_whole(score, f"{ab} section {number} score", m.item_min, m.item_max))
    if len(scores) < m.least_answered:
        raise OutcomeInputError(
            f"{ab} needs at least {m.least_answered} of {m.items} sections answered, got "
            f"{len(scores)}; with more skipped the score is not reliable"
        )
    total = sum(scores)
    percent = total * m.max / (m.item_max * len(scores))
    band = _band(m, percent)
    text = f"Your {m.short_name} score is {_fmt(percent, m.decimals)} % ({total} points over "
    text += f"{len(scores)} of {m.items} sections)"
    text += f": {band.name}. {band.text}" if band else "."
    return OdiScore(
        **_base(m, percent, text, band.id if band else None),
        total=total,
        answered=len(scores),
        skipped=tuple(skipped),
    )


def score_startback(answers: Sequence[bool | str]) -> StartBackScore:
    """STarT Back: items 1-8 agree (True) or disagree (False), item 9 one of the choices.

    Item 9 accepts not_at_all, slightly, moderately, very_much or extremely (case, spaces and
    hyphens do not matter); only very_much and extremely count. High risk is decided by the
    distress subscale alone; low risk needs a total of 3 or less.
    """
    m = measure("startback")
    assert m.risk is not None  # the loader guarantees it
    rules, ab = m.risk, m.abbreviation
    noun = f"answers (agree or disagree to items 1-{m.items - 1}, then a choice for {m.items})"
    items = _answers(answers, ab, m.items, noun)
    points: list[int] = []
    for number, answer in enumerate(items[:-1], 1):
        if not isinstance(answer, bool):
            raise OutcomeInputError(f"{ab} item {number} must be agree or disagree, got {answer!r}")
        points.append(int(answer))
    last = items[-1]
    choice = (
        last.strip().lower().replace(" ", "_").replace("-", "_") if isinstance(last, str) else ""
    )
    if choice not in rules.last_item_choices:
        raise OutcomeInputError(
            f"{ab} item {m.items} must be one of {', '.join(rules.last_item_choices)}, got {last!r}"
        )
    points.append(int(choice in rules.last_item_counts))
    total = sum(points)
    distress = sum(points[i - 1] for i in rules.distress_items)
    if distress >= rules.high_distress_min:
        risk = "high"
    elif total <= rules.low_total_max:
        risk = "low"
    else:
        risk = "medium"
    group = next(g for g in rules.groups if g.id == risk)
    text = (
        f"Total {total} of {m.max:g}, distress score {distress} of {len(rules.distress_items)}: "
        f"{group.name}. {group.text}"
    )
    return StartBackScore(**_base(m, total, text, risk), total=total, distress=distress, risk=risk)


def score_psfs(activities: Mapping[str, int] | Sequence[tuple[str, int]]) -> PsfsScore:
    """PSFS: the mean of 1 to 5 activity ratings, each a whole number 0-10.

    Names are trimmed and must be unique, ignoring case ("Walking" twice is refused).
    """
    m = measure("psfs")
    ab = m.abbreviation
    pairs = list(activities.items()) if isinstance(activities, Mapping) else list(activities)
    if not m.least_answered <= len(pairs) <= m.items:
        raise OutcomeInputError(
            f"{ab} takes {m.least_answered} to {m.items} activities, got {len(pairs)}"
        )
    rated: list[PsfsActivity] = []
    for number, (name, rating) in enumerate(pairs, 1):
        label = name.strip() if isinstance(name, str) else ""
        if not label:
            raise OutcomeInputError(f"{ab} activity {number} needs a name")
        if any(a.name.casefold() == label.casefold() for a in rated):
            raise OutcomeInputError(f"{ab} activity '{label}' is listed twice")
        what = f"{ab} rating for '{label}'"
        rated.append(PsfsActivity(name=label, rating=_whole(rating, what, m.item_min, m.item_max)))
    mean = sum(a.rating for a in rated) / len(rated)
    many = f"{len(rated)} activit{'y' if len(rated) == 1 else 'ies'}"
    text = f"Your average is {_fmt(mean, m.decimals)} out of {m.max:g} over {many}. {m.scale}"
    return PsfsScore(**_base(m, mean, text), activities=tuple(rated))


# --- change -------------------------------------------------------------------------------------


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
        at, state = _fmt(after, m.decimals), "still" if before <= limit else "now"
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
    if _round(size, decimals) == 0:  # no change at the precision the person gave
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
    amount = _fmt(size, decimals)
    if m.unit:
        amount += f" {m.unit}" + ("" if amount == "1" else "s")
    moved = f"{subject} {'fell' if change < 0 else 'rose'} by {amount}"
    kind = "improvement" if improving else "worsening"
    if direction is Direction.same:
        sentence = f"{subject} stayed at {_fmt(a, decimals)}: no change."
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
