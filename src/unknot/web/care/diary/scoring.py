"""How the diary keeps a measure's answers (``MeasureResult.answers``) and scores them.

The stored shapes, one per measure, are the input of the core's scoring functions:

- nprs: ``{"rating": 6}``
- rmdq: ``{"answers": [true, false, ...]}`` (24, by item number) or ``{"total": 9}``
- odi: ``{"sections": [3, null, 2, ...]}`` (10 section scores, null when skipped)
- startback: ``{"answers": [true, ..., "very_much"]}`` (items 1-8 agree, then item 9's choice)
- psfs: ``{"activities": [["walking", 4], ...]}``

No item text is stored or needed: the person answers from their own copy of a licensed form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from unknot.clinical.outcomes import (
    OutcomeInputError,
    Score,
    score_nprs,
    score_odi,
    score_psfs,
    score_rmdq,
    score_startback,
)


def score_answers(measure_id: str, answers: Mapping[str, Any]) -> Score:
    """Score stored answers with the core. Raises OutcomeInputError for an unknown measure or
    answers in the wrong shape, with a message fit to show."""
    if measure_id == "nprs":
        return score_nprs(answers.get("rating"))  # type: ignore[arg-type]
    if measure_id == "rmdq":
        if "total" in answers:
            return score_rmdq(answers["total"])
        return score_rmdq(answers.get("answers"))  # type: ignore[arg-type]
    if measure_id == "odi":
        return score_odi(answers.get("sections"))  # type: ignore[arg-type]
    if measure_id == "startback":
        return score_startback(answers.get("answers"))  # type: ignore[arg-type]
    if measure_id == "psfs":
        pairs = answers.get("activities")
        if not isinstance(pairs, list) or not all(isinstance(p, list | tuple) and len(p) == 2
                                                  for p in pairs):  # fmt: skip
            raise OutcomeInputError("PSFS needs a list of activities, each a name and a rating")
        return score_psfs([(p[0], p[1]) for p in pairs])
    raise OutcomeInputError(f"unknown measure '{measure_id}'")
