"""What the planner could ever plan for a person, before every question is answered.

The web intake asks the belly-safety questions only of a person whose plan could hold belly
work. Leaving them out is always safe: without their answers (``abdominal_screen_answered``)
the planner plans no belly work at all. This only spares the questions where they cannot
matter, by the same tests the planner applies (``planner.blocked``, ``props.fit_props``).
"""

from __future__ import annotations

from unknot.clinical import Intake
from unknot.clinical.intake import active_conditions
from unknot.clinical.screening import exclusions
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.exclusion import pressing_need
from unknot.knowledge.models import Experience
from unknot.planning.props import fit_props

_EXPERIENCE = list(Experience)


def belly_work_possible(intake: Intake, kb: KnowledgeBase) -> bool:
    """Whether a technique that presses on the belly could be planned for ``intake`` once the
    belly-safety questions were answered: one that the person's conditions leave in, that
    needs the floor only if they can get down to it, that suits their experience, and whose
    pressing prop they own (or an honest stand-in) soft enough for the belly, or that uses the
    hands alone. The minutes are not considered: they can be changed on the plan's page."""
    active = active_conditions(intake, kb)
    excluded = exclusions(active, kb)
    owned = frozenset(intake.props)
    level = _EXPERIENCE.index(Experience(intake.experience))
    for tech in kb.techniques.values():
        if not tech.abdominal_pressure or tech.id in excluded:
            continue
        if (tech.floor and not intake.floor_ok) or _EXPERIENCE.index(tech.experience) > level:
            continue
        hands_only = pressing_need(tech) is None
        if hands_only and tech.tool_hardness in kb.planning.no_belly_pressure_with:
            continue
        if fit_props(tech, owned, active, kb).ok:
            return True
    return False
