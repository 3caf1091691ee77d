"""A technique's illustration: the figure in its pose, the props in place, the pressure point,
the target muscle highlighted and the movement arrow, from the technique's ``picture`` entry.

A one-sided technique is drawn on the side its ``picture`` names; the other side is the same
drawing mirrored, with the side written on it.
"""

from __future__ import annotations

import math
from typing import Literal

from unknot.knowledge import KnowledgeBase, load_knowledge
from unknot.knowledge.technique import Picture, PoseName, Technique
from unknot.pictures.bodymap import INK
from unknot.pictures.muscles import TARGET
from unknot.pictures.poses import (
    FLOOR,
    HALF_TRUNK,
    Body,
    H,
    W,
    angle_of,
    figure_svg,
    floor_svg,
    ghost_leg,
    polar,
    pose,
    wall_svg,
)
from unknot.pictures.props import (
    RESTING_HEIGHT,
    bed,
    chair,
    circle,
    draw_prop,
    ground_y,
    rotate,
)
from unknot.pictures.resting import hands_on, rest_on
from unknot.pictures.sideplank import FRONT_VIEW, front_body, front_figure_svg, front_ground_svg
from unknot.pictures.svg import Point, num, text
from unknot.pictures.words import describe_safe, first_props

SideName = Literal["left", "right"]
PRESS = "#d35400"  # the ring on the pressure point

# Where each muscle is highlighted, as an area of the side-view figure.
MUSCLE_AREA: dict[str, str] = {
    "psoas_major": "belly",
    "iliacus": "front_hip",
    "quadratus_lumborum": "low_back",
    "paraspinals": "back",
    "gluteus_maximus": "buttock",
    "gluteus_medius": "buttock",
    "gluteus_minimus": "buttock",
    "piriformis": "buttock",
    "hamstrings": "thigh_back",
    "rectus_femoris": "thigh_front",
    "obliques": "waist",
    "rectus_abdominis": "belly",
    "diaphragm": "ribs",
}


def _area(body: Body, area: str) -> tuple[Point, float, float, float]:
    """Centre, angle, rx, ry of the highlight for a muscle area."""
    hip, knee = body.hip, body.knee
    thigh = angle_of(hip, knee)
    trunk: dict[str, tuple[float, float, float, float, float]] = {
        "belly": (0.3, 4, -1, 12, 5),
        "front_hip": (0.05, 5, -1, 7, 5),
        "low_back": (0.3, 5, 1, 10, 5),
        "back": (0.5, 6, 1, 20, 4),
        "waist": (0.35, 0, -1, 11, 7),
        "ribs": (0.62, 2, -1, 7, 8),
    }
    if area in trunk:
        t, out, sign, rx, ry = trunk[area]
        at, angle = body.trunk_at(t, out, sign)
        return at, angle, rx, ry
    table: dict[str, tuple[Point, float, float, float]] = {
        "buttock": (body.along(hip, knee, 0.05, 5, -1), thigh, 8, 6),
        "thigh_back": (body.along(hip, knee, 0.5, 3.5, -1), thigh, 14, 4),
        "thigh_front": (body.along(hip, knee, 0.45, 3.5, 1), thigh, 14, 4),
    }
    return table[area]


def _targets(body: Body, technique: Technique) -> str:
    areas: list[str] = []
    for muscle in technique.targets:
        area = MUSCLE_AREA.get(muscle)
        if area and area not in areas:
            areas.append(area)
    parts = []
    for area in areas:
        (x, y), angle, rx, ry = _area(body, area)
        parts.append(
            f'<ellipse data-area="{area}" cx="{num(x)}" cy="{num(y)}" rx="{num(rx)}"'
            f' ry="{num(ry)}" {rotate(angle, (x, y))}/>'
        )
    return (
        f'<g class="target" fill="{TARGET}" fill-opacity="0.38" stroke="{TARGET}"'
        f' stroke-opacity="0.6" stroke-width="0.8">{"".join(parts)}</g>'
    )


def _arrowhead(tip: Point, frm: Point) -> str:
    ang = math.atan2(tip[1] - frm[1], tip[0] - frm[0])
    pts = [tip]
    for da in (2.6, -2.6):
        pts.append((tip[0] + 6 * math.cos(ang + da), tip[1] + 6 * math.sin(ang + da)))
    return "M" + " L".join(f"{num(x)},{num(y)}" for x, y in pts) + " Z"


def _arrow_path(a: Point, c: Point, b: Point, both: bool) -> str:
    d = f"M{num(a[0])},{num(a[1])} Q{num(c[0])},{num(c[1])} {num(b[0])},{num(b[1])}"
    heads = _arrowhead(b, c) + (" " + _arrowhead(a, c) if both else "")
    return (
        f'<g class="arrow"><path d="{d}" fill="none" stroke="{TARGET}" stroke-width="1.8"/>'
        f'<path d="{heads}" fill="{TARGET}"/></g>'
    )


def _ghost_arrow(hip: Point, start: Point, end: Point) -> str:
    """A curved arrow from beside ``start`` to beside ``end``, on the side away from the hip."""
    sign = 1 if start[0] + end[0] > 2 * hip[0] else -1
    x = max(start[0], end[0]) if sign > 0 else min(start[0], end[0])
    mid = (start[1] + end[1]) / 2
    up = 1 if end[1] > start[1] else -1
    return _arrow_path(
        (x + sign * 7, start[1] - up * 3),
        (x + sign * 30, mid),
        (x + sign * 11, end[1] - up * 3),
        False,
    )


def _arrow(body: Body, pic: Picture) -> str:
    kind = pic.arrow
    if kind is None:
        return ""
    k, hip, ankle, hand = body.knee, body.hip, body.ankle, body.hand
    if body.ghost is not None:  # from where the knee started to where it moved
        return _ghost_arrow(body.hip, body.ghost[0], k)
    if kind == "knee_drop":
        return _arrow_path(
            (k[0] + 4, k[1] - 12), (k[0] + 22, k[1] - 6), (k[0] + 20, k[1] + 16), False
        )
    if kind == "hip_lift":
        if 60 < body.angles["trunk"] < 120:  # sitting: the arrow goes behind the back
            x = hip[0] - HALF_TRUNK - 8
            return _arrow_path((x, hip[1]), (x - 1, hip[1] - 12), (x, hip[1] - 24), False)
        return _arrow_path(
            (hip[0], hip[1] - 14), (hip[0] + 1, hip[1] - 24), (hip[0], hip[1] - 36), False
        )
    if kind == "leg_lift":
        return _arrow_path(
            (ankle[0] + 12, ankle[1]),
            (ankle[0] + 16, ankle[1] - 14),
            (ankle[0] + 8, ankle[1] - 26),
            False,
        )
    if kind in ("roll", "rock"):
        at, out, angle = body.surface(pic.prop_at or "low_back")
        u = (math.cos(math.radians(angle)), -math.sin(math.radians(angle)))
        # beside the prop, outside the body; above the body when the prop is underneath
        reach = 17 if out[1] < 0.5 else -(2 * HALF_TRUNK + 6)
        base = (at[0] + out[0] * reach, at[1] + out[1] * reach)
        if kind == "rock":  # bend the knees a little: up and down in front of the body
            x = max(body.hip[0], body.knee[0]) + 24
            return _arrow_path((x, hip[1] - 12), (x + 2, hip[1]), (x, hip[1] + 12), True)
        span = 14
        a = (base[0] - u[0] * span, base[1] - u[1] * span)
        b = (base[0] + u[0] * span, base[1] + u[1] * span)
        c = base
        return _arrow_path(a, c, b, True)
    if kind == "side_bend":
        h = body.head
        return _arrow_path(
            (h[0] + 4, h[1] - 12), (h[0] + 18, h[1] - 14), (h[0] + 24, h[1] + 2), False
        )
    if kind == "reach":
        fore = body.angles.get("fore", 0)
        if body.name == "bird_dog":
            hand, fore = body.far_hand, body.angles["far_fore"]
        start = polar(hand, fore, 6)
        return _arrow_path(start, polar(hand, fore, 14), polar(hand, fore, 24), False)
    # step: sideways along the floor by the feet
    y = FLOOR + 8
    return _arrow_path((ankle[0] - 16, y), (ankle[0], y + 1), (ankle[0] + 16, y), True)


def _pressure(body: Body, pic: Picture) -> str:
    if pic.pressure_point is None:
        return ""
    (x, y), _, _ = body.surface(pic.pressure_point)
    return circle(x, y, 4, f'class="pressure" fill="none" stroke="{PRESS}" stroke-width="1.6"')


def _wall_x(body: Body, pic: Picture, props_svg_extent: float) -> float | None:
    side = body.angles.get("wall")
    if side is None:
        return None
    if side == 2:  # leaning on the forearm against it
        return max(body.elbow[0], body.hand[0]) + 4.5
    xs = [body.hip[0], body.shoulder[0]]
    if side < 0:
        edge = min(xs) - HALF_TRUNK - 1
        return min(edge, props_svg_extent) if props_svg_extent else edge
    edge = max(xs) + HALF_TRUNK + 1
    return max(edge, props_svg_extent) if props_svg_extent else edge


def technique_picture(
    technique_id: str,
    side: SideName | None = None,
    *,
    ids: str = "",
    kb: KnowledgeBase | None = None,
) -> str:
    """A standalone SVG of the technique; one-sided ones on ``side`` (default: the one named).
    ``ids`` starts every id in the picture; ``kb`` is the knowledge base (None: the packaged
    one)."""
    kb = kb or load_knowledge()
    technique = kb.techniques[technique_id]
    pic = technique.picture or Picture(pose=_fallback_pose(technique))
    named = pic.side or "right"
    shown = (side or named) if technique.one_sided else None
    on_side = pic.pose in FRONT_VIEW
    body = front_body(pic.pose) if on_side else _resting(pose(pic.pose), technique, pic)
    props = []
    extent = 0.0
    for index, (prop_id, count) in enumerate(first_props(technique)):
        firmness = kb.props[prop_id].firmness.value if prop_id in kb.props else "soft"
        for i in range(max(2, count) if prop_id == "ball_pair" else 1):  # two balls, always
            props.append(draw_prop(body, prop_id, pic, firmness, i + index))
        if prop_id in ("firm_ball", "soft_ball") and pic.prop_at:
            at, out, _ = body.surface(pic.prop_at)
            extent = at[0] + out[0] * 12.5
    scene = []
    wall = _wall_x(body, pic, extent)
    if wall is not None:
        scene.append(wall_svg(wall))
    if pic.pose == "bed_edge":
        scene.append(bed(body))
    if pic.pose == "seated" and "chair" not in {p for p, _ in first_props(technique)}:
        scene.append(chair(body))
    if on_side:
        scene.append(front_ground_svg(body))
    scene.append(floor_svg())
    behind = [p for p in props if any(k in p for k in ('"bolster"', "yoga_block", 'class="far"'))]
    front = [p for p in props if p not in behind]
    scene.extend(behind)
    scene.append(ghost_leg(body))
    scene.append(front_figure_svg(body) if on_side else figure_svg(body))
    scene.append(_targets(body, technique))
    scene.extend(front)
    scene.append(_pressure(body, pic))
    scene.append(_arrow(body, pic))
    drawing = "".join(scene)
    if shown is not None and shown != named:
        drawing = f'<g transform="translate({num(W)},0) scale(-1,1)">{drawing}</g>'
    label = ""
    if shown is not None:
        label = (
            f'<text x="6" y="14" font-size="11" font-weight="bold"'
            f' font-family="sans-serif" fill="{INK}">{shown} side</text>'
        )
    uid = (
        f"{ids}-t-{technique_id}-{shown or 'both'}"
        if ids
        else f"t-{technique_id}-{shown or 'both'}"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(W)} {num(H)}"'
        f' width="{num(W)}" height="{num(H)}" role="img" aria-labelledby="{uid}-t {uid}-d"'
        f' class="technique-picture">'
        f'<title id="{uid}-t">{text(technique.name)}</title>'
        f'<desc id="{uid}-d">{text(describe_safe(technique, pic, shown))}</desc>'
        f"{drawing}{label}</svg>"
    )


def _resting(body: Body, technique: Technique, pic: Picture) -> Body:
    """A lying body lifted onto the ball or roller under it, so the prop carries its weight;
    with no tool, the hands on the spot the fingertips press."""
    lying = abs(math.sin(math.radians(body.angles["trunk"]))) < 0.6
    front = pic.pressure_point in ("belly", "front_hip")
    if lying and front and not technique.props and pic.pressure_point:  # fingertips
        (x, y), (nx, ny), _ = body.surface(pic.pressure_point)
        return hands_on(body, (x + nx * 3, y + ny * 3))
    if not (pic.prop_at and (lying or body.name == "seated")):
        return body
    for prop_id, _ in first_props(technique):
        if prop_id in RESTING_HEIGHT and body.surface(pic.prop_at)[1][1] > 0.5:
            return rest_on(body, pic.prop_at, RESTING_HEIGHT[prop_id], ground_y(body))
    return body


def _fallback_pose(technique: Technique) -> PoseName:
    """An entry without a ``picture`` is drawn in its position (every position is a pose)."""
    pose_name: PoseName = technique.position.value
    return pose_name
