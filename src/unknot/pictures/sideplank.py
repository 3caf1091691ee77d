"""A side plank seen from the front, like the side-lying figure: the body one straight line.

The figure holds itself up on the lower forearm, elbow under the shoulder, and on the feet (or
the knees, bent behind), the hips lifted off the floor so head, hips and feet (or knees) are in
one line. Lying on the right side and facing the viewer, the head is on the viewer's left. The
lower forearm lies flat on the mat, reaching forward past the head; the upper arm rests along
the body with the hand on the hip. Against a wall the same figure stands
leaning sideways, forearm up the wall, feet on the floor away from it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from unknot.pictures.bodymap import INK, SKIN
from unknot.pictures.poses import (
    FLOOR,
    HEAD_R,
    POSES,
    SHIN,
    THIGH,
    TRUNK,
    UPPER,
    WAIST,
    Body,
    angle_of,
    wall_svg,
)
from unknot.pictures.sidelying import (
    SIDE_LYING,
    Limb,
    limbs,
    mat_svg,
    side_body,
    side_figure_svg,
    stroke,
)
from unknot.pictures.svg import Point, num, smooth_d

SIDE_PLANKS = ("side_plank", "side_plank_knees", "wall_side_plank")
SHOULDER_HALF = 8.0  # from the middle of the chest to either shoulder joint, seen from the front
ELBOW_Y = FLOOR - 15  # the supporting elbow, on the mat toward its back
LEG_GAP = 2.5  # the top leg lies a little above the bottom one


@dataclass(frozen=True)
class Plank:
    end: Point  # where the body line meets the floor: the ankles, or the knees
    knees: bool  # on the knees, shins bent behind
    rise: float | None = None  # the body's angle above the floor; None: the elbow finds the floor


PLANKS: dict[str, Plank] = {
    "side_plank": Plank(end=(186, FLOOR - 9.5), knees=False),
    "side_plank_knees": Plank(end=(158, FLOOR - 9.5), knees=True),
    "wall_side_plank": Plank(end=(150, FLOOR - 9.5), knees=False, rise=70),
}


def _add(p: Point, v: Point, k: float) -> Point:
    return p[0] + v[0] * k, p[1] + v[1] * k


def _axes(rise: float) -> tuple[Point, Point]:
    """Unit vectors along the body toward the head (up and to the left) and toward the
    supporting side (the floor, or the wall)."""
    r = math.radians(rise)
    return (-math.cos(r), -math.sin(r)), (-math.sin(r), math.cos(r))


def _reach(plank: Plank) -> float:
    return THIGH + (0 if plank.knees else SHIN)


def _elbow_y(plank: Plank, rise: float) -> float:
    u, d = _axes(rise)
    shoulder = _add(_add(plank.end, u, _reach(plank) + TRUNK), d, SHOULDER_HALF)
    return shoulder[1] + UPPER


def _rise(plank: Plank) -> float:
    """The angle that puts the supporting elbow on the mat, straight under the shoulder."""
    if plank.rise is not None:
        return plank.rise
    lo, hi = 0.0, 60.0
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _elbow_y(plank, mid) > ELBOW_Y else (lo, mid)
    return (lo + hi) / 2


def plank_body(name: str) -> Body:
    """The joints: ``elbow``/``hand`` are the upper arm's (hand on the hip), ``far_*`` the
    supporting arm's; ``knee``/``ankle`` the top leg's, ``far_*`` the bottom leg's."""
    plank = PLANKS[name]
    rise = _rise(plank)
    u, d = _axes(rise)
    hip = _add(plank.end, u, _reach(plank))
    shoulder = _add(hip, u, TRUNK)
    support = _add(shoulder, d, SHOULDER_HALF)
    wall = plank.rise is not None
    elbow = _add(support, (-1.0, 0.0) if wall else (0.0, 1.0), UPPER)
    hand = (elbow[0], elbow[1] - 17) if wall else (elbow[0] - 17, elbow[1] + 7)
    top = _add(shoulder, d, -SHOULDER_HALF)
    if plank.knees:
        knee = _add(plank.end, d, -LEG_GAP)
        far_knee = _add(plank.end, d, LEG_GAP)
        ankle, far_ankle = (knee[0] + 16, knee[1] - 11), (far_knee[0] + 16, far_knee[1] - 10)
    else:
        ankle, far_ankle = _add(plank.end, d, -LEG_GAP), _add(plank.end, d, LEG_GAP)
        knee = _add(_add(plank.end, u, SHIN), d, -LEG_GAP)
        far_knee = _add(_add(plank.end, u, SHIN), d, LEG_GAP)
    angles = {k: v for k, v in POSES[name].items() if k != "wall"}
    angles |= {"trunk": angle_of(hip, shoulder), "thigh": angle_of(hip, knee)}
    return Body(
        name=name,
        angles=angles,
        hip=hip,
        waist=_add(hip, u, TRUNK * WAIST),
        shoulder=shoulder,
        head=_add(shoulder, u, 16),
        elbow=_add(_add(top, u, -20), d, -3),
        hand=_add(hip, d, -9),
        far_elbow=elbow,
        far_hand=hand,
        knee=knee,
        ankle=ankle,
        far_knee=far_knee,
        far_ankle=far_ankle,
    )


def _trunk_d(body: Body) -> str:
    """The trunk from the front: broad shoulders, a narrower waist, the hips, smoothly."""
    rise = 180 - body.angles["trunk"]
    u, d = _axes(rise)
    widths = ((-0.08, 8.0), (0.08, 11.0), (0.4, 9.0), (0.62, 10.0), (0.86, 12.0), (1.02, 10.0))
    hip = body.hip
    top = [_add(_add(hip, u, TRUNK * t), d, -w) for t, w in widths]
    bottom = [_add(_add(hip, u, TRUNK * t), d, w) for t, w in reversed(widths)]
    return smooth_d([*top, *bottom])


def _foot(ankle: Point, knees: bool) -> tuple[Point, Point]:
    """A foot from the ankle: pointing back behind a kneeling figure, else toward the viewer."""
    if knees:
        return ankle, (ankle[0] + 6, ankle[1] - 2)
    return ankle, (ankle[0] + 4, min(ankle[1] + 5, FLOOR - 3))


def plank_figure_svg(body: Body) -> str:
    """Bottom leg behind, the supporting arm, the trunk and head, then the top leg and arm."""
    knees = PLANKS[body.name].knees
    bottom: list[Limb] = [
        ("bottom-leg", (body.hip, body.far_knee, body.far_ankle), 12.0),
        ("", _foot(body.far_ankle, knees), 5.0),
    ]
    _, d = _axes(180 - body.angles["trunk"])
    arm = (_add(body.shoulder, d, SHOULDER_HALF), body.far_elbow, body.far_hand)
    support: list[Limb] = [("bottom-arm", arm, 7.5)]
    top: list[Limb] = [
        ("top-leg", (body.hip, body.knee, body.ankle), 12.0),
        ("", _foot(body.ankle, knees), 5.5),
    ]
    top_arm = (_add(body.shoulder, d, -SHOULDER_HALF), body.elbow, body.hand)
    hx, hy = body.head
    out = ['<g class="figure" fill="none" stroke-linecap="round" stroke-linejoin="round">']
    out += limbs(bottom, SKIN) + limbs(support, SKIN)
    neck = (body.shoulder, body.head)
    out += [stroke(neck, 9, INK), stroke(neck, 7, SKIN)]
    out += limbs(top[:1], SKIN)
    out.append(f'<path class="trunk" d="{_trunk_d(body)}" fill="{SKIN}" stroke="{INK}"/>')
    out.append(
        f'<circle class="head" cx="{num(hx)}" cy="{num(hy)}" r="{num(HEAD_R)}" fill="{SKIN}"'
        f' stroke="{INK}"/>'
    )
    out += limbs(top[1:], SKIN) + limbs([("top-arm", top_arm, 7.0)], SKIN)
    out.append("</g>")
    return "".join(out)


def plank_ground_svg(body: Body) -> str:
    """The mat under a floor plank; the wall beside a standing one."""
    if PLANKS[body.name].rise is None:
        return mat_svg()
    return wall_svg(body.far_elbow[0] - 4.5)


# Every figure drawn from the front, on its side: lying, or held up in a side plank.
FRONT_VIEW = SIDE_LYING + SIDE_PLANKS


def front_body(name: str) -> Body:
    return plank_body(name) if name in SIDE_PLANKS else side_body(name)


def front_figure_svg(body: Body) -> str:
    return plank_figure_svg(body) if body.name in SIDE_PLANKS else side_figure_svg(body)


def front_ground_svg(body: Body) -> str:
    return plank_ground_svg(body) if body.name in SIDE_PLANKS else mat_svg()
