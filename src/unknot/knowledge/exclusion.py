"""Which techniques a condition rules out, read from what each technique does.

One place decides it for the screening (what a condition rules out whatever the props) and for
the planner (whether the prop it is about to use is allowed). Nothing here reads a tag: every
check is on a property the technique must state (its position, where it presses, which joints
it takes to their extremes) or on the firmness of the tool that really presses, so an entry
that forgets a tag cannot slip past, and a firmer stand-in cannot either.
"""

from __future__ import annotations

from collections.abc import Mapping

from unknot.knowledge.models import BELLY_SITES, Condition, Exclusion, Fit, Hardness, Prop
from unknot.knowledge.technique import PropNeed, Technique

HARDNESS_ORDER = list(Hardness)


def pressing_need(tech: Technique) -> PropNeed | None:
    """The prop need whose prop presses into the body, if the technique has one."""
    return next((need for need in tech.props if need.presses), None)


def pressing_options(tech: Technique, props: Mapping[str, Prop]) -> list[str]:
    """Every prop that could do the pressing: the ones asked for and their honest stand-ins."""
    need = pressing_need(tech)
    if need is None:
        return []
    options = list(need.any_of)
    for wanted in need.any_of:
        for sub in props[wanted].substitutes:
            if sub.fit is not Fit.unsuitable and sub.prop not in options:
                options.append(sub.prop)
    return options


def softest_pressing(tech: Technique, props: Mapping[str, Prop]) -> Hardness:
    """The gentlest tool the technique could press with: its hands, or its softest option."""
    options = pressing_options(tech, props)
    if not options:
        return tech.tool_hardness
    return min((props[p].firmness for p in options), key=HARDNESS_ORDER.index)


def rule_excludes(rule: Exclusion, tech: Technique, hardness: Hardness) -> bool:
    """True when ``rule`` rules ``tech`` out, pressing with a tool of ``hardness``."""
    sites = set(tech.pressure_on)
    pressed = bool(sites) and any(
        hardness in p.hardness and (not p.sites or sites & set(p.sites)) for p in rule.pressing
    )
    return (
        rule.all_techniques
        or pressed
        or (rule.abdominal_pressure is True and bool(sites & set(BELLY_SITES)))
        or (rule.prone is True and tech.position.is_prone)
        or (rule.flat_on_back is True and tech.flat_on_back)
        or tech.intensity in rule.intensity
        or any(move in rule.end_range for move in tech.end_range)
    )


def technique_excluded_by(
    tech: Technique,
    condition: Condition,
    props: Mapping[str, Prop],
    hardness: Hardness | None = None,
) -> bool:
    """True when ``condition`` rules ``tech`` out.

    With ``hardness`` (the firmness of the tool actually pressing) the answer is for that
    tool; without it, for the gentlest tool the technique could use, which is what screening
    lists as ruled out whatever the person owns. The planner asks again with the prop it picks.
    """
    if condition.id in tech.ruled_out_by:
        return True
    if condition.excludes is None:
        return False
    used = softest_pressing(tech, props) if hardness is None else hardness
    return rule_excludes(condition.excludes, tech, used)


def derive_ruled_out(
    techniques: Mapping[str, Technique],
    conditions: Mapping[str, Condition],
    props: Mapping[str, Prop],
) -> dict[str, tuple[str, ...]]:
    """For each technique, the conditions that rule it out whatever props are used."""
    return {
        tech.id: tuple(c.id for c in conditions.values() if technique_excluded_by(tech, c, props))
        for tech in techniques.values()
    }
