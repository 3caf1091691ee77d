"""Pictures: the body map has every region, labelled and mirrored right; muscle pictures show
the muscle and its attachments; everything is valid, light SVG with a text alternative."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from tests.helpers import SVG, parse_svg
from unknot.knowledge import KnowledgeBase
from unknot.pictures import body_map, muscle_picture, referral_picture, regions_in_view
from unknot.pictures.muscles import PLANS

VIEWS = ("front", "back")
LIMIT = 20 * 1024


parse = parse_svg


def regions_of(root: ET.Element) -> dict[str, ET.Element]:
    return {
        el.get("id", ""): el for el in root.iter() if "region" in (el.get("class") or "").split()
    }


def expected_views(kb: KnowledgeBase, region_id: str) -> set[str]:
    views = {v.value for v in kb.regions[region_id].views}
    shown = views & set(VIEWS)
    return shown or {"front"}  # side-only regions sit on the edge of the front view


def expected_sides(kb: KnowledgeBase, region_id: str) -> set[str]:
    sides = set(kb.regions[region_id].sides)
    out = {s for s in ("left", "right") if s in sides or "both" in sides}
    if "center" in sides:
        out.add("center")
    return out


def centre_x(el: ET.Element) -> float:
    if el.tag == f"{SVG}ellipse":
        return float(el.get("cx", "nan"))
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", el.get("d", ""))]
    xs = numbers[0::2]
    return (min(xs) + max(xs)) / 2


@pytest.mark.parametrize("view", VIEWS)
def test_body_map_has_every_region_of_its_view_with_a_label(kb: KnowledgeBase, view: str) -> None:
    svg = body_map(view, title=f"Body map, {view}")  # type: ignore[arg-type]
    assert len(svg.encode()) < LIMIT
    found = regions_of(parse(svg))
    wanted = {r for r in kb.regions if view in expected_views(kb, r)}
    assert {r.id for r in regions_in_view(view)} == wanted  # type: ignore[arg-type]
    expected_ids = {f"region-{r}-{s}" for r in wanted for s in expected_sides(kb, r)}
    assert set(found) == expected_ids
    for element_id, el in found.items():
        region, side = el.get("data-region", ""), el.get("data-side", "")
        assert element_id == f"region-{region}-{side}"
        title = el.find(f"{SVG}title")
        assert title is not None and (title.text or "").strip(), element_id
        assert kb.regions[region].name in (title.text or "")
        if side != "center":
            assert side in (title.text or "")


def test_every_region_is_on_some_view(kb: KnowledgeBase) -> None:
    drawn = {r.id for view in VIEWS for r in regions_in_view(view)}  # type: ignore[arg-type]
    assert drawn == set(kb.regions)


def test_left_and_right_are_mirrored_correctly() -> None:
    front = regions_of(parse(body_map("front", title="front")))
    back = regions_of(parse(body_map("back", title="back")))
    for region in ("thigh_front", "knee", "groin", "foot"):
        left, right = front[f"region-{region}-left"], front[f"region-{region}-right"]
        assert centre_x(left) > 100 > centre_x(right), region
    for region in ("low_back", "si_joint", "thigh_back", "knee"):
        left, right = back[f"region-{region}-left"], back[f"region-{region}-right"]
        assert centre_x(left) < 100 < centre_x(right), region
    for region, el in back.items():
        if el.get("data-side") == "center":
            assert abs(centre_x(el) - 100) < 1, region


def test_pain_shading_shows_the_score() -> None:
    svg = body_map(
        "back",
        pain={("low_back", "right"): 7, ("buttock_upper", "both"): 3},
        title="My pain",
    )
    root = parse(svg)
    found = regions_of(root)
    assert found["region-low_back-right"].get("data-pain") == "7"
    assert found["region-buttock_upper-left"].get("data-pain") == "3"
    assert found["region-buttock_upper-right"].get("data-pain") == "3"
    assert found["region-low_back-left"].get("data-pain") is None
    assert 'class="pain-shade"' in svg
    assert "pain 0-10" in svg
    scores = [el.text for el in root.iter(f"{SVG}text") if el.get("class") == "pain-score"]
    assert sorted(scores) == ["3", "3", "7"]  # type: ignore[type-var]
    assert "low back, right: 7 out of 10" in (root.findtext(f"{SVG}desc") or "")


def test_stronger_pain_is_darker() -> None:
    def opacity(score: int) -> float:
        svg = body_map("front", pain={("groin", "left"): score}, title="t")
        match = re.search(r'class="pain-shade" fill="[^"]+" fill-opacity="([\d.]+)"', svg)
        assert match
        return float(match.group(1))

    assert opacity(2) < opacity(5) < opacity(9)


def test_referral_zones_differ_by_pattern_not_only_colour(kb: KnowledgeBase) -> None:
    svg = referral_picture("psoas_major", "back")
    root = parse(svg)
    assert len(svg.encode()) < LIMIT
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    assert {"back-primary", "back-spillover"} <= patterns
    hatch = next(p for p in root.iter(f"{SVG}pattern") if p.get("id") == "back-spillover")
    assert hatch.find(f"{SVG}line") is not None  # hatched
    found = regions_of(root)
    assert "referral-primary" in (found["region-low_back-left"].get("class") or "")
    assert found["region-low_back-left"].get("fill") == "url(#back-primary)"
    assert "referral-spillover" in (found["region-buttock_upper-right"].get("class") or "")
    assert found["region-buttock_upper-right"].get("fill") == "url(#back-spillover)"
    assert "referral" not in (found["region-thigh_back-left"].get("class") or "")
    desc = root.findtext(f"{SVG}desc") or ""
    assert "Main zones" in desc and "Spillover zones" in desc
    assert "main zone" in svg and "spillover" in svg  # the legend


@pytest.mark.parametrize("muscle_id", sorted(PLANS))
def test_muscle_picture_shows_the_muscle_and_its_attachments(
    kb: KnowledgeBase, muscle_id: str
) -> None:
    svg = muscle_picture(muscle_id)
    assert len(svg.encode()) < LIMIT
    root = parse(svg)
    targets = [el for el in root.iter() if el.get("class") == "target"]
    assert len(targets) == 2  # both sides
    assert {t.get("data-side") for t in targets} == {"left", "right"}
    labels = [
        el.text or "" for el in root.iter(f"{SVG}text") if el.get("class") == "attachment-label"
    ]
    plan = PLANS[muscle_id]
    assert len(labels) == len(plan.attachments)
    attachments = kb.muscles[muscle_id].attachments
    for att, label in zip(plan.attachments, labels, strict=True):
        assert att.phrase == label
        assert label.lower() in attachments[att.index].lower()
    assert 'class="skeleton"' in svg


def test_named_attachment_labels() -> None:
    assert "T12 to L5" in muscle_picture("psoas_major")
    assert "lesser trochanter" in muscle_picture("psoas_major")
    assert "lesser trochanter" in muscle_picture("iliacus")
    ql = muscle_picture("quadratus_lumborum")
    assert "12th" in ql and "iliac crest" in ql and "L1 to L4" in ql


def test_every_muscle_has_a_picture(kb: KnowledgeBase) -> None:
    for muscle_id in kb.muscles:
        svg = muscle_picture(muscle_id)
        assert len(svg.encode()) < LIMIT, muscle_id
        parse(svg)
        for view in VIEWS:
            parse(referral_picture(muscle_id, view))  # type: ignore[arg-type]


def test_unknown_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="no_such_muscle"):
        muscle_picture("no_such_muscle")
    with pytest.raises(ValueError, match="elbow"):
        body_map("front", pain={("elbow", "left"): 3}, title="t")


def test_pictures_are_pure() -> None:
    """The package uses the standard library and the knowledge base only."""
    import ast
    from pathlib import Path

    import unknot.pictures

    allowed_prefixes = ("unknot.knowledge", "unknot.pictures", "__future__")
    for path in Path(unknot.pictures.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top != "unknot" or name.startswith(allowed_prefixes), (path, name)
                assert top in {"unknot", "__future__"} or top in _stdlib(), (path, name)


def _stdlib() -> frozenset[str]:
    import sys

    return frozenset(sys.stdlib_module_names)
