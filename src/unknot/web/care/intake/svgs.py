"""The core's pictures, made safe to put many on one page.

Each picture from ``unknot.pictures`` is a standalone SVG whose ids (``front-t``,
``region-knee-left``, ``back-primary``) repeat from one picture to the next. ``unique_ids`` prefixes
every id and every reference to one (``url(#…)``, ``href="#…"``, ``aria-labelledby``), so two body
maps on one page keep their own titles and patterns. The result is marked safe for templates: it
is the core's own output, whose text is already escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django.utils.safestring import SafeString, mark_safe

from unknot.pictures import body_map, muscle_picture, referral_picture, technique_picture
from unknot.pictures.figure import ViewName
from unknot.pictures.intake_map import intake_map as intake_map_svg

_ID = re.compile(r'\bid="([^"]+)"')
_ARIA = re.compile(r'\b(aria-labelledby|aria-describedby)="([^"]+)"')


def unique_ids(svg: str, prefix: str) -> SafeString:
    ids = set(_ID.findall(svg))
    if not ids:
        return mark_safe(svg)  # noqa: S308 (the core's own escaped SVG)

    def rename(value: str) -> str:
        return f"{prefix}-{value}" if value in ids else value

    out = _ID.sub(lambda m: f'id="{rename(m.group(1))}"', svg)
    out = _ARIA.sub(
        lambda m: f'{m.group(1)}="{" ".join(rename(v) for v in m.group(2).split())}"', out
    )
    out = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{rename(m.group(1))})", out)
    out = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{rename(m.group(1))}"', out)
    return mark_safe(out)  # noqa: S308 (the core's own escaped SVG)


def pain_of(spots: Iterable[Mapping[str, object]]) -> dict[tuple[str, str], int]:
    """An intake's pain list as the body map's ``(region, side) -> score``."""
    pain: dict[tuple[str, str], int] = {}
    for spot in spots:
        key = (str(spot["region"]), str(spot["side"]))
        score = spot["intensity"]
        if isinstance(score, int):
            pain[key] = max(score, pain.get(key, 0))
    return pain


def own_map(
    view: ViewName,
    pain: Mapping[tuple[str, str], int],
    prefix: str,
    title: str,
    legend: bool = True,
) -> SafeString:
    return unique_ids(body_map(view, pain=pain, title=title, legend=legend), prefix)


def intake_map(view: ViewName, pain: Mapping[tuple[str, str], int], prefix: str) -> SafeString:
    """The intake's body map of one view, whose ids already carry ``prefix``."""
    title = "Your back" if view == "back" else "Your front"
    svg = intake_map_svg(view, pain=pain, title=title, prefix=prefix)
    return mark_safe(svg)  # noqa: S308 (the core's own escaped SVG)


def referral(muscle_id: str, view: ViewName, prefix: str) -> SafeString:
    return unique_ids(referral_picture(muscle_id, view), prefix)


def where_is(muscle_id: str, prefix: str) -> SafeString:
    return unique_ids(muscle_picture(muscle_id), prefix)


def technique(technique_id: str, side: str | None, prefix: str) -> SafeString:
    shown = side if side in ("left", "right") else None
    return unique_ids(technique_picture(technique_id, shown), prefix)  # type: ignore[arg-type]
