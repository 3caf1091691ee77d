"""A side-view figure drawn from a named pose: joint angles in, thick rounded strokes out.

Angles are in degrees, counted as in mathematics (0 points right, 90 points up), each one the
absolute direction of a body segment: ``trunk`` from hip to shoulder, ``thigh`` from hip to
knee, ``shin`` from knee to ankle, ``upper``/``fore`` from shoulder to elbow to hand. The
figure is a rigid side view: standing, it faces right, so lying on the back the head is on the
left and lying face down the head is on the right. ``far_*`` limbs are drawn behind, a shade
darker. ``hip_y`` is the height of the hip above the floor. The trunk bends at the waist only
when something lifts it (see :mod:`unknot.pictures.resting`); posed, it is straight.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from unknot.pictures.bodymap import INK, SKIN
from unknot.pictures.svg import Point, num

W = 240.0
FLOOR = 150.0
H = 168.0

TRUNK, NECK, HEAD_R = 46.0, 14.0, 9.0
UPPER, FORE, THIGH, SHIN, FOOT = 24.0, 22.0, 36.0, 34.0, 9.0
HALF_TRUNK, HALF_THIGH = 10.0, 6.5
ANKLE_R = 5.0  # half the shin's width: how high the ankle sits above the floor at the least
WAIST = 0.45  # where the trunk can bend, as a fraction of the way from hip to shoulder
FAR = "#e2d2c6"
# Which way is the front, as the sign given to :func:`normal`: the trunk's front is clockwise
# from its direction (hip to shoulder), the thigh's front anticlockwise (hip to knee).
TRUNK_FRONT, THIGH_FRONT = -1.0, 1.0


def _pose(**angles: float) -> dict[str, float]:
    return angles


# Every pose: hip position (``hip_y`` above the floor) and the direction of every segment;
# ``wall`` puts a wall behind (-1), in front (1) or against the forearm (2); ``leg_scale``
# and ``shin_scale`` (``far_leg_scale``, ``far_shin_scale``) foreshorten legs that point toward
# or away from the viewer.
# fmt: off
POSES: dict[str, dict[str, float]] = {
    "supine": _pose(hip_x=140, hip_y=10, trunk=180, neck=180, upper=0, fore=0, thigh=-5, shin=0,
        far_thigh=-5, far_shin=0),
    "supine_knees_bent": _pose(hip_x=140, hip_y=10, trunk=180, neck=180, upper=-5, fore=0,
        thigh=52, shin=-78, far_thigh=48, far_shin=-80),
    "knees_dropped": _pose(hip_x=140, hip_y=10, trunk=180, neck=180, upper=-5, fore=0, thigh=22,
        shin=-48, far_thigh=8, far_shin=-34, leg_scale=0.7, shin_scale=0.62, far_leg_scale=0.62,
        far_shin_scale=0.5),
    "knee_to_chest": _pose(hip_x=140, hip_y=10, trunk=180, neck=180, upper=45, fore=47,
        thigh=118, shin=20, far_thigh=48, far_shin=-80),
    "dead_bug": _pose(hip_x=140, hip_y=10, trunk=180, neck=180, upper=150, fore=150, thigh=90,
        shin=0, far_thigh=40, far_shin=-20, far_upper=90, far_fore=90),
    "bed_edge": _pose(hip_x=140, hip_y=52, trunk=180, neck=180, upper=0, fore=0, thigh=-40,
        shin=-95, far_thigh=50, far_shin=-80),
    "side_lying": _pose(hip_x=140, hip_y=10, trunk=180, neck=168, upper=-8, fore=5,
        far_upper=178, far_fore=62, thigh=40, shin=-25, far_thigh=40, far_shin=-20),
    "clamshell": _pose(hip_x=140, hip_y=10, trunk=180, neck=168, upper=-8, fore=5,
        far_upper=178, far_fore=62, thigh=58, shin=-30, far_thigh=35, far_shin=-20),
    "prone": _pose(hip_x=100, hip_y=10, trunk=0, neck=0, upper=180, fore=180, thigh=186,
        shin=180, far_thigh=186, far_shin=180),
    "prone_forearms": _pose(hip_x=95, hip_y=10, trunk=26, neck=40, upper=-90, fore=0, thigh=186,
        shin=180, far_thigh=186, far_shin=180, far_upper=-90, far_fore=0),
    "kneeling": _pose(hip_x=120, hip_y=42, trunk=90, neck=90, upper=-95, fore=-90, thigh=-88,
        shin=180, far_thigh=-88, far_shin=180),
    "half_kneeling": _pose(hip_x=105, hip_y=42, trunk=90, neck=90, upper=-60, fore=-40,
        thigh=-90, shin=180, far_thigh=0, far_shin=-90),
    "all_fours": _pose(hip_x=80, hip_y=42, trunk=10, neck=20, upper=-90, fore=-90, thigh=-90,
        shin=180, far_thigh=-90, far_shin=180, far_upper=-90, far_fore=-90),
    "bird_dog": _pose(hip_x=80, hip_y=42, trunk=10, neck=20, upper=-90, fore=-90, thigh=178,
        shin=180, far_thigh=-90, far_shin=180, far_upper=12, far_fore=10),
    "seated": _pose(hip_x=100, hip_y=39, trunk=90, neck=90, upper=-75, fore=-5, thigh=0,
        shin=-90, far_thigh=2, far_shin=-90),
    "seated_floor": _pose(hip_x=90, hip_y=23, trunk=140, neck=120, upper=-100, fore=-100,
        thigh=0, shin=-2, far_thigh=0, far_shin=-2),
    "standing": _pose(hip_x=110, hip_y=71, trunk=90, neck=90, upper=-92, fore=-90, thigh=-90,
        shin=-90, far_thigh=-90, far_shin=-90),
    "standing_lunge": _pose(hip_x=115, hip_y=64, trunk=92, neck=90, upper=-120, fore=-44,
        thigh=-112, shin=-125, far_thigh=-62, far_shin=-100),
    "standing_wall": _pose(hip_x=120, hip_y=71, trunk=93, neck=90, upper=-92, fore=-85,
        thigh=-84, shin=-95, far_thigh=-84, far_shin=-95, wall=-1),
    "facing_wall": _pose(hip_x=120, hip_y=71, trunk=96, neck=80, upper=-60, fore=20, thigh=-96,
        shin=-100, far_thigh=-96, far_shin=-100, wall=1),
    "wall_sit": _pose(hip_x=95, hip_y=38, trunk=90, neck=90, upper=-90, fore=-70, thigh=0,
        shin=-92, far_thigh=2, far_shin=-92, wall=-1),
    "wall_side_plank": _pose(hip_x=118, hip_y=68, trunk=75, neck=75, upper=-10, fore=90,
        thigh=-105, shin=-105, far_thigh=-105, far_shin=-105, wall=2),
    "supported_bridge": _pose(hip_x=140, hip_y=30, trunk=206, neck=185, upper=-5, fore=0,
        thigh=22, shin=-72, far_thigh=20, far_shin=-74),
    "bridge": _pose(hip_x=140, hip_y=32, trunk=208, neck=185, upper=-5, fore=0, thigh=18,
        shin=-72, far_thigh=16, far_shin=-74),
    "bolstered": _pose(hip_x=140, hip_y=11, trunk=158, neck=170, upper=-30, fore=0, thigh=-4,
        shin=0, far_thigh=-4, far_shin=0),
    "side_plank": _pose(hip_x=130, hip_y=26, trunk=163, neck=163, upper=-90, fore=180, thigh=-15,
        shin=-14, far_thigh=-13, far_shin=-13, far_upper=80, far_fore=80),
    "side_plank_knees": _pose(hip_x=135, hip_y=24, trunk=158, neck=158, upper=-90, fore=180,
        thigh=-29, shin=170, far_thigh=-27, far_shin=172, shin_scale=0.4, far_upper=80,
        far_fore=80),
}
# fmt: on

WORDS: dict[str, str] = {
    "supine": "Lying on the back, legs long",
    "supine_knees_bent": "Lying on the back with knees bent",
    "knees_dropped": "Lying on the back with knees bent and dropped to one side",
    "knee_to_chest": "Lying on the back, one knee drawn toward the chest",
    "dead_bug": "Lying on the back, knees and arms lifted",
    "bed_edge": "Lying on the back at the edge of a bed, one leg hanging down",
    "side_lying": "Lying on the side",
    "clamshell": "Lying on the side with hips and knees bent",
    "prone": "Lying face down",
    "prone_forearms": "Lying face down, propped on the forearms (sphinx)",
    "kneeling": "Kneeling",
    "half_kneeling": "Kneeling on one knee, the other foot forward (kneeling lunge)",
    "all_fours": "On hands and knees",
    "bird_dog": "On hands and knees, one arm and the opposite leg reaching out",
    "seated": "Sitting on a chair",
    "seated_floor": "Sitting on the floor, legs long, hands behind",
    "standing": "Standing",
    "standing_lunge": "Standing in a lunge, one foot stepped back",
    "standing_wall": "Standing with the back to a wall",
    "facing_wall": "Standing facing a wall",
    "wall_sit": "Sitting against a wall, knees bent",
    "wall_side_plank": "Standing side-on to a wall, leaning on the forearm",
    "supported_bridge": "Lying on the back, hips resting on a block (supported bridge)",
    "bridge": "Lying on the back, hips lifted (bridge)",
    "bolstered": "Lying back over a bolster, trunk on an incline",
    "side_plank": "Side plank on the forearm",
    "side_plank_knees": "Side plank on the forearm and knees",
}


def polar(origin: Point, angle: float, length: float) -> Point:
    a = math.radians(angle)
    return origin[0] + length * math.cos(a), origin[1] - length * math.sin(a)


def normal(angle: float, sign: float = 1.0) -> tuple[float, float]:
    """The unit vector at ``angle`` + 90 degrees (sign 1) or - 90 degrees (sign -1), SVG y."""
    a = math.radians(angle + 90 * sign)
    return math.cos(a), -math.sin(a)


@dataclass(frozen=True)
class Body:
    """The joints of a posed figure, in SVG coordinates, and the pose's angles."""

    name: str
    angles: dict[str, float]
    hip: Point
    waist: Point
    shoulder: Point
    head: Point
    elbow: Point
    hand: Point
    far_elbow: Point
    far_hand: Point
    knee: Point
    ankle: Point
    far_knee: Point
    far_ankle: Point
    ghost: tuple[Point, Point] | None = None  # knee and ankle where a moving leg started

    def along(self, a: Point, b: Point, t: float, out: float, sign: float) -> Point:
        """A point a fraction ``t`` from a to b, moved ``out`` across the segment."""
        x, y = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        angle = math.degrees(math.atan2(-(b[1] - a[1]), b[0] - a[0]))
        nx, ny = normal(angle, sign)
        return x + nx * out, y + ny * out

    def trunk_at(self, t: float, out: float, sign: float) -> tuple[Point, float]:
        """A point a fraction ``t`` from hip to shoulder, moved ``out``; the angle there."""
        if t <= WAIST:
            a, b, f = self.hip, self.waist, t / WAIST
        else:
            a, b, f = self.waist, self.shoulder, (t - WAIST) / (1 - WAIST)
        return self.along(a, b, f, out, sign), angle_of(a, b)

    def surface(self, place: str) -> tuple[Point, Point, float]:
        """Where a named body point is on the surface, its outward normal and segment angle."""
        back, front = -TRUNK_FRONT, TRUNK_FRONT
        trunk: dict[str, tuple[float, float]] = {
            "low_back": (0.3, back),
            "sacrum": (0.02, back),
            "upper_back": (0.72, back),
            "belly": (0.32, front),
            "front_hip": (0.08, front),
        }
        if place in trunk:
            t, sign = trunk[place]
            at, angle = self.trunk_at(t, HALF_TRUNK, sign)
            return at, normal(angle, sign), angle
        angle = angle_of(self.hip, self.knee)
        if place == "buttock":  # the round between the back of the pelvis and of the thigh
            (tx, ty), (hx, hy) = normal(angle_of(self.hip, self.waist), back), normal(angle, -1)
            size = math.hypot(tx + hx, ty + hy) or 1.0
            nx, ny = (tx + hx) / size, (ty + hy) / size
            r = HALF_TRUNK
            return (self.hip[0] + nx * r, self.hip[1] + ny * r), (nx, ny), angle
        back, front = -THIGH_FRONT, THIGH_FRONT
        spec: dict[str, tuple[float, float, float]] = {
            "thigh_back": (0.5, HALF_THIGH, back),
            "thigh_front": (0.35, HALF_THIGH, front),
            "knee": (1.0, HALF_THIGH, back),
        }
        t, out, sign = spec[place]
        return self.along(self.hip, self.knee, t, out, sign), normal(angle, sign), angle


def angle_of(a: Point, b: Point) -> float:
    """The direction from a to b in degrees, counted as in mathematics (SVG y points down)."""
    return math.degrees(math.atan2(-(b[1] - a[1]), b[0] - a[0]))


def pose(name: str) -> Body:
    p = POSES[name]
    scale = p.get("leg_scale", 1.0)
    far_scale = p.get("far_leg_scale", scale)
    hip = (p["hip_x"], FLOOR - p["hip_y"])
    shoulder = polar(hip, p["trunk"], TRUNK)
    head = polar(shoulder, p["neck"], NECK)
    elbow = polar(shoulder, p["upper"], UPPER)
    far_elbow = polar(shoulder, p.get("far_upper", p["upper"]), UPPER)
    knee = polar(hip, p["thigh"], THIGH * scale)
    far_knee = polar(hip, p["far_thigh"], THIGH * far_scale)
    far_shin = SHIN * p.get("far_shin_scale", p.get("shin_scale", far_scale))
    return Body(
        name=name,
        angles=dict(p),
        hip=hip,
        waist=polar(hip, p["trunk"], TRUNK * WAIST),
        shoulder=shoulder,
        head=head,
        elbow=elbow,
        hand=polar(elbow, p["fore"], FORE),
        far_elbow=far_elbow,
        far_hand=polar(far_elbow, p.get("far_fore", p["fore"]), FORE),
        knee=knee,
        ankle=_ankle(knee, p["shin"], SHIN * p.get("shin_scale", scale)),
        far_knee=far_knee,
        far_ankle=_ankle(far_knee, p["far_shin"], far_shin),
        ghost=_ghost(name),
    )


def _ankle(knee: Point, angle: float, length: float) -> Point:
    """The end of the shin, drawn a little shorter where it would push the heel into the floor."""
    ankle = polar(knee, angle, length)
    sine = math.sin(math.radians(angle))
    lowest = FLOOR - ANKLE_R
    if ankle[1] > lowest and sine < -0.2:
        shorter = (lowest - knee[1]) / -sine
        if shorter > length / 2:
            return polar(knee, angle, shorter)
    return ankle


def _ghost(name: str) -> tuple[Point, Point] | None:
    """Knees dropped to the side started from lying with the knees up: drawn dashed behind."""
    if name != "knees_dropped":
        return None
    start = pose("supine_knees_bent")
    return start.knee, start.ankle


def _line(a: Point, b: Point, width: float, colour: str, *via: Point, part: str = "") -> str:
    d = " L".join(f"{num(x)},{num(y)}" for x, y in (a, *via, b))
    name = f' class="{part}"' if part else ""
    return f'<path{name} d="M{d}" stroke="{colour}" stroke-width="{num(width)}"/>'


def ghost_leg(body: Body) -> str:
    """Where a moving leg started: a pale leg with a dashed middle line, behind the figure."""
    if body.ghost is None:
        return ""
    (kx, ky), (ax, ay) = body.ghost
    d = f"M{num(body.hip[0])},{num(body.hip[1])} L{num(kx)},{num(ky)} L{num(ax)},{num(ay)}"
    return (
        f'<g class="ghost" fill="none" stroke-linejoin="round" stroke-linecap="round">'
        f'<path d="{d}" stroke="#d9cfc7" stroke-opacity="0.6" stroke-width="11"/>'
        f'<path d="{d}" stroke="{INK}" stroke-width="1" stroke-dasharray="3 2"/></g>'
    )


def _foot(ankle: Point, shin: float, p: dict[str, float]) -> tuple[Point, Point]:
    """A foot at right angles to the shin, toes to the figure's front; flat on a near floor."""
    toe = polar(ankle, shin + 90, FOOT)
    if toe[1] > FLOOR - 2.5:  # pointing into the floor: the foot lies along it, toes pointed
        ahead = 1 if math.cos(math.radians(shin)) >= 0 else -1
        toe = (ankle[0] + ahead * FOOT, FLOOR - 2.5)
    if abs(ankle[1] - (FLOOR - 3)) < 8 and abs(shin) > 30 and abs(shin) < 150:
        toe = (
            ankle[0] + FOOT * (1 if math.cos(math.radians(p["trunk"] - 90)) >= 0 else -1),
            FLOOR - 2.5,
        )
        if p["trunk"] > 135:  # lying on the back: toes point away from the head
            toe = (ankle[0] + FOOT, FLOOR - 2.5)
    return ankle, toe


Part = tuple[str, Point, Point, float]


def _spine(body: Body) -> tuple[Point, ...]:
    """The trunk's middle line between hip and shoulder: through the waist, its corner rounded
    off (a curve from just below the waist to halfway up the chest) where the trunk bends."""
    low, high = angle_of(body.hip, body.waist), angle_of(body.waist, body.shoulder)
    if abs((high - low + 180) % 360 - 180) < 4:
        return (body.waist,)
    a = body.along(body.hip, body.waist, 0.75, 0, 1)
    b = body.along(body.waist, body.shoulder, 0.45, 0, 1)
    w = body.waist
    curve = [
        (
            (1 - s) ** 2 * a[0] + 2 * s * (1 - s) * w[0] + s**2 * b[0],
            (1 - s) ** 2 * a[1] + 2 * s * (1 - s) * w[1] + s**2 * b[1],
        )
        for s in (0.25, 0.5, 0.75)
    ]
    return (a, *curve, b)


def figure_svg(body: Body) -> str:
    """The figure: far limbs behind, then the body and near limbs as one silhouette.

    The filled stroke of each large part is named (``trunk``, ``thigh``, ``far-thigh``,
    ``shin``, ``far-shin``, ``forearm``), so a reader of the SVG can find the joints.
    """
    p = body.angles
    far_foot = _foot(body.far_ankle, p["far_shin"], p)
    near_foot = _foot(body.ankle, p["shin"], p)
    far: list[Part] = [
        ("far-thigh", body.hip, body.far_knee, 12),
        ("far-shin", body.far_knee, body.far_ankle, 9),
        ("", far_foot[0], far_foot[1], 5),
        ("", body.shoulder, body.far_elbow, 7),
        ("", body.far_elbow, body.far_hand, 6),
    ]
    near: list[Part] = [
        ("", body.shoulder, body.head, 7),
        ("thigh", body.hip, body.knee, HALF_THIGH * 2),
        ("shin", body.knee, body.ankle, 10),
        ("", near_foot[0], near_foot[1], 5.5),
    ]
    arm: list[Part] = [
        ("", body.shoulder, body.elbow, 8.0),
        ("forearm", body.elbow, body.hand, 7.0),
    ]
    out = ['<g class="figure" fill="none" stroke-linecap="round" stroke-linejoin="round">']
    trunk, spine = HALF_TRUNK * 2, _spine(body)
    for parts, fill in ((far, FAR), (near, SKIN), (arm, SKIN)):
        out.extend(_line(a, b, w + 2, INK) for _, a, b, w in parts)
        if parts is near:
            out.append(_line(body.hip, body.shoulder, trunk + 2, INK, *spine))
            out.append(_line(body.hip, body.shoulder, trunk, fill, *spine, part="trunk"))
        out.extend(_line(a, b, w, fill, part=name) for name, a, b, w in parts)
    hx, hy = body.head
    out.append(
        f'<circle class="head" cx="{num(hx)}" cy="{num(hy)}" r="{num(HEAD_R)}" fill="{SKIN}"'
        f' stroke="{INK}"/>'
    )
    out.append("</g>")
    return "".join(out)


def floor_svg() -> str:
    return (
        f'<path class="floor" d="M4,{num(FLOOR)} H{num(W - 4)}" stroke="{INK}" stroke-width="1.2"/>'
    )


def wall_svg(x: float) -> str:
    hatch = "".join(
        f"M{num(x)},{num(y)} l{num(4 if x > W / 2 else -4)},-4 " for y in range(24, int(FLOOR), 10)
    )
    return (
        f'<g class="wall" stroke="{INK}" fill="none"><path d="M{num(x)},14 V{num(FLOOR)}"'
        f' stroke-width="1.4"/><path d="{hatch.strip()}" stroke-width="0.6"/></g>'
    )
