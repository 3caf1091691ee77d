"""The intake and the answer as JSON Schema (2020-12), generated from the models every face uses.

``docs/schema/`` holds the two files this writes; a test writes them again and compares, so
the published contract cannot drift from the code. To write them after a change::

    python -m unknot.planning.schemas docs/schema

The intake's schema is ``Intake``'s, with the limits of ``intake.yaml`` and the region and prop
ids of the knowledge base filled in (those are checked strictly; findings and conditions may
also be everyday words, so any text is allowed there). The answer's is ``AnswerDocument``'s.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

from unknot.clinical.intake import Intake, field_rules
from unknot.knowledge import KnowledgeBase, load_knowledge
from unknot.planning.document import ANSWER_SCHEMA, AnswerDocument

INTAKE_SCHEMA = "unknot-intake/1"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
DEFS = "#/$defs/{model}"

_INTAKE_TEXT = (
    "One person's situation, as every face of unknot reads it (docs/intake.md). Findings and "
    "conditions may be ids or everyday words; regions and props must be ids."
)
_ANSWER_TEXT = (
    "What unknot answers to one intake (docs/intake.md): the screening, the muscles the answers "
    "point to, and the plan when self-care is reasonable."
)


def _limit(prop: dict[str, Any], low: float, high: float, integer: bool) -> None:
    target = prop
    for option in prop.get("anyOf", ()):
        if option.get("type") in ("integer", "number"):
            target = option
    target["minimum"] = int(low) if integer else low
    target["maximum"] = int(high) if integer else high


def intake_schema(kb: KnowledgeBase, ref_template: str = DEFS) -> dict[str, Any]:
    """The intake document's schema; ``ref_template`` places the nested definitions (the
    OpenAPI document keeps them under ``#/components/schemas/``)."""
    schema = Intake.model_json_schema(mode="validation", ref_template=ref_template)
    limits = kb.intake_limits
    rules = field_rules(limits)
    props = schema["properties"]
    for name, prop in props.items():
        if name in rules:
            prop["description"] = rules[name]
        prop.pop("title", None)
    _limit(props["age"], limits.age.min, limits.age.max, integer=True)
    _limit(props["minutes"], limits.minutes.min, limits.minutes.max, integer=True)
    _limit(props["duration_weeks"], limits.duration_weeks.min, limits.duration_weeks.max, False)
    _limit(props["pregnancy_weeks"], limits.pregnancy_weeks.min, limits.pregnancy_weeks.max, False)
    props["props"]["items"] = {"enum": list(kb.props)}
    props["findings"]["examples"] = [["pain_standing_after_sitting", "numb where I sit"]]
    props["conditions"]["examples"] = [["osteoporosis", "on warfarin"]]
    spot = schema["$defs"]["PainSpot"]
    spot["description"] = "One painful place: a region, a side and how much it hurts (0-10)."
    for name, prop in spot["properties"].items():
        prop.pop("title", None)
        prop["description"] = rules[name]
    spot["properties"]["region"]["enum"] = list(kb.regions)
    _limit(spot["properties"]["intensity"], limits.intensity.min, limits.intensity.max, True)
    schema["title"] = "unknot intake"
    schema["description"] = _INTAKE_TEXT
    return schema


def answer_schema(ref_template: str = DEFS) -> dict[str, Any]:
    schema = AnswerDocument.model_json_schema(
        mode="serialization", by_alias=True, ref_template=ref_template
    )
    schema["description"] = _ANSWER_TEXT
    return schema


def _published(schema: dict[str, Any], version: str) -> dict[str, Any]:
    """A schema as a file of its own: the dialect and its id first."""
    return {"$schema": DIALECT, "$id": f"urn:{version.replace('/', ':')}", **copy.deepcopy(schema)}


def json_schemas(kb: KnowledgeBase) -> dict[str, dict[str, Any]]:
    """File name -> schema, for ``docs/schema/``."""
    return {
        "intake.schema.json": _published(intake_schema(kb), INTAKE_SCHEMA),
        "answer.schema.json": _published(answer_schema(), ANSWER_SCHEMA),
    }


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path, kb: KnowledgeBase) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas(kb).items():
        path = folder / name
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/schema")
    for path in write_schemas(target, load_knowledge()):
        print(f"wrote {path}")
