"""Small helpers several test files share: example intakes, text folding, SVG parsing."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
INTAKE = EXAMPLES / "intake.json"
RED_FLAG = EXAMPLES / "red_flag.json"
SVG = "{http://www.w3.org/2000/svg}"


def words(text: str) -> str:
    """The text with every run of white space folded to one space."""
    return " ".join(text.split())


def example(path: Path = INTAKE, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def parse_svg(svg: str) -> ET.Element:
    """Parse one of our pictures and check it carries a text alternative."""
    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and (title.text or "").strip()
    assert desc is not None and (desc.text or "").strip()
    return root


def headline(tier: str) -> str:
    """A verdict's headline as every face shows it: the knowledge base's verdict table."""
    from unknot.knowledge import load_knowledge

    return load_knowledge().tiers.of(tier).headline


def plain_intake(**changes: Any) -> dict[str, Any]:
    """A 40-year-old with three weeks of one-sided low back pain and nothing else; ``changes``
    replace or add fields."""
    base: dict[str, Any] = {
        "age": 40,
        "duration_weeks": 3,
        "pain": [{"region": "low_back", "side": "right", "intensity": 5}],
        "findings": [],
        "conditions": [],
        "props": [],
        "minutes": 15,
        "floor_ok": True,
    }
    return {**base, **changes}
