"""Props drawn where a technique puts them: balls, blocks, bolster, roller, cane, band, strap,
towel and chair, each shape carrying ``data-prop="<prop id>"``. Firm balls are darker than
soft ones; a ball under a lying body rests on the floor, pressed into the body.
"""

from __future__ import annotations

import math

from unknot.knowledge.technique import Picture
from unknot.pictures.bodymap import INK
from unknot.pictures.poses import FLOOR, HALF_THIGH, HALF_TRUNK, Body, polar
from unknot.pictures.svg import Point, attr, num

FIRM, SOFT, WOOD = "#46627f", "#9fc1e3", "#c9a66b"
WHITE = attr("#fff")
BALL_R, PAIR_R, ROLLER_R = 6.0, 5.0, 8.0
PAIR_SPACING = 2 * PAIR_R - 1.5  # two balls side by side, just touching
FAR_BALL = "#6f8fb0"
BELLY_RX, BELLY_RY = 12.0, 8.0  # a soft belly ball, a little squashed under the body

# How high a prop under a lying body holds the body's surface above the floor: its height,
# less how far a firm ball presses into the flesh or a soft one gives.
RESTING_HEIGHT: dict[str, float] = {
    "firm_ball": 2 * BALL_R - 2.5,
    "soft_ball": 2 * BALL_R - 2,
    "ball_pair": 2 * PAIR_R - 1.5,
    "belly_ball": 2 * BELLY_RY - 1,
    "foam_roller": 2 * ROLLER_R - 1,
}


def circle(x: float, y: float, r: float, extra: str) -> str:
    return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" {extra}/>'


def rect(x: float, y: float, w: float, h: float, extra: str, rx: float = 0) -> str:
    corner = f' rx="{num(rx)}"' if rx else ""
    return f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}"{corner} {extra}/>'


def rotate(angle: float, at: Point) -> str:
    return f'transform="rotate({num(-angle)} {num(at[0])} {num(at[1])})"'


def seat_y(body: Body) -> float:
    """The top of the chair seat under a seated body."""
    return body.hip[1] + HALF_THIGH + 1


def ground_y(body: Body) -> float:
    """What a prop under the body rests on: the chair seat when seated, else the floor."""
    return seat_y(body) if body.name == "seated" else FLOOR


def _ball(
    at: Point, out: Point, r: float, prop: str, fill: str, dx: float = 0, ground: float = FLOOR
) -> str:
    x, y = at[0] + out[0] * r + dx, min(at[1] + out[1] * r, ground - r)
    return circle(x, y, r, f'data-prop="{prop}" fill="{fill}" stroke="{INK}" stroke-width="0.8"')


def draw_prop(body: Body, prop: str, pic: Picture, firmness: str, index: int) -> str:
    """One prop, drawn where the technique puts it."""
    place = pic.prop_at or "low_back"
    at, out, angle = body.surface(place)
    ink = f'stroke="{INK}" stroke-width="0.8"'
    if prop in ("firm_ball", "soft_ball"):
        fill = FIRM if firmness in ("firm", "hard") else SOFT
        return _ball(at, out, BALL_R, prop, fill, ground=ground_y(body))
    if prop == "ball_pair":
        if index == 0:  # on the near side of the body, where the pressure ring is
            return _ball(at, out, PAIR_R, prop, FIRM)
        # the far side's ball, seen beside the near one (toward the hip), behind the body
        u = math.cos(math.radians(angle))
        dx = -index * PAIR_SPACING * (1 if u >= 0 else -1)
        return f'<g class="far">{_ball(at, out, PAIR_R, prop, FAR_BALL, dx=dx)}</g>'

    if prop == "belly_ball":  # squashed between the belly and the floor
        x, y = at[0] + out[0] * BELLY_RY, min(at[1] + out[1] * BELLY_RY, FLOOR - BELLY_RY)
        return (
            f'<ellipse data-prop="{prop}" cx="{num(x)}" cy="{num(y)}" rx="{num(BELLY_RX)}"'
            f' ry="{num(BELLY_RY)}" fill="{SOFT}" {ink}/>'
        )
    if prop == "foam_roller":
        r = ROLLER_R
        x, y = at[0] + out[0] * r, min(at[1] + out[1] * r, FLOOR - r)
        return (
            f'<g data-prop="{prop}">{circle(x, y, r, f"fill={attr(WOOD)} {ink}")}'
            f"{circle(x, y, 3, f'fill={WHITE} {ink}')}</g>"
        )
    if prop == "yoga_block":
        x, y = at[0], at[1]
        return rect(x - 12, y, 24, FLOOR - y, f'data-prop="{prop}" fill="#8fb98b" {ink}', 1.5)
    if prop == "bolster":
        a = body.along(body.hip, body.shoulder, 0.12, HALF_TRUNK, 1)
        b = body.along(body.hip, body.shoulder, 1.0, HALF_TRUNK, 1)
        d = (
            f"M{num(a[0])},{num(a[1])} L{num(b[0])},{num(b[1])} L{num(b[0])},{num(FLOOR)}"
            f" L{num(a[0])},{num(FLOOR)} Z"
        )
        return f'<path data-prop="{prop}" d="{d}" fill="#b98fb0" {ink} stroke-linejoin="round"/>'
    if prop == "strap":
        x, y = body.along(body.hip, body.knee, 0.8, 0, 1)
        return (
            f'<ellipse data-prop="{prop}" cx="{num(x)}" cy="{num(y)}" rx="3" ry="9"'
            f' fill="none" stroke="#2e7d6b" stroke-width="2"'
            f" {rotate(body.angles['thigh'], (x, y))}/>"
        )
    if prop == "mini_band" and body.angles.get("thigh") == 180 and body.ghost:
        return _band_between(body, prop)  # side-lying: around both knees, stretched open
    if prop == "mini_band":
        x, y = body.along(body.hip, body.knee, 0.85, 0, 1)
        return (
            f'<ellipse data-prop="{prop}" cx="{num(x)}" cy="{num(y)}" rx="2.5" ry="9"'
            f' fill="none" stroke="#2e7d6b" stroke-width="2"'
            f" {rotate(body.angles['thigh'], (x, y))}/>"
        )
    if prop == "towel":
        kx = body.far_knee[0] if body.name == "bird_dog" else body.knee[0]
        return rect(kx - 11, FLOOR - 4, 22, 4, f'data-prop="{prop}" fill="#f2d16b" {ink}', 1)
    if prop == "cane_tool":
        x, y = at[0] + out[0] * 2, at[1] + out[1] * 2
        tip = polar((x, y), 60, 6)
        end = polar((x, y), 20, 40)
        d = (
            f"M{num(x)},{num(y)} Q{num(tip[0] + 8)},{num(tip[1] - 8)} {num(x + 12)},{num(y - 10)}"
            f" L{num(end[0])},{num(end[1] - 18)}"
        )
        return (
            f'<path data-prop="{prop}" d="{d}" fill="none" stroke="#7a4e2d" stroke-width="3"'
            ' stroke-linecap="round"/>'
        )
    if prop == "chair":
        return chair(body, f'data-prop="{prop}" ')
    return rect(at[0] - 6, at[1], 12, 6, f'data-prop="{prop}" fill="#ccc" {ink}')


def _band_between(body: Body, prop: str) -> str:
    """A band round both thighs above the knees, the top knee lifted away from the bottom one."""
    bottom_hip = body.along(body.hip, body.far_knee, 0.0, 0, 1)
    pts = [
        body.along(body.hip, body.knee, 0.68, 0, 1),
        body.along(bottom_hip, body.far_knee, 0.68, 0, 1),
        body.along(bottom_hip, body.far_knee, 0.84, 0, 1),
        body.along(body.hip, body.knee, 0.84, 0, 1),
    ]
    d = "M" + " L".join(f"{num(x)},{num(y)}" for x, y in pts) + " Z"
    return (
        f'<path data-prop="{prop}" d="{d}" fill="none" stroke="#2e7d6b" stroke-width="2"'
        ' stroke-linejoin="round"/>'
    )


def chair(body: Body, extra: str = "") -> str:
    seat = seat_y(body)
    x0 = body.hip[0] - 14
    d = (
        f"M{num(x0)},{num(seat - 44)} V{num(FLOOR)} M{num(x0)},{num(seat)} H{num(x0 + 40)}"
        f" V{num(FLOOR)}"
    )
    return f'<path {extra}class="chair" d="{d}" fill="none" stroke="#7a4e2d" stroke-width="3"/>'


def bed(body: Body) -> str:
    """The bed under a body lying at its edge, long enough for the foot kept up on it."""
    top = body.hip[1] + HALF_TRUNK + 1
    end = max(160.0, body.far_ankle[0] + 14)
    return (
        f'<g class="bed" fill="#e8e1f0" stroke="{INK}" stroke-width="0.8">'
        + rect(30, top, end - 30, 14, "", 3)
        + f'<path d="M36,{num(top + 14)} V{num(FLOOR)} M{num(end - 6)},{num(top + 14)}'
        f' V{num(FLOOR)}" fill="none"/></g>'
    )
