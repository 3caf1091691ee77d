"""A side-view figure drawn from a named pose: joint angles in, thick rounded strokes out.

Angles are in degrees, counted as in mathematics (0 points right, 90 points up), each one the
absolute direction of a body segment: ``trunk`` from hip to shoulder, ``thigh`` from hip to
knee, ``shin`` from knee to ankle, ``upper``/``fore`` from shoulder to elbow to hand. The
figure is a rigid side view: standing, it faces right, so lying on the back the head is on the
left and lying face down the head is on the right. ``far_*`` limbs are drawn behind, a shade
darker. ``hip_y`` is the height of the hip above the floor.
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
FAR = "#e2d2c6"
# Which way is the front, as the sign given to :func:`normal`: the trunk's front is clockwise
# from its direction (hip to shoulder), the thigh's front anticlockwise (hip to knee).
TRUNK_FRONT, THIGH_FRONT = -1.0, 1.0


def _pose(**angles: float) -> dict[str, float]:
    return angles


# Every pose: hip position (``hip_y`` above the floor) and the direction of every segment;
# ``wall`` puts a wall behind (-1), in front (1) or against the forearm (2); ``leg_scale``
# and ``shin_scale`` foreshorten legs that point toward or away from the viewer.
# fmt: off
POSES: dict[str, dict[str, float]] = {
    "supine": _pose(hip_x=140, hip_y=10, trunk=180, neck=180, upper=0, fore=0, thigh=-5, shin=0,
        far_thigh=-5, far_shin=0),
    "supine_knees_bent": _pose(hip_x=140, hip_y=10, trunk=180, neck=180, upper=-5, fore=0,
        thigh=52, shin=-78, far_thigh=48, far_shin=-80),
    "knees_dropped": _pose(hip_x=140, hip_y=10, trunk=180, neck=180, upper=-5, fore=0, thigh=26,
        shin=-150, far_thigh=34, far_shin=-140, leg_scale=0.8),
    "knee_to_chest": _pose(hip_x=140, hip_y=10, trunk=180, neck=180, upper=60, fore=30,
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
    "seated": _pose(hip_x=100, hip_y=55, trunk=90, neck=90, upper=-75, fore=-5, thigh=0,
        shin=-90, far_thigh=4, far_shin=-88),
    "seated_floor": _pose(hip_x=90, hip_y=23, trunk=140, neck=120, upper=-100, fore=-100,
        thigh=0, shin=-2, far_thigh=0, far_shin=-2),
    "standing": _pose(hip_x=110, hip_y=71, trunk=90, neck=90, upper=-92, fore=-90, thigh=-90,
        shin=-90, far_thigh=-90, far_shin=-90),
    "standing_lunge": _pose(hip_x=115, hip_y=64, trunk=92, neck=90, upper=-30, fore=-10,
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
        thigh=-36, shin=170, far_thigh=-34, far_shin=172, shin_scale=0.4),
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

    def along(self, a: Point, b: Point, t: float, out: float, sign: float) -> Point:
        """A point a fraction ``t`` from a to b, moved ``out`` across the segment."""
        x, y = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        angle = math.degrees(math.atan2(-(b[1] - a[1]), b[0] - a[0]))
        nx, ny = normal(angle, sign)
        return x + nx * out, y + ny * out

    def surface(self, place: str) -> tuple[Point, Point, float]:
        """Where a named body point is on the surface, its outward normal and segment angle."""
        trunk, thigh = self.angles["trunk"], self.angles["thigh"]
        back, front = -TRUNK_FRONT, TRUNK_FRONT
        spec: dict[str, tuple[Point, Point, float, float, float]] = {
            "low_back": (self.hip, self.shoulder, 0.3, HALF_TRUNK, back),
            "sacrum": (self.hip, self.shoulder, 0.02, HALF_TRUNK, back),
            "upper_back": (self.hip, self.shoulder, 0.72, HALF_TRUNK, back),
            "belly": (self.hip, self.shoulder, 0.32, HALF_TRUNK, front),
            "front_hip": (self.hip, self.shoulder, 0.08, HALF_TRUNK, front),
        }
        back, front = -THIGH_FRONT, THIGH_FRONT
        spec |= {
            "buttock": (self.hip, self.knee, 0.0, HALF_TRUNK - 1, back),
            "thigh_back": (self.hip, self.knee, 0.5, HALF_THIGH, back),
            "thigh_front": (self.hip, self.knee, 0.35, HALF_THIGH, front),
            "knee": (self.hip, self.knee, 1.0, HALF_THIGH, back),
        }
        a, b, t, out, sign = spec[place]
        angle = trunk if b == self.shoulder else thigh
        at = self.along(a, b, t, out, sign)
        nx, ny = normal(angle, sign)
        return at, (nx, ny), angle


def pose(name: str) -> Body:
    p = POSES[name]
    scale = p.get("leg_scale", 1.0)
    hip = (p["hip_x"], FLOOR - p["hip_y"])
    shoulder = polar(hip, p["trunk"], TRUNK)
    head = polar(shoulder, p["neck"], NECK)
    elbow = polar(shoulder, p["upper"], UPPER)
    far_elbow = polar(shoulder, p.get("far_upper", p["upper"]), UPPER)
    knee = polar(hip, p["thigh"], THIGH * scale)
    far_knee = polar(hip, p["far_thigh"], THIGH * scale)
    return Body(
        name=name,
        angles=dict(p),
        hip=hip,
        shoulder=shoulder,
        head=head,
        elbow=elbow,
        hand=polar(elbow, p["fore"], FORE),
        far_elbow=far_elbow,
        far_hand=polar(far_elbow, p.get("far_fore", p["fore"]), FORE),
        knee=knee,
        ankle=polar(knee, p["shin"], SHIN * p.get("shin_scale", scale)),
        far_knee=far_knee,
        far_ankle=polar(far_knee, p["far_shin"], SHIN * p.get("shin_scale", scale)),
    )


def _line(a: Point, b: Point, width: float, colour: str) -> str:
    return (
        f'<path d="M{num(a[0])},{num(a[1])} L{num(b[0])},{num(b[1])}" stroke="{colour}"'
        f' stroke-width="{num(width)}"/>'
    )


def _foot(ankle: Point, shin: float, p: dict[str, float]) -> tuple[Point, Point]:
    """A foot at right angles to the shin, toes to the figure's front; flat on a near floor."""
    toe = polar(ankle, shin + 90, FOOT)
    if abs(ankle[1] - (FLOOR - 3)) < 8 and abs(shin) > 30 and abs(shin) < 150:
        toe = (
            ankle[0] + FOOT * (1 if math.cos(math.radians(p["trunk"] - 90)) >= 0 else -1),
            FLOOR - 2.5,
        )
        if p["trunk"] > 135:  # lying on the back: toes point away from the head
            toe = (ankle[0] + FOOT, FLOOR - 2.5)
    return ankle, toe


def figure_svg(body: Body) -> str:
    """The figure: far limbs behind, then the body and near limbs as one silhouette."""
    p = body.angles
    far_foot = _foot(body.far_ankle, p["far_shin"], p)
    near_foot = _foot(body.ankle, p["shin"], p)
    far: list[tuple[Point, Point, float]] = [
        (body.hip, body.far_knee, 12),
        (body.far_knee, body.far_ankle, 9),
        (far_foot[0], far_foot[1], 5),
        (body.shoulder, body.far_elbow, 7),
        (body.far_elbow, body.far_hand, 6),
    ]
    near: list[tuple[Point, Point, float]] = [
        (body.shoulder, body.head, 7),
        (body.hip, body.shoulder, HALF_TRUNK * 2),
        (body.hip, body.knee, HALF_THIGH * 2),
        (body.knee, body.ankle, 10),
        (near_foot[0], near_foot[1], 5.5),
    ]
    arm = [(body.shoulder, body.elbow, 8.0), (body.elbow, body.hand, 7.0)]
    out = ['<g class="figure" fill="none" stroke-linecap="round" stroke-linejoin="round">']
    for parts, fill in ((far, FAR), (near, SKIN), (arm, SKIN)):
        out.extend(_line(a, b, w + 2, INK) for a, b, w in parts)
        out.extend(_line(a, b, w, fill) for a, b, w in parts)
    hx, hy = body.head
    out.append(
        f'<circle cx="{num(hx)}" cy="{num(hy)}" r="{num(HEAD_R)}" fill="{SKIN}" stroke="{INK}"/>'
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
