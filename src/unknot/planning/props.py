"""Fit a technique's props to what the person owns, with honest substitutions."""

from __future__ import annotations

from dataclasses import dataclass

from unknot.knowledge import KnowledgeBase, technique_excluded_by
from unknot.knowledge.models import Fit
from unknot.knowledge.technique import PropNeed, Technique


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


def refusal(
    tech: Technique, prop: str, conditions: frozenset[str], kb: KnowledgeBase
) -> str | None:
    """Why ``prop`` may not be the tool that presses in ``tech`` for this person, or None.

    The same property rules as screening (knowledge/exclusion.py), judged on this prop's own
    firmness, so a firmer stand-in cannot bring back a pressure a condition rules out; and
    belly work only with the props ``no_belly_pressure_with`` allows.
    """
    firmness = kb.props[prop].firmness
    name = kb.props[prop].name
    if tech.abdominal_pressure and firmness in kb.planning.no_belly_pressure_with:
        return f"{name}: too firm for the belly, where unknot plans only soft props or the hands"
    for condition_id in sorted(conditions):
        condition = kb.conditions[condition_id]
        if technique_excluded_by(tech, condition, kb.props, firmness):
            return f"{name}: {condition.reason or condition.short}"
    return None


def _fit_need(
    tech: Technique,
    need: PropNeed,
    owned: frozenset[str],
    conditions: frozenset[str],
    kb: KnowledgeBase,
) -> tuple[PropUse | None, list[str]]:
    """The prop for one need, and the owned props refused for it (with why).

    Only what the person owns directly fills an optional need: a stand-in for something that is
    merely nice to have (a strap for later, a towel under the knee) is noise, not help. A need
    with ``stand_ins: false`` takes only its own props.
    """
    preferred = need.any_of[0]
    refused: list[str] = []

    def allowed(prop: str) -> bool:
        reason = refusal(tech, prop, conditions, kb) if need.presses else None
        if reason is not None and reason not in refused:
            refused.append(reason)
        return reason is None

    for prop in need.any_of:
        if prop in owned and allowed(prop):
            if prop == preferred:
                return PropUse(prop), refused
            # an accepted alternative: still say what it stands in for, and how it differs
            sub = next((s for s in kb.props[preferred].substitutes if s.prop == prop), None)
            if sub is None:
                return PropUse(prop), refused
            note = f"{kb.props[prop].name} instead of {kb.props[preferred].name}: {sub.note}"
            return PropUse(prop, preferred, note), refused
    if need.optional or not need.stand_ins:
        return None, refused
    for wanted in need.any_of:
        for sub in kb.props[wanted].substitutes:
            if sub.prop not in owned:
                continue
            if sub.fit is Fit.unsuitable:
                reason = f"{kb.props[sub.prop].name}: {sub.note}"
                if reason not in refused:
                    refused.append(reason)
                continue
            if not allowed(sub.prop):
                continue
            note = f"{kb.props[sub.prop].name} instead of {kb.props[wanted].name}: {sub.note}"
            return PropUse(sub.prop, wanted, note), refused
    return None, refused


def fit_props(
    tech: Technique, owned: frozenset[str], conditions: frozenset[str], kb: KnowledgeBase
) -> PropFit:
    """Match every prop need of ``tech`` to ``owned`` props.

    Edge cases: a need satisfied by none of its props and no fitting stand-in makes the
    technique unavailable unless the need is optional, in which case it is simply skipped; a
    prop already used for one need is not offered for the next (no "towel, towel");
    an owned stand-in marked ``unsuitable`` (pillows for a bolster) is never used, and its
    reason is returned so the person learns why; the prop that presses, whether asked for or
    standing in, is refused when its own firmness is ruled out by one of ``conditions`` at
    the places the technique presses, or too firm for the belly (see ``refusal``).
    """
    uses: list[PropUse] = []
    unsuitable: list[str] = []
    for need in tech.props:
        free = owned - {u.prop for u in uses}  # one thing cannot do two jobs at once
        use, rejected = _fit_need(tech, need, free, conditions, kb)
        unsuitable.extend(rejected)
        if use is not None:
            uses.append(use)
        elif not need.optional:
            wanted = " or ".join(kb.props[p].name for p in need.any_of)
            return PropFit((), f"needs {wanted}", tuple(unsuitable))
    return PropFit(tuple(uses), None, tuple(unsuitable))
