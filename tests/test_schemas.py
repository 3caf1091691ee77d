"""The JSON Schemas in docs/schema/ are the ones the code makes, and what the code makes keeps
them: every example intake and the answers to a spread of intakes validate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from jsonschema_rs import Draft202012Validator

from tests.helpers import EXAMPLES, RED_FLAG, example, plain_intake
from unknot.clinical import parse_intake
from unknot.knowledge import KnowledgeBase
from unknot.planning import ANSWER_SCHEMA, answer, answer_json
from unknot.planning.schemas import json_schemas, schema_text

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "docs" / "schema"


def published(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return data


def test_the_published_schemas_are_the_ones_the_code_makes(kb: KnowledgeBase) -> None:
    for name, schema in json_schemas(kb).items():
        path = SCHEMA_DIR / name
        assert path.exists(), f"{path} is missing: python -m unknot.planning.schemas docs/schema"
        assert path.read_text(encoding="utf-8") == schema_text(schema), (
            f"{path} is out of date: python -m unknot.planning.schemas docs/schema"
        )


def test_the_schemas_are_valid_json_schema() -> None:
    for name in ("intake.schema.json", "answer.schema.json"):
        assert jsonschema_rs.meta.is_valid(published(name))


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_every_example_intake_keeps_the_intake_schema(path: Path) -> None:
    validator = Draft202012Validator(published("intake.schema.json"))
    assert list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))) == []


INTAKES = [
    example(),
    example(RED_FLAG),
    plain_intake(findings=["numb where I sit", "my cat sits on me"]),
    plain_intake(age=70, duration_weeks=1),
    plain_intake(conditions=["on warfarin"], props=["firm_ball", "yoga_block"], minutes=30),
    plain_intake(pregnant=True, pregnancy_weeks=20, floor_ok=False),
]


@pytest.mark.parametrize("data", INTAKES, ids=range(len(INTAKES)))
def test_every_answer_keeps_the_answer_schema(data: dict[str, Any], kb: KnowledgeBase) -> None:
    document = answer_json(answer(parse_intake(data, kb), kb), kb)
    assert document["schema"] == ANSWER_SCHEMA
    validator = Draft202012Validator(published("answer.schema.json"))
    assert [e.message for e in validator.iter_errors(document)] == []


def test_an_intake_the_schema_refuses_is_refused_by_the_intake_too(kb: KnowledgeBase) -> None:
    validator = Draft202012Validator(published("intake.schema.json"))
    for wrong in (example(age=12), example(props=["trampoline"]), example(minutes=0)):
        assert list(validator.iter_errors(wrong))
