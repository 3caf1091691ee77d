"""The body map: a front or back view of a standing person with every intake region as a shape.

One drawing serves three uses: the intake (tap where it hurts: every region is its own element
with an id, a ``data-region``, a ``data-side`` and a spoken name), a muscle's referral pattern
(primary zones solid, spillover zones hatched, so the difference does not rest on colour), and
the person's own pain map (red, stronger with a higher score, the score written on the shape).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from unknot.knowledge import KnowledgeBase, load_knowledge
from unknot.knowledge.models import Region, View
from unknot.pictures import figure
from unknot.pictures.figure import HEIGHT, ViewName
from unknot.pictures.svg import Shape, num, text

RegionSide = tuple[str, str]
ReferralKindName = Literal["primary", "spillover"]

PAIRED_SIDES = ("left", "right")
SKIN = "#f6ece4"
INK = "#5a514b"
PAIN_RGB = "#d7261e"
PRIMARY = "#b0306a"
SPILLOVER = "#e08a2c"


def regions_in_view(view: ViewName, kb: KnowledgeBase | None = None) -> list[Region]:
    """The regions drawn on this view, in the knowledge base's order (``kb``, or the packaged
    one).

    A region is drawn on every view its ``views`` name; a region named only for the side view
    (side of the hip, outer thigh) is drawn on the front view, at the outer edge of the figure.
    """
    kb = kb or load_knowledge()
    wanted = View(view)
    shown: list[Region] = []
    for region in kb.regions.values():
        views = set(region.views)
        if wanted in views or (views == {View.side} and view == "front"):
            shown.append(region)
    return shown


def drawn_sides(region: Region) -> list[str]:
    """The separate shapes a region gets: ``left`` and ``right``, ``center``, or all three."""
    sides = [s for s in PAIRED_SIDES if s in region.sides or "both" in region.sides]
    if "center" in region.sides:
        sides.append("center")
    return sides


def region_shape(view: ViewName, region_id: str, side: str) -> Shape:
    if side == "center":
        return figure.CENTRE[view][region_id]
    return figure.pair_shape(view, region_id, side)


def _sides_meant(region: Region, side: str) -> set[str]:
    """Which drawn shapes a (region, side) answer covers."""
    drawn = set(drawn_sides(region))
    if side == "both":
        meant = {"left", "right"}
    elif side == "center":
        meant = {"center"} if "center" in drawn else {"left", "right"}
    else:
        meant = {side} if side in drawn else {"center"}
    return meant & drawn


def spoken_name(region: Region, side: str) -> str:
    return region.name if side == "center" else f"{region.name}, {side}"


def defs(prefix: str) -> str:
    """Patterns for referral zones: primary solid with fine dots, spillover hatched."""
    return (
        "<defs>"
        f'<pattern id="{prefix}-primary" width="4" height="4" patternUnits="userSpaceOnUse">'
        f'<rect width="4" height="4" fill="{PRIMARY}" fill-opacity="0.55"/>'
        f'<circle cx="2" cy="2" r="0.8" fill="{PRIMARY}"/></pattern>'
        f'<pattern id="{prefix}-spillover" width="5" height="5" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)">'
        f'<rect width="5" height="5" fill="{SPILLOVER}" fill-opacity="0.15"/>'
        f'<line x1="0" y1="0" x2="0" y2="5" stroke="{SPILLOVER}" stroke-width="2"/></pattern>'
        "</defs>"
    )


def pain_opacity(intensity: int) -> float:
    return 0.15 + 0.075 * max(0, min(10, intensity))


def _legend(y: float, prefix: str, *, pain: bool, referral: bool) -> tuple[str, float]:
    """The legend rows under the figure and the height they take."""
    rows: list[str] = []
    font = 'font-size="9" fill="#3c3531" font-family="sans-serif"'
    row_y = y
    if referral:
        for kind, words in (
            ("primary", "main zone: where the pain is usually felt"),
            ("spillover", "spillover: where it can also be felt"),
        ):
            rows.append(
                f'<rect x="8" y="{num(row_y)}" width="14" height="10" fill="url(#{prefix}-{kind})"'
                f' stroke="{INK}" stroke-width="0.6"/>'
                f'<text x="27" y="{num(row_y + 8)}" {font}>{text(words)}</text>'
            )
            row_y += 14
    if pain:
        for i, score in enumerate((2, 5, 8, 10)):
            rows.append(
                f'<rect x="{8 + 16 * i}" y="{num(row_y)}" width="14" height="10" fill="{PAIN_RGB}"'
                f' fill-opacity="{pain_opacity(score):.2f}" stroke="{INK}" stroke-width="0.6"/>'
            )
        rows.append(f'<text x="74" y="{num(row_y + 8)}" {font}>pain 0-10: darker is worse</text>')
        row_y += 14
    if not rows:
        return "", 0
    return '<g class="legend">' + "".join(rows) + "</g>", row_y - y + 4


def body_map(
    view: ViewName,
    *,
    pain: Mapping[RegionSide, int] | None = None,
    referral: Mapping[str, ReferralKindName] | None = None,
    title: str,
    description: str | None = None,
    legend: bool = True,
    ids: str = "",
    kb: KnowledgeBase | None = None,
) -> str:
    """A standalone SVG body map of one view, with pain and referral zones shaded when given.

    ``pain`` maps (region, side) to a 0-10 score; side ``both`` shades left and right.
    ``referral`` maps a region to ``primary`` or ``spillover`` (all its shapes are shaded).
    ``legend=False`` leaves out the key under the figure, for a page that says it in words
    (drawn small, its letters would be too small to read). ``ids`` starts every id in the
    picture, so several can share a page; ``kb`` is the knowledge base (the packaged one if
    None).
    """
    kb = kb or load_knowledge()
    lead = f"{ids}-" if ids else ""
    body, height = body_map_parts(
        view, pain=pain or {}, referral=referral or {}, prefix=f"{lead}{view}", legend=legend,
        ids=ids, kb=kb,
    )  # fmt: skip
    words = description or describe(view, pain or {}, referral or {}, kb.regions)
    own = f"{lead}{view}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 {num(height)}"'
        f' width="200" height="{num(height)}" role="img" aria-labelledby="{own}-t {own}-d"'
        f' class="body-map body-map-{view}">'
        f'<title id="{own}-t">{text(title)}</title><desc id="{own}-d">{text(words)}</desc>'
        f"{body}</svg>"
    )


def body_map_parts(
    view: ViewName,
    *,
    pain: Mapping[RegionSide, int],
    referral: Mapping[str, ReferralKindName],
    prefix: str,
    legend: bool = True,
    ids: str = "",
    kb: KnowledgeBase | None = None,
) -> tuple[str, float]:
    """The inside of a body map (defs, outline, regions, legend) and its height. ``prefix``
    starts the patterns' ids, ``ids`` the regions'."""
    kb = kb or load_knowledge()
    lead = f"{ids}-" if ids else ""
    shaded: dict[tuple[str, str], int] = {}
    for (region_id, side), marked in pain.items():
        region = kb.regions.get(region_id)
        if region is None:
            raise ValueError(f"unknown region: {region_id}")
        for drawn in _sides_meant(region, side):
            shaded[(region_id, drawn)] = max(marked, shaded.get((region_id, drawn), 0))
    for region_id in referral:
        if region_id not in kb.regions:
            raise ValueError(f"unknown region: {region_id}")

    parts = [
        defs(prefix),
        f'<path class="outline" d="{figure.outline_d()}" fill="{SKIN}" stroke="{INK}"'
        ' stroke-width="1.4" stroke-linejoin="round"/>',
        figure.details(view),
    ]
    regions: list[str] = []
    overlays: list[str] = []
    for region in regions_in_view(view, kb):
        kind = referral.get(region.id)
        for side in drawn_sides(region):
            shape = region_shape(view, region.id, side)
            classes = ["region"]
            fill = f'fill="{PAIN_RGB}" fill-opacity="0"'
            if kind is not None:
                classes.append(f"referral-{kind}")
                fill = f'fill="url(#{prefix}-{kind})"'
            score = shaded.get((region.id, side))
            extra = ""
            if score is not None:
                classes.append("pain")
                extra = f' data-pain="{score}"'
            attrs = (
                f'id="{lead}region-{region.id}-{side}" class="{" ".join(classes)}"'
                f' data-region="{region.id}" data-side="{side}"{extra} {fill}'
                ' stroke="#a89a90" stroke-width="0.6" stroke-dasharray="2 1.5"'
            )
            label = spoken_name(region, side)
            if score is not None:
                label += f": pain {score} out of 10"
            if kind is not None:
                label += f" ({'main zone' if kind == 'primary' else 'spillover zone'})"
            regions.append(shape.element(attrs, f"<title>{text(label)}</title>"))
            if score is not None:
                overlays.append(
                    shape.element(
                        f'class="pain-shade" fill="{PAIN_RGB}"'
                        f' fill-opacity="{pain_opacity(score):.2f}" pointer-events="none"'
                    )
                )
                cx, cy = shape.centre
                overlays.append(
                    f'<text class="pain-score" x="{num(cx)}" y="{num(cy + 3)}" font-size="8"'
                    ' font-weight="bold" text-anchor="middle" fill="#fff" stroke="#7a1410"'
                    ' stroke-width="1.6" paint-order="stroke" font-family="sans-serif"'
                    f' pointer-events="none">{score}</text>'
                )
    parts.append('<g class="regions">' + "".join(regions) + "</g>")
    if overlays:
        parts.append('<g class="overlays">' + "".join(overlays) + "</g>")
    parts.append(figure.side_labels(view))
    caption = "seen from the front" if view == "front" else "seen from behind"
    parts.append(
        f'<text x="100" y="{num(HEIGHT + 7)}" font-size="9" text-anchor="middle" fill="{INK}"'
        f' font-family="sans-serif">{caption}</text>'
    )
    key, extra_height = _legend(HEIGHT + 14, prefix, pain=bool(shaded), referral=bool(referral))
    if not legend:
        key, extra_height = "", 0
    parts.append(key)
    return "".join(parts), HEIGHT + 12 + extra_height


def describe(
    view: ViewName,
    pain: Mapping[RegionSide, int],
    referral: Mapping[str, ReferralKindName],
    regions: Mapping[str, Region],
) -> str:
    """The picture in words, for screen readers and anyone who cannot see the shading."""
    words = [
        f"Outline of a standing person seen from the {'front' if view == 'front' else 'back'},"
        " with the body areas you can mark."
    ]
    if pain:
        marks = [
            f"{regions[r].name}{'' if s == 'center' else ', ' + s}: {score} out of 10"
            for (r, s), score in pain.items()
        ]
        words.append("Pain marked: " + "; ".join(marks) + ".")
    if referral:
        main = [regions[r].name for r, k in referral.items() if k == "primary"]
        spill = [regions[r].name for r, k in referral.items() if k == "spillover"]
        if main:
            words.append("Main zones (solid): " + ", ".join(main) + ".")
        if spill:
            words.append("Spillover zones (hatched): " + ", ".join(spill) + ".")
    return " ".join(words)
