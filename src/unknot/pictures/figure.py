"""The standing figure every body map and muscle picture is drawn on, and its region shapes.

The figure stands facing the viewer (front view) or facing away (back view), arms at the sides,
in a 200 x 440 box. The outline is one smooth closed path: the viewer's right half is listed
here and mirrored for the left half, so the figure is symmetric.
"""

from __future__ import annotations

from typing import Literal

from unknot.pictures.svg import MID, Point, Shape, ellipse, mirror_x, poly, smooth_d

ViewName = Literal["front", "back"]

HEIGHT = 440.0

# The viewer's right half of the outline, from the top of the head round to the crotch.
_HALF: tuple[Point, ...] = (
    (100, 8),
    (112, 11),
    (119, 22),
    (119, 38),
    (114, 51),
    (108, 58),
    (109, 66),
    (122, 71),
    (139, 75),
    (148, 84),
    (152, 102),
    (155, 130),
    (159, 162),
    (162, 192),
    (164, 212),
    (166, 226),
    (161, 236),
    (155, 229),
    (153, 212),
    (149, 190),
    (144, 160),
    (140, 130),
    (137, 106),
    (134, 124),
    (130, 148),
    (134, 172),
    (139, 196),
    (137, 240),
    (132, 280),
    (128, 312),
    (128, 332),
    (129, 356),
    (124, 392),
    (118, 410),
    (123, 424),
    (120, 432),
    (105, 432),
    (104, 412),
    (106, 380),
    (105, 346),
    (106, 318),
    (107, 268),
    (104, 236),
    (100, 222),
)


def outline_d() -> str:
    """The body outline as one smooth closed path (symmetric about x = 100)."""
    left = [(mirror_x(x), y) for x, y in reversed(_HALF[1:-1])]
    return smooth_d([*_HALF, *left])


def details(view: ViewName) -> str:
    """Light inner lines that tell front from back and help find one's way on the body."""
    stroke = 'fill="none" stroke="#8a7f78" stroke-width="0.8" stroke-linecap="round"'
    if view == "front":
        return (
            f'<g class="details" {stroke}>'
            '<circle cx="93" cy="30" r="1.3" fill="#8a7f78" stroke="none"/>'
            '<circle cx="107" cy="30" r="1.3" fill="#8a7f78" stroke="none"/>'
            '<path d="M95,42 Q100,45 105,42"/>'
            '<path d="M86,76 Q95,80 100,78 Q105,80 114,76"/>'
            '<circle cx="100" cy="160" r="1.5"/>'
            '<path d="M82,208 Q92,212 100,220 Q108,212 118,208"/>'
            '<path d="M111,320 a5,5 0 1,0 0.1,0 M89,320 a5,5 0 1,0 0.1,0"/>'
            "</g>"
        )
    return (
        f'<g class="details" {stroke}>'
        '<path d="M87,14 Q100,5 113,14 L116,28 Q100,34 84,28 Z" fill="#d9cfc7" stroke="none"/>'
        '<path d="M100,68 L100,206" stroke-dasharray="2 3"/>'
        '<path d="M106,84 Q124,82 128,96 Q124,112 112,118 Q106,104 106,84 Z"/>'
        '<path d="M94,84 Q76,82 72,96 Q76,112 88,118 Q94,104 94,84 Z"/>'
        '<path d="M100,206 L100,222 M103,228 Q118,232 134,226 M97,228 Q82,232 66,226"/>'
        "</g>"
    )


# Region shapes on the viewer's right half (x > 100) for paired regions, centred for the others.
# ``PAIR[view][region]`` and ``CENTRE[view][region]``. Regions a person marks only in a side
# view (the side of the hip and of the thigh) sit on the outer edge of the front view, where a
# person sees them in a mirror.

_LEG_SHAPES: dict[str, Shape] = {
    "knee": ellipse(117, 321, 10, 11),
    "lower_leg": poly((108, 335), (127, 335), (128, 356), (122, 396), (108, 396), (106, 360)),
    "foot": poly((105, 408), (118, 408), (124, 424), (120, 431), (105, 431)),
}

PAIR: dict[ViewName, dict[str, Shape]] = {
    "front": {
        "abdomen_upper": poly((108, 122), (124, 134), (129, 148), (127, 158), (108, 158)),
        "abdomen_lower": poly((108, 163), (128, 163), (131, 176), (121, 194), (108, 198)),
        "hip_front": poly((123, 181), (134, 176), (136, 196), (128, 206), (121, 201)),
        "groin": poly((110, 201), (121, 204), (127, 210), (118, 222), (108, 212)),
        "hip_side": poly((135, 175), (138, 190), (138, 211), (131, 214), (135, 196)),
        "thigh_front": poly((106, 226), (126, 218), (129, 250), (125, 305), (108, 305), (107, 266)),
        "thigh_side": poly((131, 218), (137, 216), (135, 250), (130, 290), (127, 306), (130, 250)),
        **_LEG_SHAPES,
    },
    "back": {
        "upper_back": poly((108, 76), (128, 78), (134, 96), (134, 118), (108, 118)),
        "mid_back": poly((108, 121), (134, 121), (131, 146), (108, 146)),
        "low_back": poly((108, 149), (130, 149), (132, 170), (108, 173)),
        "si_joint": ellipse(114, 184, 4.5, 7),
        "buttock_upper": poly((120, 176), (133, 173), (138, 190), (134, 197), (121, 195)),
        "buttock_outer": poly((133, 200), (138, 198), (138, 214), (136, 226), (131, 226)),
        "buttock_lower": poly((105, 210), (111, 199), (130, 199), (128, 226), (106, 228)),
        "thigh_back": poly((106, 233), (136, 232), (132, 280), (127, 306), (108, 306), (107, 266)),
        **_LEG_SHAPES,
    },
}

CENTRE: dict[ViewName, dict[str, Shape]] = {
    "front": {
        "abdomen_upper": poly((100, 118), (106, 122), (106, 157), (94, 157), (94, 122)),
        "abdomen_lower": poly((94, 163), (106, 163), (106, 199), (100, 202), (94, 199)),
        "genitals": ellipse(100, 214, 6, 8),
    },
    "back": {
        "upper_back": poly((93, 74), (107, 74), (106, 118), (94, 118)),
        "mid_back": poly((94, 121), (106, 121), (106, 146), (94, 146)),
        "low_back": poly((94, 149), (106, 149), (106, 173), (94, 173)),
        "sacrum": poly((90, 177), (110, 177), (105, 196), (100, 203), (95, 196)),
        "tailbone": ellipse(100, 210, 3.5, 5),
    },
}


def side_on_viewer_right(view: ViewName, side: str) -> bool:
    """Whether the person's ``side`` shows on the viewer's right half in this view.

    Facing the viewer, the person's left is on the viewer's right; seen from behind, the
    person's left is on the viewer's left.
    """
    return (side == "left") == (view == "front")


def pair_shape(view: ViewName, region: str, side: str) -> Shape:
    shape = PAIR[view][region]
    return shape if side_on_viewer_right(view, side) else shape.mirrored()


def side_labels(view: ViewName, y: float = 262) -> str:
    """ "left" and "right" written beside the legs, so nobody has to work out the mirroring."""
    right_x, left_x = (30, 170) if view == "front" else (170, 30)
    style = 'font-size="9" fill="#5a514b" text-anchor="middle" font-family="sans-serif"'
    return (
        f'<g class="side-labels" {style}>'
        f'<text x="{right_x}" y="{y}">their right</text>'
        f'<text x="{left_x}" y="{y}">their left</text>'
        "</g>"
    )


def centre_x() -> float:
    return MID
