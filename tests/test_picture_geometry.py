"""Technique pictures are drawn so they read right: a ball under a lying body holds the body up
(the ball between the floor and the body, the pressure ring where they meet), a side-lying
figure is on its side (hips and shoulders stacked, head on the lower arm), dropped knees are
lower than bent ones, and nothing of the figure goes through the floor.

Everything is read back from the SVG the public ``technique_picture`` returns."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest

from tests.helpers import SVG, parse_svg
from unknot.knowledge import load_knowledge
from unknot.pictures import technique_picture

Point = tuple[float, float]
INK = "#5a514b"
BALLS = ("firm_ball", "soft_ball", "ball_pair", "belly_ball", "foam_roller")
# Balls a lying body rests on, under its trunk.
UNDER_TRUNK = (
    "belly_ball_front_release",
    "psoas_sphinx_balls",
    "psoas_prone_ball_breathing",
    "ql_ball_supine",
    "supine_points_rib_pelvis",
    "glutes_ball_floor",
)


def points(d: str) -> list[Point]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(numbers[0::2], numbers[1::2], strict=True))


def floor_y(root: ET.Element) -> float:
    floor = root.find(f".//{SVG}path[@class='floor']")
    assert floor is not None
    start = re.match(r"M(-?[\d.]+),(-?[\d.]+)", floor.get("d", ""))
    assert start is not None
    return float(start.group(2))


def part(root: ET.Element, name: str) -> list[Point]:
    """The joints along a named part of the figure (its filled stroke)."""
    figure = root.find(f".//{SVG}g[@class='figure']")
    assert figure is not None
    found = figure.find(f"{SVG}path[@class='{name}']")
    assert found is not None, name
    return points(found.get("d", ""))


def width(root: ET.Element, name: str) -> float:
    figure = root.find(f".//{SVG}g[@class='figure']")
    assert figure is not None
    found = figure.find(f"{SVG}path[@class='{name}']")
    assert found is not None
    return float(found.get("stroke-width", "0"))


def balls(root: ET.Element) -> list[tuple[float, float, float, float]]:
    """Centre x, centre y, half width and half height of every ball or roller drawn."""
    out = []
    for el in root.iter():
        if el.get("data-prop") not in BALLS or el.tag == f"{SVG}g":
            continue
        if el.tag == f"{SVG}circle":
            r = float(el.get("r", "0"))
            out.append((float(el.get("cx", "0")), float(el.get("cy", "0")), r, r))
        elif el.tag == f"{SVG}ellipse":
            rx, ry = float(el.get("rx", "0")), float(el.get("ry", "0"))
            out.append((float(el.get("cx", "0")), float(el.get("cy", "0")), rx, ry))
    return out


def distance_to_line(p: Point, line: list[Point]) -> tuple[float, Point]:
    """The distance from p to a polyline, and the nearest point on it."""
    best = (math.inf, line[0])
    for a, b in itertools.pairwise(line):
        ax, ay, bx, by = *a, *b
        length = (bx - ax) ** 2 + (by - ay) ** 2 or 1.0
        t = max(0.0, min(1.0, ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / length))
        near = (ax + t * (bx - ax), ay + t * (by - ay))
        best = min(best, (math.dist(p, near), near))
    return best


@pytest.mark.parametrize("technique_id", UNDER_TRUNK)
@pytest.mark.parametrize("side", ["left", "right"])
def test_a_ball_under_a_lying_body_holds_it_up(technique_id: str, side: str) -> None:
    root = parse_svg(technique_picture(technique_id, side))  # type: ignore[arg-type]
    floor = floor_y(root)
    trunk = part(root, "trunk")
    half_trunk = width(root, "trunk") / 2
    found = balls(root)
    assert found, technique_id
    for cx, cy, rx, ry in found:
        assert abs(cy + ry - floor) < 0.6, "the ball rests on the floor"
        gap, near = distance_to_line((cx, cy), trunk)
        assert near[1] < cy, "the body is above the ball, not beside or under it"
        r = min(rx, ry)
        assert gap >= half_trunk + r - 3, "the ball touches the body's underside, not inside it"
        assert gap <= half_trunk + r + 1, "the body rests on the ball, not floating above it"
    ring = root.find(f".//{SVG}circle[@class='pressure']")
    assert ring is not None
    ring_at = (float(ring.get("cx", "0")), float(ring.get("cy", "0")))
    nearest = min(math.dist(ring_at, (cx, cy - ry)) for cx, cy, _, ry in found)
    assert nearest < 4, "the pressure ring sits where the ball meets the body"


def underside(line: list[Point], x: float, half: float) -> float:
    """The y of the underside of a thick polyline at x."""
    for (ax, ay), (bx, by) in itertools.pairwise(line):
        if min(ax, bx) <= x <= max(ax, bx) and ax != bx:
            slope = (by - ay) / (bx - ax)
            return ay + slope * (x - ax) + half * math.sqrt(1 + slope**2)
    raise AssertionError("x is not under the line")


@pytest.mark.parametrize("technique_id", ["belly_ball_front_release", "psoas_prone_ball_breathing"])
def test_the_belly_rests_on_the_ball(technique_id: str) -> None:
    root = parse_svg(technique_picture(technique_id))
    floor = floor_y(root)
    (cx, cy, _, ry), *_ = balls(root)
    trunk = part(root, "trunk")
    belly = underside(trunk, cx, width(root, "trunk") / 2)
    top = cy - ry
    assert top <= belly + 0.5, "the ball's top reaches the belly line"
    assert belly - top < 3.5, "the belly is on the ball, not sunk into it"
    assert abs(cy + ry - floor) < 0.6, "the ball's bottom is on the floor"
    hip, knee = part(root, "thigh")
    assert hip[1] < knee[1] < floor, "the pelvis is raised over the ball, the knees down"


def test_the_belly_ball_is_tall_enough_to_see_under_the_body() -> None:
    root = parse_svg(technique_picture("belly_ball_front_release"))
    (_, cy, _, ry), *_ = balls(root)
    assert floor_y(root) - (cy - ry) >= 14


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_clamshell_figure_lies_on_its_side(side: str) -> None:
    root = parse_svg(technique_picture("clamshell", side))  # type: ignore[arg-type]
    floor = floor_y(root)
    assert root.find(f".//{SVG}path[@class='mat']") is not None
    trunk = root.find(f".//{SVG}g[@class='figure']/{SVG}path[@class='trunk']")
    assert trunk is not None
    ys = [y for _, y in points(trunk.get("d", ""))]
    assert max(ys) - min(ys) > 26, "shoulder and hip stand up from the floor, one above the other"
    top_hip, bottom_hip = part(root, "top-leg")[0], part(root, "bottom-leg")[0]
    assert abs(top_hip[0] - bottom_hip[0]) < 6 and top_hip[1] < bottom_hip[1] - 6, "hips stacked"
    top_knee, bottom_knee = part(root, "top-leg")[1], part(root, "bottom-leg")[1]
    assert top_knee[1] < bottom_knee[1], "the top knee is lifted off the bottom one"
    head = root.find(f".//{SVG}circle[@class='head']")
    assert head is not None
    centre = (float(head.get("cx", "0")), float(head.get("cy", "0")))
    r = float(head.get("r", "0"))
    gap, near = distance_to_line(centre, part(root, "bottom-arm"))
    assert near[1] > centre[1] and gap < r + width(root, "bottom-arm") / 2 + 1, "head on arm"
    assert centre[1] + r < floor - 4, "the head rests on the arm, not on the floor"


def test_side_lying_is_not_drawn_like_lying_on_the_back() -> None:
    side = parse_svg(technique_picture("clamshell"))
    back = parse_svg(technique_picture("diaphragm_breathing_reset"))
    assert side.find(f".//{SVG}path[@class='mat']") is not None
    assert back.find(f".//{SVG}path[@class='mat']") is None
    assert side.find(f".//{SVG}path[@class='bottom-arm']") is not None


@pytest.mark.parametrize("technique_id", ["psoas_fingertips_supine", "psoas_cane"])
def test_dropped_knees_are_lower_than_bent_knees(technique_id: str) -> None:
    dropped = parse_svg(technique_picture(technique_id))
    bent = parse_svg(technique_picture("iliacus_fingertips_supine"))
    floor = floor_y(dropped)
    bent_knee = part(bent, "thigh")[-1]
    for name in ("thigh", "far-thigh"):
        hip, knee = part(dropped, name)
        assert knee[1] > bent_knee[1] + 12, "the knees are lowered toward the floor"
        assert knee[1] + width(dropped, name) / 2 <= floor, "but not through it"
        assert math.dist(hip, knee) < math.dist(*part(bent, "thigh")), "foreshortened"
    ghost = dropped.find(f".//{SVG}g[@class='ghost']")
    assert ghost is not None, "where the knees started is shown"
    assert dropped.find(f".//{SVG}g[@class='arrow']") is not None


@pytest.mark.parametrize("technique_id", sorted(load_knowledge().techniques))
def test_nothing_goes_through_the_floor(technique_id: str) -> None:
    root = parse_svg(technique_picture(technique_id))
    floor = floor_y(root)
    figure = root.find(f".//{SVG}g[@class='figure']")
    assert figure is not None
    for el in figure.iter():
        if el.tag == f"{SVG}path" and el.get("stroke") != INK and el.get("stroke-width"):
            lowest = max(y for _, y in points(el.get("d", "")))
            assert lowest + float(el.get("stroke-width", "0")) / 2 <= floor + 1, el.get("d")
        if el.tag == f"{SVG}circle":
            assert float(el.get("cy", "0")) + float(el.get("r", "0")) <= floor + 1
    for _, cy, _, ry in balls(root):
        assert cy + ry <= floor + 0.6


@pytest.mark.parametrize("technique_id", ["psoas_fingertips_supine", "iliacus_fingertips_supine"])
def test_fingertip_work_shows_the_hand_on_the_spot(technique_id: str) -> None:
    root = parse_svg(technique_picture(technique_id))
    ring = root.find(f".//{SVG}circle[@class='pressure']")
    assert ring is not None
    hand = part(root, "forearm")[-1]
    assert math.dist(hand, (float(ring.get("cx", "0")), float(ring.get("cy", "0")))) < 5
