"""The intake's body map: a front or back view that fingers and keyboards can use.

Seen whole, the figure is split into a few areas (the upper back, the low back and buttocks,
...), each a large target. Choosing one zooms the same drawing to that area (the page's script
sets the ``viewBox`` to the area's ``data-box``), where every region and side is a target of
its own. The areas are chosen so that, zoomed on a map ``DESIGN_WIDTH_PX`` wide, every target
is at least ``MIN_TARGET_PX`` in both directions: a shape smaller than that gets an invisible
hit rectangle around it, grown away from the middle of the body where it sits at an edge, and
drawn over its neighbours.

The drawing is a pure function of the view and the pain marked so far; the names spoken for
each target come from regions.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from unknot.knowledge import KnowledgeBase, load_knowledge
from unknot.pictures import figure
from unknot.pictures.bodymap import (
    INK,
    PAIN_RGB,
    SKIN,
    describe,
    drawn_sides,
    pain_opacity,
    region_shape,
    regions_in_view,
    spoken_name,
)
from unknot.pictures.figure import HEIGHT, ViewName
from unknot.pictures.svg import MID, Shape, attr, num, text

DESIGN_WIDTH_PX = 300.0  # the narrowest map a phone shows, in CSS pixels
MIN_TARGET_PX = 44.0  # WCAG 2.5.5: a target at least 44 by 44 CSS pixels
MARGIN = 6.0  # around an area's shapes when it is zoomed

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Area:
    id: str
    name: str  # said and shown when it is chosen
    regions: tuple[str, ...]


AREAS: dict[ViewName, tuple[Area, ...]] = {
    "back": (
        Area("upper_back", "Upper and middle back", ("upper_back", "mid_back")),
        Area(
            "low_back",
            "Low back and buttocks",
            (
                "low_back",
                "sacrum",
                "si_joint",
                "tailbone",
                "buttock_upper",
                "buttock_outer",
                "buttock_lower",
            ),
        ),
        Area("back_thighs", "Backs of the thighs and knees", ("thigh_back", "knee")),
        Area("back_legs", "Calves and feet", ("lower_leg", "foot")),
    ),
    "front": (
        Area(
            "belly",
            "Belly, hips and groin",
            ("abdomen_upper", "abdomen_lower", "hip_front", "hip_side", "groin", "genitals"),
        ),
        Area("front_thighs", "Thighs and knees", ("thigh_front", "thigh_side", "knee")),
        Area("front_legs", "Shins and feet", ("lower_leg", "foot")),
    ),
}


def shape_box(shape: Shape) -> Box:
    if shape.ellipse is not None:
        cx, cy, rx, ry = shape.ellipse
        return cx - rx, cy - ry, cx + rx, cy + ry
    xs = [x for x, _ in shape.points]
    ys = [y for _, y in shape.points]
    return min(xs), min(ys), max(xs), max(ys)


def area_box(view: ViewName, area: Area) -> Box:
    """The box an area is zoomed to: its shapes on both sides, with a margin."""
    kb = load_knowledge()
    boxes = [
        shape_box(region_shape(view, r, side))
        for r in area.regions
        for side in drawn_sides(kb.regions[r])
    ]
    return (
        min(b[0] for b in boxes) - MARGIN,
        min(b[1] for b in boxes) - MARGIN,
        max(b[2] for b in boxes) + MARGIN,
        max(b[3] for b in boxes) + MARGIN,
    )


def min_size(box: Box) -> float:
    """The smallest side, in drawing units, that shows as ``MIN_TARGET_PX`` when ``box`` is
    zoomed to ``DESIGN_WIDTH_PX``."""
    return MIN_TARGET_PX * (box[2] - box[0]) / DESIGN_WIDTH_PX


def hit_box(shape: Shape, smallest: float) -> Box | None:
    """A rectangle at least ``smallest`` each way around ``shape``, or None if it is already
    that big. A shape off the middle line grows outwards from its inner edge; a shape on it,
    and any shape too short, grows evenly."""
    x0, y0, x1, y1 = shape_box(shape)
    if x1 - x0 >= smallest and y1 - y0 >= smallest:
        return None
    if x1 - x0 < smallest:
        centre = (x0 + x1) / 2
        if abs(centre - MID) < 1:
            x0, x1 = centre - smallest / 2, centre + smallest / 2
        elif centre > MID:
            x1 = x0 + smallest
        else:
            x0 = x1 - smallest
    if y1 - y0 < smallest:
        middle = (y0 + y1) / 2
        y0, y1 = middle - smallest / 2, middle + smallest / 2
    return x0, y0, x1, y1


def _zones(view: ViewName) -> list[str]:
    """The areas as targets of the whole figure, one band each, top to bottom without
    overlapping: neighbouring bands meet halfway between the areas' boxes."""
    areas = AREAS[view]
    boxes = [area_box(view, a) for a in areas]
    out = []
    for i, (area, box) in enumerate(zip(areas, boxes, strict=True)):
        top = box[1] if i == 0 else (boxes[i - 1][3] + box[1]) / 2
        bottom = box[3] if i == len(areas) - 1 else (box[3] + boxes[i + 1][1]) / 2
        zoom = " ".join(num(v) for v in (box[0], box[1], box[2] - box[0], box[3] - box[1]))
        out.append(
            f'<rect class="zone" data-area="{area.id}" data-name={attr(area.name)}'
            f' data-box="{zoom}" x="{num(box[0])}" y="{num(top)}" width="{num(box[2] - box[0])}"'
            f' height="{num(bottom - top)}" rx="8" fill="{PAIN_RGB}" fill-opacity="0"'
            ' stroke="#2f6f6a" stroke-width="1.2" stroke-dasharray="4 3"/>'
        )
    return out


def intake_map(
    view: ViewName,
    *,
    pain: Mapping[tuple[str, str], int],
    title: str,
    prefix: str,
    kb: KnowledgeBase | None = None,
) -> str:
    """A standalone SVG of one view for the intake: every region and side a target
    (``g.target`` with ``data-region``, ``data-side``, ``data-area`` and a spoken name), the
    areas as targets of the whole figure (``rect.zone``), pain shaded and numbered. ``kb`` is
    the knowledge base (None: the packaged one)."""
    kb = kb or load_knowledge()
    placed: dict[str, str] = {r: a.id for a in AREAS[view] for r in a.regions}
    boxes = {a.id: area_box(view, a) for a in AREAS[view]}
    plain: list[str] = []
    small: list[str] = []
    scores: list[str] = []
    for region in regions_in_view(view, kb):
        area = placed[region.id]
        for side in drawn_sides(region):
            shape = region_shape(view, region.id, side)
            score = pain.get((region.id, side))
            opacity = pain_opacity(score) if score else 0
            name = spoken_name(region, side)
            shaped = shape.element(
                f'class="region" fill="{PAIN_RGB}" fill-opacity="{opacity:.2f}"'
                ' stroke="#8f8279" stroke-width="0.6" stroke-dasharray="2 1.5"',
            )
            hit = hit_box(shape, min_size(boxes[area]))
            extra = ""
            if hit is not None:
                extra = (
                    f'<rect class="hit" x="{num(hit[0])}" y="{num(hit[1])}"'
                    f' width="{num(hit[2] - hit[0])}" height="{num(hit[3] - hit[1])}"'
                    ' fill="#000" fill-opacity="0"/>'
                )
            marked = f' data-pain="{score}"' if score else ""
            element = (
                f'<g class="target" id="{prefix}-t-{region.id}-{side}" data-region="{region.id}"'
                f' data-side="{side}" data-area="{area}"'
                f" data-name={attr(name[:1].upper() + name[1:])}{marked}>"
                f"<title>{text(name)}</title>{shaped}{extra}</g>"
            )
            (small if hit is not None else plain).append(element)
            if score:
                cx, cy = shape.centre
                scores.append(
                    f'<text class="pain-score" data-for="{region.id}-{side}" x="{num(cx)}"'
                    f' y="{num(cy + 3)}" font-size="8" font-weight="bold" text-anchor="middle"'
                    ' fill="#fff" stroke="#7a1410" stroke-width="1.6" paint-order="stroke"'
                    f' font-family="sans-serif">{score}</text>'
                )
    caption = "seen from the front" if view == "front" else "seen from behind"
    height = HEIGHT + 12
    words = describe(view, pain, {}, kb.regions)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 {num(height)}"'
        f' width="200" height="{num(height)}" role="img"'
        f' aria-labelledby="{prefix}-title {prefix}-desc" class="body-map intake-map'
        f' body-map-{view}" data-view="{view}" data-whole="0 0 200 {num(height)}">'
        f'<title id="{prefix}-title">{text(title)}</title>'
        f'<desc id="{prefix}-desc">{text(words)}</desc>'
        f'<path class="outline" d="{figure.outline_d()}" fill="{SKIN}" stroke="{INK}"'
        ' stroke-width="1.4" stroke-linejoin="round"/>'
        f"{figure.details(view)}"
        f'<g class="targets">{"".join(plain)}{"".join(small)}</g>'
        f'<g class="scores" pointer-events="none">{"".join(scores)}</g>'
        f"{figure.side_labels(view)}"
        f'<text x="100" y="{num(HEIGHT + 7)}" font-size="9" text-anchor="middle" fill="{INK}"'
        f' font-family="sans-serif">{caption}</text>'
        f'<g class="zones">{"".join(_zones(view))}</g></svg>'
    )
