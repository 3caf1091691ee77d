"""Technique pictures: every technique has one, valid and light, with its target highlighted,
its props drawn and a text alternative; one-sided ones mirror for the other side; the library
CLI writes them (``show --svg``) and a contact sheet of all of them (``sheet``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import SVG, parse_svg
from unknot.cli.app import app
from unknot.knowledge import KnowledgeBase, load_knowledge
from unknot.knowledge.models import Position
from unknot.pictures import technique_picture
from unknot.pictures.poses import POSES, WORDS

LIMIT = 20 * 1024
TECHNIQUES = sorted(load_knowledge().techniques)


parse = parse_svg


def test_every_technique_names_a_picture(kb: KnowledgeBase) -> None:
    missing = [t.id for t in kb.techniques.values() if t.picture is None]
    assert not missing
    for t in kb.techniques.values():
        assert t.picture is not None
        assert t.picture.pose in POSES
        if t.one_sided:
            assert t.picture.side in ("left", "right"), t.id


def test_every_pose_has_words() -> None:
    assert set(POSES) == set(WORDS)


@pytest.mark.parametrize("technique_id", TECHNIQUES)
def test_technique_picture_is_valid_light_and_complete(
    kb: KnowledgeBase, technique_id: str
) -> None:
    t = kb.techniques[technique_id]
    svg = technique_picture(technique_id)
    assert len(svg.encode()) < LIMIT
    root = parse(svg)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == t.name
    targets = [el for el in root.iter() if "target" in (el.get("class") or "").split()]
    assert targets and len(list(targets[0])) >= 1
    drawn = {el.get("data-prop") for el in root.iter()}
    for need in t.props:
        assert need.any_of[0] in drawn, (technique_id, need.any_of[0])
    assert root.find(f".//{SVG}g[@class='figure']") is not None


@pytest.mark.parametrize("technique_id", TECHNIQUES)
def test_one_sided_pictures_mirror(kb: KnowledgeBase, technique_id: str) -> None:
    t = kb.techniques[technique_id]
    if not t.one_sided:
        assert "scale(-1,1)" not in technique_picture(technique_id)
        return
    assert t.picture is not None and t.picture.side is not None
    named = t.picture.side
    other = "left" if named == "right" else "right"
    shown = technique_picture(technique_id)
    assert shown == technique_picture(technique_id, named)
    assert "scale(-1,1)" not in shown and f"{named} side" in shown
    mirrored = technique_picture(technique_id, other)
    assert "scale(-1,1)" in mirrored and f"{other} side" in mirrored
    parse(mirrored)
    assert len(mirrored.encode()) < LIMIT


def test_description_says_where_the_ball_goes() -> None:
    svg = technique_picture("ql_ball_supine", "right")
    desc = parse(svg).find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    assert "Lying on the back with knees bent" in desc.text
    assert "firm" in desc.text and "right side of the low back" in desc.text


def test_cli_show_svg_writes_technique_and_muscle(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "t.svg"
    result = runner.invoke(app, ["library", "show", "ql_ball_supine", "--svg", str(out)])
    assert result.exit_code == 0, result.output
    parse(out.read_text(encoding="utf-8"))
    muscle = tmp_path / "m.svg"
    result = runner.invoke(app, ["library", "show", "psoas_major", "--svg", str(muscle)])
    assert result.exit_code == 0, result.output
    parse(muscle.read_text(encoding="utf-8"))
    result = runner.invoke(app, ["library", "show", "firm_ball", "--svg", str(tmp_path / "p")])
    assert result.exit_code == 2


def test_cli_sheet_has_every_picture(tmp_path: Path, kb: KnowledgeBase) -> None:
    out = tmp_path / "sheet.html"
    result = CliRunner().invoke(app, ["library", "sheet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    expected = sum(2 if t.one_sided else 1 for t in kb.techniques.values())
    assert page.count('class="technique-picture"') == expected
    assert page.count('class="muscle-picture"') + page.count("<figure>") >= expected
    for t in kb.techniques.values():
        assert t.id in page


def test_every_position_is_a_pose() -> None:
    """An entry without a ``picture`` still draws: its position is a pose."""
    assert {p.value for p in Position} <= set(POSES)
