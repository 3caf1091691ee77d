"""Fit a technique's props to what the person owns, with honest substitutions."""

from __future__ import annotations

from dataclasses import dataclass

from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import Fit, Hardness, PropNeed, Technique

_HARDNESS = list(Hardness)


@dataclass(frozen=True, slots=True)
class PropUse:
    """The prop used for one need: the one asked for, or a stand-in with a note."""

    prop: str
    instead_of: str | None = None
    note: str | None = None

    @property
    def is_substitute(self) -> bool:
        return self.instead_of is not None


@dataclass(frozen=True, slots=True)
class PropFit:
    """Either the props to use (``uses``) or why the technique cannot be done (``missing``)."""

    uses: tuple[PropUse, ...]
    missing: str | None = None
    unsuitable: tuple[str, ...] = ()  # owned stand-ins that would not do, with the reason

    @property
    def ok(self) -> bool:
        return self.missing is None


def _harder_than_all(prop: str, need: PropNeed, kb: KnowledgeBase) -> bool:
    rank = _HARDNESS.index(kb.props[prop].firmness)
    return all(rank > _HARDNESS.index(kb.props[p].firmness) for p in need.any_of)


def _hardness_ruled_out(prop: str, conditions: frozenset[str], kb: KnowledgeBase) -> bool:
    firmness = kb.props[prop].firmness
    return any(
        (rule := kb.conditions[c].excludes) is not None and firmness in rule.tool_hardness
        for c in conditions
    )


def _fit_need(
    need: PropNeed, owned: frozenset[str], conditions: frozenset[str], kb: KnowledgeBase
) -> tuple[PropUse | None, list[str]]:
    preferred = need.any_of[0]
    for prop in need.any_of:
        if prop in owned:
            if prop == preferred:
                return PropUse(prop), []
            # an accepted alternative: still say what it stands in for, and how it differs
            sub = next((s for s in kb.props[preferred].substitutes if s.prop == prop), None)
            if sub is None:
                return PropUse(prop), []
            note = f"{kb.props[prop].name} instead of {kb.props[preferred].name}: {sub.note}"
            return PropUse(prop, preferred, note), []
    unsuitable: list[str] = []
    for wanted in need.any_of:
        for sub in kb.props[wanted].substitutes:
            if sub.prop not in owned:
                continue
            if sub.fit is Fit.unsuitable:
                unsuitable.append(f"{kb.props[sub.prop].name}: {sub.note}")
                continue
            # a harder stand-in must not bring back a pressure a condition rules out
            if _harder_than_all(sub.prop, need, kb) and _hardness_ruled_out(
                sub.prop, conditions, kb
            ):
                continue
            note = f"{kb.props[sub.prop].name} instead of {kb.props[wanted].name}: {sub.note}"
            return PropUse(sub.prop, wanted, note), unsuitable
    return None, unsuitable


def fit_props(
    tech: Technique, owned: frozenset[str], conditions: frozenset[str], kb: KnowledgeBase
) -> PropFit:
    """Match every prop need of ``tech`` to ``owned`` props.

    Edge cases: a need satisfied by none of its props and no fitting stand-in makes the
    technique unavailable unless the need is optional, in which case it is simply skipped;
    an owned stand-in marked ``unsuitable`` (pillows for a bolster) is never used, and its
    reason is returned so the person learns why; a stand-in harder than every prop the
    technique asks for is refused when one of the person's conditions rules that firmness out.
    """
    uses: list[PropUse] = []
    unsuitable: list[str] = []
    for need in tech.props:
        use, rejected = _fit_need(need, owned, conditions, kb)
        unsuitable.extend(rejected)
        if use is not None:
            uses.append(use)
        elif not need.optional:
            wanted = " or ".join(kb.props[p].name for p in need.any_of)
            return PropFit((), f"needs {wanted}", tuple(unsuitable))
    return PropFit(tuple(uses), None, tuple(unsuitable))
