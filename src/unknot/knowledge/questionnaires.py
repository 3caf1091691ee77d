"""The licensed questionnaire texts unknot ships, each in its own file under
``data/questionnaires/`` with its authors' notice, attribution and sources.

A questionnaire's words are its authors', shipped unmodified under the terms they publish;
scoring and interpretation stay in ``measures.yaml``. The loader checks that each file fits its
measure: the measure exists and says its text may ship, the number of statements matches, and
the answers of a last item with choices are the ones the scoring knows.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, ValidationError

from unknot.knowledge.errors import KnowledgeError
from unknot.knowledge.loader import DATA_DIR, load_knowledge
from unknot.knowledge.measures import Measure, load_measures
from unknot.knowledge.models import Frozen, Id, Text

FOLDER = DATA_DIR / "questionnaires"


class Choice(Frozen):
    id: Id
    text: Text


class LastItem(Frozen):
    question: Text
    choices: tuple[Choice, ...] = Field(min_length=2)


class Questionnaire(Frozen):
    """One questionnaire's licensed text.

    ``answer``: ``tick`` (a ticked statement describes the person; unticked ones do not) or
    ``agree`` (each statement answered with one of ``responses``, disagree first).
    """

    measure: Id
    title: Text
    answer: Literal["tick", "agree"]
    instructions: Text
    responses: tuple[Choice, ...] = ()
    items: tuple[Text, ...] = Field(min_length=1)
    last_item: LastItem | None = None
    attribution: Text
    notice: Text  # the authors' permission or copyright statement, shown with the text
    sources: tuple[Id, ...] = Field(min_length=1)
    checked: Text  # what the wording was compared with, and when


def _check(q: Questionnaire, where: str, measures: Mapping[str, Measure]) -> None:
    m = measures.get(q.measure)
    if m is None:
        raise KnowledgeError(f"{where}: measure: no measure '{q.measure}' in measures.yaml")
    if not m.licence.ship_item_text:
        raise KnowledgeError(f"{where}: measures.yaml says the text of '{m.id}' may not ship")
    asked = len(q.items) + (1 if q.last_item else 0)
    if asked != m.items:
        raise KnowledgeError(f"{where}: items: {asked} questions, the measure has {m.items}")
    if q.answer == "agree" and [c.id for c in q.responses] != ["disagree", "agree"]:
        raise KnowledgeError(f"{where}: responses: must be disagree, then agree")
    if q.last_item is not None:
        wanted = m.risk.last_item_choices if m.risk is not None else ()
        if tuple(c.id for c in q.last_item.choices) != tuple(wanted):
            raise KnowledgeError(
                f"{where}: last_item.choices: must be {', '.join(wanted)}, as scored"
            )
    unknown = set(q.sources) - set(load_knowledge().sources)
    if unknown:
        raise KnowledgeError(f"{where}: sources: unknown source {sorted(unknown)[0]}")


def load_questionnaires_from(folder: Path) -> Mapping[str, Questionnaire]:
    """Every questionnaire file in ``folder``, checked, by measure id."""
    found: dict[str, Questionnaire] = {}
    measures = load_measures()
    for path in sorted(folder.glob("*.yaml")):
        where = f"questionnaires/{path.name}"
        try:
            q = Questionnaire.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except ValidationError as exc:
            raise KnowledgeError(f"{where}: {exc}") from exc
        _check(q, where, measures)
        if q.measure in found:
            raise KnowledgeError(f"{where}: a second text for '{q.measure}'")
        found[q.measure] = q
    for m in measures.values():
        if m.licence.ship_item_text and not m.prompts and m.id not in found:
            raise KnowledgeError(f"measures.yaml: {m.id}: its text may ship, but no file has it")
    return found


@functools.cache
def load_questionnaires() -> Mapping[str, Questionnaire]:
    """The packaged questionnaire texts, loaded once."""
    return load_questionnaires_from(FOLDER)
