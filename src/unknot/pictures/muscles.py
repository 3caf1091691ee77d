"""Where a muscle is: the muscle drawn on the figure with its attachments, and its referral map.

``muscle_picture`` draws the psoas, the iliacus and the QL (quadratus lumborum) on both sides
of the figure, with the lumbar vertebrae, the lower edge of the ribcage, the pelvis and the top
of the thigh bone drawn lightly for orientation, and each attachment marked with a dot and a
short label taken from the muscle's ``attachments`` in the knowledge base. Any other muscle
falls back to its referral map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unknot.knowledge import KnowledgeBase, load_knowledge
from unknot.knowledge.models import Muscle
from unknot.pictures import figure
from unknot.pictures.bodymap import INK, SKIN, ReferralKindName, body_map
from unknot.pictures.figure import HEIGHT, ViewName
from unknot.pictures.svg import Point, Shape, num, poly, text

TARGET = "#c0392b"
BONE = "#b9aea6"


@dataclass(frozen=True)
class Attachment:
    index: int  # which of the muscle's ``attachments`` this dot stands for
    phrase: str  # the words of that attachment shown beside the dot
    at: Point  # the dot, on the viewer's right half
    label_at: Point  # where the label starts (text runs right from here)


@dataclass(frozen=True)
class MusclePlan:
    view: ViewName
    shape: Shape  # on the viewer's right half; mirrored for the other side
    attachments: tuple[Attachment, ...]


PLANS: dict[str, MusclePlan] = {
    "psoas_major": MusclePlan(
        view="front",
        shape=poly(
            (104, 131),
            (109, 130),
            (114, 150),
            (118, 172),
            (121, 192),
            (126, 208),
            (128, 222),
            (124, 225),
            (119, 210),
            (112, 194),
            (107, 172),
            (104, 150),
            smooth=True,
        ),
        attachments=(
            Attachment(0, "T12 to L5", (107, 134), (150, 120)),
            Attachment(1, "lesser trochanter", (125, 223), (150, 246)),
        ),
    ),
    "iliacus": MusclePlan(
        view="front",
        shape=poly(
            (110, 180),
            (118, 170),
            (129, 166),
            (134, 172),
            (131, 186),
            (127, 204),
            (127, 222),
            (123, 222),
            (118, 204),
            (111, 192),
            smooth=True,
        ),
        attachments=(
            Attachment(0, "pelvic bowl", (126, 175), (146, 152)),
            Attachment(1, "lesser trochanter", (125, 223), (150, 246)),
        ),
    ),
    "quadratus_lumborum": MusclePlan(
        view="back",
        shape=poly(
            (106, 146),
            (122, 143),
            (128, 148),
            (131, 164),
            (128, 168),
            (119, 170),
            (111, 175),
            (106, 171),
        ),
        attachments=(
            Attachment(0, "lowest (12th) rib", (120, 144), (146, 124)),
            Attachment(1, "L1 to L4", (107, 156), (146, 146)),
            Attachment(2, "iliac crest", (124, 169), (146, 188)),
        ),
    ),
}


def _skeleton(view: ViewName) -> str:
    """Lumbar vertebrae, lower edge of the ribcage, pelvis and top of the thigh bones."""
    line = f'fill="none" stroke="{BONE}" stroke-width="1.1" stroke-linecap="round"'
    parts = [f'<g class="skeleton" {line}>']
    # T12 and L1-L5, the lumbar ones bigger
    tops = [(128, 6, "T12")] + [(136 + 9 * i, 7.5, f"L{i + 1}") for i in range(5)]
    for y, h, name in tops:
        half = 5 if name == "T12" else 6.5
        parts.append(
            f'<rect x="{num(100 - half)}" y="{y}" width="{num(2 * half)}" height="{h}" rx="1.5"'
            f' fill="#ece4dd"><title>{name}</title></rect>'
        )
    if view == "front":
        # lower edge of the ribcage (costal margin), from the breastbone out and down
        lines = [
            "M0,112 Q12,124 20,136 Q26,146 32,148",
            # pelvis bowl: sacrum, iliac crest, front of the hip bone, hip socket, pubic bone
            "M7,184 Q14,168 30,166 Q36,170 32,182 Q26,194 22,204 Q14,210 2,210",
            # pelvic brim (inner edge of the bowl)
            "M7,186 Q16,194 12,204",
            # thigh bone: neck, shaft, lesser trochanter knob
            "M21,208 L33,212 M32,212 L31,228 L19,306 M25,218 L25,226",
        ]
        heads: list[Point] = [(19.0, 206.0)]
    else:
        parts.append('<path d="M91,181 L109,181 L100,206 Z"/>')
        lines = [
            "M0,136 Q14,136 24,142 Q30,146 32,150",
            "M9,181 Q16,172 30,169 Q36,176 35,190 Q30,200 22,204",
            "M33,212 L31,228 L19,306",
        ]
        heads = []
    for sign in (1, -1):
        parts.extend(f'<path d="{_sided(d, sign)}"/>' for d in lines)
        parts.extend(f'<circle cx="{_at(sign, hx)}" cy="{num(hy)}" r="4"/>' for hx, hy in heads)
    parts.append("</g>")
    return "".join(parts)


def _at(sign: int, offset: float) -> str:
    """An x coordinate ``offset`` from the midline, on the side ``sign`` (+1 viewer's right)."""
    return num(100 + sign * offset)


def _sided(d: str, sign: int) -> str:
    """A path written as offsets from the midline (x) placed on one side (+1 viewer's right)."""
    return _PAIR.sub(lambda m: f"{_at(sign, float(m[1]))},{m[2]}", d)


_PAIR = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")


def _phrase(muscle: Muscle, att: Attachment) -> str:
    """The label: the attachment's own words when they contain the phrase, else its start."""
    source = muscle.attachments[att.index]
    if att.phrase.lower() in source.lower():
        return att.phrase
    body = source.split(":", 1)[-1].strip()
    return " ".join(body.split()[:4])


def muscle_picture(muscle_id: str, *, ids: str = "", kb: KnowledgeBase | None = None) -> str:
    """An SVG of where the muscle is, with its attachments; others: their referral map.
    ``ids`` starts every id in the picture; ``kb`` is the knowledge base (None: the packaged
    one)."""
    kb = kb or load_knowledge()
    muscle = kb.muscles.get(muscle_id)
    if muscle is None:
        raise ValueError(f"unknown muscle: {muscle_id}")
    plan = PLANS.get(muscle_id)
    if plan is None:
        seen: ViewName = "back" if _mostly_back(muscle, kb) else "front"
        return referral_picture(muscle_id, seen, ids=ids, kb=kb)
    uid = f"{ids}-m-{muscle_id}" if ids else f"m-{muscle_id}"
    view = plan.view
    title = f"Where the {muscle.name} is"
    desc = (
        f"{muscle.description} Drawn on a standing person seen from the "
        f"{'front' if view == 'front' else 'back'}, on both sides, with the spine, ribs and "
        "pelvis drawn lightly. Attachments: " + " ".join(muscle.attachments)
    )
    target = f'fill="{TARGET}" fill-opacity="0.75" stroke="#7a1d14" stroke-width="0.8"'
    right_side = "left" if figure.side_on_viewer_right(view, "left") else "right"
    other_side = "right" if right_side == "left" else "left"
    shapes = [
        shape.element(
            f'class="target" data-muscle="{muscle_id}" data-side="{side}" {target}',
            f"<title>{text(muscle.name)}, {side}</title>",
        )
        for side, shape in ((right_side, plan.shape), (other_side, plan.shape.mirrored()))
    ]
    font = 'font-size="8.5" fill="#3c3531" font-family="sans-serif"'
    marks: list[str] = []
    for att in plan.attachments:
        label = _phrase(muscle, att)
        (dx, dy), (lx, ly) = att.at, att.label_at
        marks.append(
            f'<g class="attachment"><title>{text(muscle.attachments[att.index])}</title>'
            f'<line x1="{num(dx)}" y1="{num(dy)}" x2="{num(lx - 2)}" y2="{num(ly - 3)}"'
            f' stroke="{INK}" stroke-width="0.6"/>'
            f'<circle cx="{num(dx)}" cy="{num(dy)}" r="2.4" fill="#fff" stroke="#222"'
            ' stroke-width="1.2"/>'
            f'<text class="attachment-label" x="{num(lx)}" y="{num(ly)}" {font}'
            f' stroke="#fff" stroke-width="2.5" paint-order="stroke">{text(label)}</text></g>'
        )
    side_word = "front" if view == "front" else "behind"
    width = 260
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-10 0 {width} {num(HEIGHT + 12)}"'
        f' width="{width}" height="{num(HEIGHT + 12)}" role="img"'
        f' aria-labelledby="{uid}-t {uid}-d" class="muscle-picture">'
        f'<title id="{uid}-t">{text(title)}</title>'
        f'<desc id="{uid}-d">{text(desc)}</desc>'
        f'<path class="outline" d="{figure.outline_d()}" fill="{SKIN}" stroke="{INK}"'
        ' stroke-width="1.4" stroke-linejoin="round" opacity="0.9"/>'
        f"{figure.details(view)}{_skeleton(view)}"
        f'<g class="muscle">{"".join(shapes)}</g>'
        f'<g class="attachments">{"".join(marks)}</g>'
        f"{figure.side_labels(view)}"
        f'<text x="100" y="{num(HEIGHT + 7)}" font-size="9" text-anchor="middle" fill="{INK}"'
        f' font-family="sans-serif">{text(muscle.name)}, seen from {side_word}</text>'
        "</svg>"
    )


def _mostly_back(muscle: Muscle, kb: KnowledgeBase) -> bool:
    """Whether the muscle's main zones are mostly on the back view (to pick a view)."""
    back = front = 0
    for ref in muscle.referral:
        views = {v.value for v in kb.regions[ref.region].views}
        back += "back" in views
        front += "front" in views
    return back >= front


def referral_picture(
    muscle_id: str, view: ViewName, *, ids: str = "", kb: KnowledgeBase | None = None
) -> str:
    """The body map with the muscle's primary and spillover zones (``ids`` and ``kb`` as for
    ``body_map``)."""
    kb = kb or load_knowledge()
    muscle = kb.muscles.get(muscle_id)
    if muscle is None:
        raise ValueError(f"unknown muscle: {muscle_id}")
    zones: dict[str, ReferralKindName] = {
        ref.region: "primary" if ref.kind.value == "primary" else "spillover"
        for ref in muscle.referral
    }
    title = f"Where pain from the {muscle.name} is felt ({'front' if view == 'front' else 'back'})"
    words = [
        f"Pain from the {muscle.name}, seen from the {'front' if view == 'front' else 'back'}."
    ]
    main = [kb.regions[r].name for r, k in zones.items() if k == "primary"]
    spill = [kb.regions[r].name for r, k in zones.items() if k == "spillover"]
    if main:
        words.append("Main zones (solid): " + ", ".join(main) + ".")
    if spill:
        words.append("Spillover zones (hatched): " + ", ".join(spill) + ".")
    if muscle.referral_note:
        words.append(muscle.referral_note)
    return body_map(view, referral=zones, title=title, description=" ".join(words), ids=ids, kb=kb)


__all__ = ["PLANS", "muscle_picture", "referral_picture"]
