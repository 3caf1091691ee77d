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


def turns(line: list[Point]) -> list[float]:
    """How sharply (degrees) a polyline changes direction at each inner point."""
    out = []
    for a, b, c in zip(line, line[1:], line[2:], strict=False):
        first = math.atan2(b[1] - a[1], b[0] - a[0])
        second = math.atan2(c[1] - b[1], c[0] - b[0])
        out.append(abs(math.degrees((second - first + math.pi) % (2 * math.pi) - math.pi)))
    return out


@pytest.mark.parametrize(
    "technique_id", ["belly_ball_front_release", "psoas_prone_ball_breathing", "psoas_sphinx_balls"]
)
def test_a_body_lying_face_down_over_a_ball_curves_instead_of_folding(technique_id: str) -> None:
    trunk = part(parse_svg(technique_picture(technique_id)), "trunk")
    assert len(trunk) > 3, "the bend at the waist is a curve, not one corner"
    assert max(turns(trunk)) < 12, "no sharp corner anywhere along the trunk"


def test_the_two_balls_beside_the_navel_both_show() -> None:
    root = parse_svg(technique_picture("psoas_sphinx_balls"))
    pair = balls(root)
    assert len(pair) == 2, "one ball each side of the navel"
    (ax, ay, ar, _), (bx, by, br, _) = pair
    assert math.dist((ax, ay), (bx, by)) >= ar + br - 2, "side by side, overlapping only a little"
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    assert "one about 2 inches (5 cm) to each side of the navel" in desc.text


def test_the_clamshell_bottom_leg_is_drawn_like_the_rest_of_the_body() -> None:
    root = parse_svg(technique_picture("clamshell"))
    figure = root.find(f".//{SVG}g[@class='figure']")
    assert figure is not None
    fills = {name: figure.find(f"{SVG}path[@class='{name}']") for name in ("bottom-leg", "top-leg")}
    bottom, top = fills["bottom-leg"], fills["top-leg"]
    assert bottom is not None and top is not None
    assert bottom.get("stroke") == top.get("stroke"), "the floor-side leg is not faded"


@pytest.mark.parametrize("technique_id", ["side_plank", "side_plank_knees"])
@pytest.mark.parametrize("side", ["left", "right"])
def test_a_side_plank_holds_the_hips_up_in_a_line(technique_id: str, side: str) -> None:
    root = parse_svg(technique_picture(technique_id, side))  # type: ignore[arg-type]
    floor = floor_y(root)
    assert root.find(f".//{SVG}path[@class='mat']") is not None, "drawn on its side, on a mat"
    hip, knee, ankle = part(root, "top-leg")
    support, elbow, hand = part(root, "bottom-arm")
    top_shoulder = part(root, "top-arm")[0]
    shoulder = ((support[0] + top_shoulder[0]) / 2, (support[1] + top_shoulder[1]) / 2)
    end = knee if technique_id == "side_plank_knees" else ankle
    assert hip[1] < floor - 15, "the hips are lifted off the floor"
    assert shoulder[1] < hip[1] < end[1], "the hips between the shoulder and the knees or feet"
    gap, _ = distance_to_line(hip, [shoulder, end])
    assert gap < 3, "shoulder, hips and knees or feet in one straight line"
    assert end[1] + width(root, "top-leg") / 2 > floor - 12, "the knees or feet on the floor"
    assert abs(elbow[0] - support[0]) < 3 and elbow[1] > floor - 20, "elbow under the shoulder"
    assert hand[1] > floor - 14, "the forearm on the floor"
    head = root.find(f".//{SVG}circle[@class='head']")
    assert head is not None
    head_top = float(head.get("cy", "0")) - float(head.get("r", "0"))
    top_arm = part(root, "top-arm")
    assert all(y > head_top for _, y in top_arm), "no arm raised above the head"
    assert math.dist(top_arm[-1], hip) < 12, "the upper hand rests on the hip"


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_wall_side_plank_leans_on_the_forearm_in_a_line(side: str) -> None:
    root = parse_svg(technique_picture("side_plank_wall", side))  # type: ignore[arg-type]
    floor = floor_y(root)
    wall = root.find(f".//{SVG}g[@class='wall']/{SVG}path")
    assert wall is not None
    start = re.match(r"M(-?[\d.]+),", wall.get("d", ""))
    assert start is not None
    wall_x = float(start.group(1))
    hip, _, ankle = part(root, "top-leg")
    support, elbow, hand = part(root, "bottom-arm")
    assert abs(elbow[0] - wall_x) < 8 and abs(hand[0] - wall_x) < 8, "the forearm on the wall"
    assert abs(elbow[1] - support[1]) < 3, "the elbow level with the shoulder"
    assert ankle[1] > floor - 15 and abs(ankle[0] - wall_x) > 40, "the feet out from the wall"
    gap, _ = distance_to_line(hip, [support, ankle])
    assert gap < 12, "the body leans in one line"


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_foot_stays_on_the_floor_with_a_ball_under_the_thigh(side: str) -> None:
    root = parse_svg(technique_picture("hamstrings_ball_chair", side))  # type: ignore[arg-type]
    floor = floor_y(root)
    knee, ankle = part(root, "shin")
    assert ankle[1] + width(root, "shin") / 2 > floor - 2, "the foot is on the floor"
    hip, knee_too = part(root, "thigh")
    assert knee_too == knee and knee[1] < hip[1], "the thigh tilts up over the ball"
    (cx, cy, r, _), *_ = balls(root)
    gap, near = distance_to_line((cx, cy), [hip, knee])
    assert near[1] < cy, "the ball is under the thigh"
    assert abs(gap - (width(root, "thigh") / 2 + r)) < 2.5, "and touches it"
    chair = root.find(f".//{SVG}path[@class='chair']")
    assert chair is not None
    seat = re.search(r"M[\d.]+,([\d.]+) H", chair.get("d", ""))
    assert seat is not None and abs(cy + r - float(seat.group(1))) < 0.6, "the ball is on the seat"
