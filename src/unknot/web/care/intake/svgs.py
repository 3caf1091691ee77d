"""The core's pictures, drawn once and kept, and safe to put many on one page.

Each picture from ``unknot.pictures`` is a pure function of its inputs: the knowledge base, what
it shows, and ``ids``, which starts every id in it (``own-front-front-t``, ``m0r-region-…``), so
two body maps on one page keep their own titles and patterns. A picture is drawn the first time
it is asked for and kept, by the knowledge base's version and every argument, for as long as the
process lives (a few hundred pictures at most: the muscles, the techniques and their sides, the
pain maps people draw). The result is marked safe for templates: it is the core's own output,
whose text is already escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe

from unknot.knowledge import KnowledgeBase
from unknot.pictures import body_map, muscle_picture, referral_picture, technique_picture
from unknot.pictures.figure import ViewName
from unknot.pictures.intake_map import intake_map as intake_map_svg
from unknot.web.care import services

KEPT = 2048  # pictures kept per kind, the least recently shown dropped first


class _Drawn:
    """Pictures of one kind, by the knowledge base's version and the arguments. The knowledge
    base itself is not hashable; its version names it (``KnowledgeBase.version``)."""

    def __init__(self, draw: Callable[..., str]) -> None:
        self.draw = draw
        self.kb_of: dict[str, KnowledgeBase] = {}

        @lru_cache(maxsize=KEPT)
        def kept(version: str, *args: object) -> SafeString:
            svg = self.draw(self.kb_of[version], *args)
            return mark_safe(svg)  # noqa: S308 (the core's own escaped SVG)

        self.kept = kept

    def __call__(self, kb: KnowledgeBase, *args: object) -> SafeString:
        self.kb_of.setdefault(kb.version, kb)
        return self.kept(kb.version, *args)


def _own_map(
    kb: KnowledgeBase, view: ViewName, pain: tuple[tuple[tuple[str, str], int], ...], ids: str,
    title: str, legend: bool,
) -> str:  # fmt: skip
    return body_map(view, pain=dict(pain), title=title, legend=legend, ids=ids, kb=kb)


def _intake_map(
    kb: KnowledgeBase, view: ViewName, pain: tuple[tuple[tuple[str, str], int], ...], ids: str
) -> str:
    title = "Your back" if view == "back" else "Your front"
    return intake_map_svg(view, pain=dict(pain), title=title, prefix=ids, kb=kb)


def _referral(kb: KnowledgeBase, muscle_id: str, view: ViewName, ids: str) -> str:
    return referral_picture(muscle_id, view, ids=ids, kb=kb)


def _where_is(kb: KnowledgeBase, muscle_id: str, ids: str) -> str:
    return muscle_picture(muscle_id, ids=ids, kb=kb)


def _technique(kb: KnowledgeBase, technique_id: str, side: str | None, ids: str) -> str:
    return technique_picture(technique_id, side, ids=ids, kb=kb)  # type: ignore[arg-type]


OWN_MAPS = _Drawn(_own_map)
INTAKE_MAPS = _Drawn(_intake_map)
REFERRALS = _Drawn(_referral)
WHERE_IS = _Drawn(_where_is)
TECHNIQUES = _Drawn(_technique)


def pain_of(spots: Iterable[Mapping[str, object]]) -> dict[tuple[str, str], int]:
    """An intake's pain list as the body map's ``(region, side) -> score``."""
    pain: dict[tuple[str, str], int] = {}
    for spot in spots:
        key = (str(spot["region"]), str(spot["side"]))
        score = spot["intensity"]
        if isinstance(score, int):
            pain[key] = max(score, pain.get(key, 0))
    return pain


def _frozen(pain: Mapping[tuple[str, str], int]) -> tuple[tuple[tuple[str, str], int], ...]:
    return tuple(sorted(pain.items()))


def own_map(
    view: ViewName,
    pain: Mapping[tuple[str, str], int],
    prefix: str,
    title: str,
    legend: bool = True,
) -> SafeString:
    return OWN_MAPS(services.kb(), view, _frozen(pain), prefix, title, legend)


def intake_map(view: ViewName, pain: Mapping[tuple[str, str], int], prefix: str) -> SafeString:
    """The intake's body map of one view, whose ids carry ``prefix``."""
    return INTAKE_MAPS(services.kb(), view, _frozen(pain), prefix)


def referral(muscle_id: str, view: ViewName, prefix: str) -> SafeString:
    return REFERRALS(services.kb(), muscle_id, view, prefix)


def where_is(muscle_id: str, prefix: str) -> SafeString:
    return WHERE_IS(services.kb(), muscle_id, prefix)


def technique(technique_id: str, side: str | None, prefix: str) -> SafeString:
    shown = side if side in ("left", "right") else None
    return TECHNIQUES(services.kb(), technique_id, shown, prefix)
