"""Score the outcome measures and read each result in plain words (how two scores compare is
:mod:`unknot.clinical.change`).

Pure functions over ``data/measures.yaml``: every range, threshold and band comes from there.
Scores keep their exact value (``value``) beside the value rounded for display (``rounded``).
Bad input raises :class:`OutcomeInputError`, whose message names what is wrong and what is
allowed, ready to show to a person as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from unknot.knowledge.measures import Band, Measure, load_measures


class OutcomeInputError(ValueError):
    """An answer or score is missing, of the wrong kind or out of range."""


class Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Score(Result):
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


class PsfsActivity(Result):
    name: str
    rating: int


class PsfsScore(Score):
    activities: tuple[PsfsActivity, ...]


# --- helpers ------------------------------------------------------------------------------------


def measure(measure_id: str) -> Measure:
    """The measure with this id; OutcomeInputError names the known ids otherwise."""
    measures = load_measures()
    if measure_id not in measures:
        raise OutcomeInputError(f"unknown measure '{measure_id}': use {', '.join(measures)}")
    return measures[measure_id]


def round_half_up(value: float, decimals: int) -> float:
    """Round half up (2.25 -> 2.3), unlike ``round``, which rounds half to even."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP))


def fmt(value: float, decimals: int) -> str:
    text = f"{round_half_up(value, decimals):.{decimals}f}"
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
    rounded = value if isinstance(value, int) else round_half_up(value, m.decimals)
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
    text = f"Your {m.short_name} score is {fmt(percent, m.decimals)} % ({total} points over "
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
    text = f"Your average is {fmt(mean, m.decimals)} out of {m.max:g} over {many}. {m.scale}"
    return PsfsScore(**_base(m, mean, text), activities=tuple(rated))
