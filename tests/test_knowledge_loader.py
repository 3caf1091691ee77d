"""The loader refuses broken data with a message naming file, entry and field."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from unknot.knowledge import KnowledgeError, load_knowledge_from
from unknot.knowledge.loader import DATA_DIR

Entries = list[dict[str, Any]]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(data_dir: Path, file: str, change: Callable[[Entries], None]) -> None:
    path = data_dir / file
    entries = yaml.safe_load(path.read_text())
    change(entries)
    path.write_text(yaml.safe_dump(entries, sort_keys=False))


def _first(entries: Entries) -> dict[str, Any]:
    return entries[0]


def _technique_with(key: str) -> Callable[[Entries], dict[str, Any]]:
    def pick(entries: Entries) -> dict[str, Any]:
        return next(e for e in entries if e.get(key))

    return pick


@dataclass(frozen=True)
class Broken:
    name: str
    file: str
    change: Callable[[Entries], None]
    expected: str  # a piece of the message


def _set(
    pick: Callable[[Entries], dict[str, Any]], key: str, value: Any
) -> Callable[[Entries], None]:
    def change(entries: Entries) -> None:
        pick(entries)[key] = value

    return change


def _delete(key: str) -> Callable[[Entries], None]:
    def change(entries: Entries) -> None:
        del entries[0][key]

    return change


def _dose(**changes: Any) -> Callable[[Entries], None]:
    """Change the first technique's dose; a value of None removes the field."""

    def change(entries: Entries) -> None:
        dose = entries[0]["dose"]
        for key, value in changes.items():
            if value is None:
                dose.pop(key, None)
            else:
                dose[key] = value

    return change


def _duplicate(entries: Entries) -> None:
    entries.append(dict(entries[0]))


def _first_id(file: str) -> str:
    return str(yaml.safe_load((DATA_DIR / file).read_text())[0]["id"])


FIRST_TECHNIQUE = _first_id("techniques.yaml")
FIRST_MUSCLE = _first_id("muscles.yaml")

CASES = [
    Broken(
        "misspelt target muscle",
        "techniques.yaml",
        _set(_first, "targets", ["psoass"]),
        f"techniques.yaml: {FIRST_TECHNIQUE}.targets: unknown muscle 'psoass'",
    ),
    Broken(
        "missing required field",
        "techniques.yaml",
        _delete("phase"),
        f"techniques.yaml: {FIRST_TECHNIQUE}.phase: Field required",
    ),
    Broken(
        "bad enum value",
        "techniques.yaml",
        _set(_first, "position", "upside_down"),
        f"techniques.yaml: {FIRST_TECHNIQUE}.position:",
    ),
    Broken(
        "unknown source",
        "muscles.yaml",
        _set(_first, "sources", ["no_such_book"]),
        f"muscles.yaml: {FIRST_MUSCLE}.sources: unknown source 'no_such_book'",
    ),
    Broken(
        "unknown dose source",
        "techniques.yaml",
        _dose(sources=["hou_2003"]),
        f"techniques.yaml: {FIRST_TECHNIQUE}.dose.sources: unknown source 'hou_2003'; "
        "did you mean 'hou_2002'?",
    ),
    Broken(
        "dose without sources",
        "techniques.yaml",
        _dose(sources=None),
        f"techniques.yaml: {FIRST_TECHNIQUE}.dose.sources: Field required",
    ),
    Broken(
        "dose with an empty source list",
        "techniques.yaml",
        _dose(sources=[]),
        f"techniques.yaml: {FIRST_TECHNIQUE}.dose.sources: Tuple should have at least 1 item",
    ),
    Broken(
        "conventional dose resting on a seed only",
        "techniques.yaml",
        _dose(sources=["seed_001"], convention=True),
        f"techniques.yaml: {FIRST_TECHNIQUE}.dose.sources: a conventional dose needs a "
        "guideline, review, article or book",
    ),
    Broken(
        "dangling progression",
        "techniques.yaml",
        _set(_first, "progressions", ["not_a_technique"]),
        f"techniques.yaml: {FIRST_TECHNIQUE}.progressions: unknown technique 'not_a_technique'",
    ),
    Broken(
        "unknown prop",
        "techniques.yaml",
        _set(_technique_with("props"), "props", [{"any_of": ["lacrose_ball"]}]),
        ".props[0].any_of: unknown prop 'lacrose_ball'",
    ),
    Broken(
        "unknown referral region",
        "muscles.yaml",
        _set(_first, "referral", [{"region": "elbow", "kind": "primary"}]),
        f"muscles.yaml: {FIRST_MUSCLE}.referral: unknown region 'elbow'",
    ),
    Broken(
        "unknown field",
        "props.yaml",
        _set(_first, "colour", "blue"),
        ".colour: Extra inputs are not permitted",
    ),
    Broken("duplicate id", "regions.yaml", _duplicate, "duplicate id"),
    Broken(
        "red flag clearable at urgent",
        "red_flags.yaml",
        _set(
            lambda es: next(e for e in es if e["tier"] == "urgent"),
            "clearance",
            {"by": "self_report", "why": "an examination settles it", "sources": ["nice_ng59"]},
        ),
        ".clearance: tiers.yaml says no examination lifts a urgent rule",
    ),
    Broken(
        "see-clinician rule that does not say who may lift it",
        "red_flags.yaml",
        _set(lambda es: next(e for e in es if e["tier"] == "see_clinician"), "clearance", None),
        ".clearance: a see_clinician rule must say whether",
    ),
    Broken(
        "count criterion with two parts",
        "red_flags.yaml",
        _set(
            lambda es: next(e for e in es if e["id"] == "infection_risk_new_pain"),
            "when",
            [{"counts": [{"min": 1, "of": [{"finding": "fever", "condition": "diabetes"}]}]}],
        ),
        "infection_risk_new_pain.when[0].counts[0].of[0]: give exactly one of",
    ),
    Broken(
        "tiers out of order",
        "tiers.yaml",
        lambda data: data.update(tiers=list(reversed(data["tiers"]))),  # type: ignore[attr-defined]
        "tiers.yaml: tiers: must list self_care, see_clinician, urgent, emergency",
    ),
    Broken(
        "warning words hinting at an unknown finding",
        "language.yaml",
        lambda data: data.update(  # type: ignore[attr-defined]
            warning_words=[{"words": "numb", "hints": ["numbb"]}]
        ),
        "unknown finding 'numbb'",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_it_names_file_entry_and_field(data_dir: Path, case: Broken) -> None:
    _edit(data_dir, case.file, case.change)
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge_from(data_dir)
    assert case.expected in str(raised.value)


def test_it_suggests_the_closest_id(data_dir: Path) -> None:
    _edit(data_dir, "techniques.yaml", _set(_first, "targets", ["psoas_majr"]))
    with pytest.raises(KnowledgeError, match="did you mean 'psoas_major'"):
        load_knowledge_from(data_dir)


def test_it_reports_a_missing_file(data_dir: Path) -> None:
    (data_dir / "props.yaml").unlink()
    with pytest.raises(KnowledgeError, match=r"props.yaml: file is missing"):
        load_knowledge_from(data_dir)


def test_it_reports_invalid_yaml(data_dir: Path) -> None:
    (data_dir / "sources.yaml").write_text("- id: [unclosed\n")
    with pytest.raises(KnowledgeError, match=r"sources.yaml: not valid YAML"):
        load_knowledge_from(data_dir)


def test_the_packaged_data_loads_and_is_frozen(kb: Any) -> None:
    technique = next(iter(kb.techniques.values()))
    with pytest.raises(Exception, match="frozen"):
        technique.name = "changed"


def test_an_id_names_one_thing_in_the_whole_knowledge_base(data_dir: Path) -> None:
    _edit(data_dir, "red_flags.yaml", _set(_first, "id", "osteoporosis"))
    with pytest.raises(KnowledgeError, match=r"red_flags.yaml: osteoporosis.id: already used in"):
        load_knowledge_from(data_dir)
