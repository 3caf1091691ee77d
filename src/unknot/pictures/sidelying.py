"""A figure lying on its side, seen from the front and a little above, on a mat.

Seen from the side like the other poses, a body lying on its side looks like one lying on its
back, so it gets its own drawing: the trunk's outline from the front (shoulder and hip standing
up above the waist, one on top of the other), the head resting on the lower arm stretched out
along the mat, the top hand on the mat in front of the chest, and both legs bent, the knees
coming toward the viewer (lower on the page) and the feet together behind. Lying on the left
side, facing the viewer, the head is on the right and the right side is on top. In a
clamshell the top knee is lifted off the bottom one, with where it started dashed.
"""

from __future__ import annotations

from unknot.pictures.bodymap import INK, SKIN
from unknot.pictures.poses import FLOOR, HEAD_R, POSES, Body, W
from unknot.pictures.svg import Point, num, smooth_d

SIDE_LYING = ("side_lying", "clamshell")
BACK = FLOOR - 8  # where the underside of the body touches the mat, further back than its edge
MAT_BACK = FLOOR - 24

# The trunk's outline, from the lower buttock round the hip, the waist and the shoulder.
_TRUNK: tuple[Point, ...] = (
    (110, BACK),
    (103, BACK - 10),
    (106, BACK - 22),
    (117, BACK - 29),
    (131, BACK - 27),
    (148, BACK - 21),
    (163, BACK - 25),
    (175, BACK - 31),
    (185, BACK - 27),
    (188, BACK - 16),
    (183, BACK - 2),
    (150, BACK + 1),
)

TOP_HIP: Point = (117, BACK - 17)
BOTTOM_HIP: Point = (114, BACK - 6)
SHOULDER: Point = (176, BACK - 19)
BOTTOM_SHOULDER: Point = (180, BACK - 6)
KNEE: Point = (80, FLOOR - 5)  # the bottom knee, nearest the viewer
ANKLE: Point = (62, BACK - 4)
CLOSED_KNEE: Point = (86, FLOOR - 13)  # the top knee resting on the bottom one
OPEN_KNEE: Point = (99, BACK - 34)


def side_body(name: str) -> Body:
    """The joints of the side-lying figure: ``hip``/``knee`` are the top leg's, ``far_*`` the
    bottom leg's; ``elbow``/``hand`` the top arm's (in front of the chest), ``far_*`` the lower
    arm's (under the head)."""
    clam = name == "clamshell"
    knee = OPEN_KNEE if clam else CLOSED_KNEE
    return Body(
        name=name,
        angles={**POSES[name], "trunk": 180.0, "thigh": 180.0},
        hip=TOP_HIP,
        waist=(150, BACK - 11),
        shoulder=SHOULDER,
        head=(201, BACK - 15),
        elbow=(162, FLOOR - 12),
        hand=(146, FLOOR - 4),
        far_elbow=(203, BACK - 3),
        far_hand=(226, BACK - 6),
        knee=knee,
        ankle=(ANKLE[0], ANKLE[1] - 5),
        far_knee=KNEE,
        far_ankle=ANKLE,
        ghost=(CLOSED_KNEE, (ANKLE[0], ANKLE[1] - 5)) if clam else None,
    )


def stroke(points: tuple[Point, ...], width: float, colour: str, part: str = "") -> str:
    """A polyline limb segment of ``width`` in ``colour`` (``part`` names it for tests)."""
    d = " L".join(f"{num(x)},{num(y)}" for x, y in points)
    name = f' class="{part}"' if part else ""
    return f'<path{name} d="M{d}" stroke="{colour}" stroke-width="{num(width)}"/>'


Limb = tuple[str, tuple[Point, ...], float]


def limbs(parts: list[Limb], fill: str) -> list[str]:
    """Limbs drawn as an ink outline first, then their fill on top, so joints read as one."""
    outline = [stroke(p, w + 2, INK) for _, p, w in parts]
    return outline + [stroke(p, w, fill, name) for name, p, w in parts]


def side_figure_svg(body: Body) -> str:
    """The side-lying figure: bottom leg and arm behind, trunk, head on the arm, top limbs."""
    toe = (body.far_ankle[0] - 7, body.far_ankle[1] + 4)
    top_toe = (body.ankle[0] - 7, body.ankle[1] + 3)
    bottom: list[Limb] = [
        ("bottom-leg", (BOTTOM_HIP, body.far_knee, body.far_ankle), 12.0),
        ("", (body.far_ankle, toe), 5.0),
    ]
    arm: list[Limb] = [("bottom-arm", (BOTTOM_SHOULDER, body.far_elbow, body.far_hand), 7.5)]
    top: list[Limb] = [
        ("top-leg", (body.hip, body.knee, body.ankle), 12.0),
        ("", (body.ankle, top_toe), 5.5),
    ]
    top_arm: list[Limb] = [("top-arm", (body.shoulder, body.elbow, body.hand), 7.5)]
    hx, hy = body.head
    out = ['<g class="figure" fill="none" stroke-linecap="round" stroke-linejoin="round">']
    out += limbs(bottom, SKIN) + limbs(arm, SKIN)  # same ink as the body, behind the top leg
    out.append(stroke(((184, BACK - 14), (hx - 4, hy + 2)), 9, INK))
    out.append(stroke(((184, BACK - 14), (hx - 4, hy + 2)), 7, SKIN))
    out.append(f'<path class="trunk" d="{smooth_d(_TRUNK)}" fill="{SKIN}" stroke="{INK}"/>')
    out.append(
        f'<path d="M{num(171)},{num(BACK - 24)} Q{num(180)},{num(BACK - 16)} {num(178)},'
        f'{num(BACK - 4)}" stroke="#8a7f78" stroke-width="0.8"/>'
    )
    out.append(
        f'<circle class="head" cx="{num(hx)}" cy="{num(hy)}" r="{num(HEAD_R)}" fill="{SKIN}"'
        f' stroke="{INK}"/>'
    )
    out += limbs(top, SKIN) + limbs(top_arm, SKIN)
    out.append("</g>")
    return "".join(out)


def mat_svg() -> str:
    """The mat the figure lies on, seen a little from above."""
    return (
        f'<path class="mat" d="M4,{num(FLOOR)} L14,{num(MAT_BACK)} H{num(W - 14)}'
        f' L{num(W - 4)},{num(FLOOR)} Z" fill="#efe7df"/>'
    )
