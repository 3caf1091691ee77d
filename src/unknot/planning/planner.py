"""The routine planner: which techniques, in which order, for how long, and why.

``plan_routine`` turns an assessment into a routine that keeps these rules (each tested):
release -> stretch -> strengthen, with a breathing reset first when there is time; strengthening
in every routine of ``strengthen_from_minutes`` or more; the whole session within the minutes
(setting up, both sides, side switches and the closing step included: never over); only owned
props or honest stand-ins; both sides of every one-sided technique; nothing screening rules out,
nothing on the floor when the floor is not possible, and an upright version before one done lying
on a bed; one technique of a family per session unless nothing else fits; belly work only after
the belly-safety questions and never with a hard tool; the gentlest versions for newcomers; the
helper muscles (seed 001's tug-of-war) when time allows; and a daily cap on release.
"""

from __future__ import annotations

from dataclasses import dataclass

from unknot.clinical import Assessment, Intake
from unknot.clinical.intake import active_conditions, check_intake
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.exclusion import pressing_need
from unknot.knowledge.models import Experience, Intensity, Phase
from unknot.knowledge.technique import Technique
from unknot.planning.doses import technique_seconds
from unknot.planning.props import PropFit, PropUse, fit_props
from unknot.planning.routine import LeftOut, PlanItem, Routine

PHASE_ORDER = (Phase.breathe, Phase.release, Phase.stretch, Phase.strengthen)
_EXPERIENCE = {e: rank for rank, e in enumerate(Experience)}
_INTENSITY = {i: rank for rank, i in enumerate(Intensity)}
_PHASE_RANK = {p: rank for rank, p in enumerate(PHASE_ORDER)}


@dataclass(frozen=True, slots=True, eq=False)  # compared by identity: cheap and exact
class _Candidate:
    tech: Technique
    seconds: int
    props: tuple[PropUse, ...]
    relevance: float
    aim: _Focus | None  # the focus it serves best (None: it supports its first target)
    targets: frozenset[str]
    weight: float = 1.0  # below 1: done lying on a bed by someone who cannot get down
    gentle: int = 0  # how gentle: the number of intensities from it to the hardest, itself in


@dataclass(frozen=True, slots=True)
class _Fixed:
    """What the planner needs of a technique that depends on the knowledge base alone: worked
    out once per knowledge base (``_fixed``), not for every intake."""

    seconds: int
    targets: frozenset[str]
    hands_only: bool  # no prop presses: a belly tool is judged here, not when props are fitted
    experience: int
    gentle: int
    props: frozenset[str]  # every prop its needs name, and their stand-ins: all fit_props reads


_Fits = dict[tuple[object, ...], PropFit]
_FIXED: dict[int, tuple[KnowledgeBase, dict[str, _Fixed], _Fits]] = {}


def _fixed(kb: KnowledgeBase) -> tuple[dict[str, _Fixed], _Fits]:
    """Per technique, its ``_Fixed`` facts, and the props fitted so far (``_fit``), kept per
    knowledge base object (the object is kept with them, so its id cannot be taken by another
    while they are)."""
    kept = _FIXED.get(id(kb))
    if kept is not None and kept[0] is kb:
        return kept[1], kept[2]
    facts = {
        t.id: _Fixed(technique_seconds(t, kb.planning), frozenset(t.targets),
                     pressing_need(t) is None, _EXPERIENCE[t.experience],
                     len(_INTENSITY) - _INTENSITY[t.intensity], _props_read(t, kb))
        for t in kb.techniques.values()
    }  # fmt: skip
    if len(_FIXED) > 8:
        _FIXED.clear()
    fits: _Fits = {}
    _FIXED[id(kb)] = (kb, facts, fits)
    return facts, fits


@dataclass(frozen=True, slots=True)
class _Focus:
    """Why a muscle is worked: ranked itself, a helper of a ranked one, or the general focus."""

    relevance: float
    muscle: str
    helps: str | None = None  # the ranked muscle this one works with
    general: bool = False


def _minutes(intake: Intake, kb: KnowledgeBase) -> int:
    """The minutes asked for; parse_intake fills the default of intake.yaml when none is given."""
    return intake.minutes if intake.minutes is not None else kb.intake_limits.default_minutes


def _focus(assessment: Assessment, kb: KnowledgeBase) -> dict[str, _Focus]:
    """Muscle -> focus, from the ranking (or the general focus when nothing is ranked)."""
    focus = {m.id: _Focus(m.score, m.id) for m in assessment.muscles}
    if not focus:
        for muscle_id in kb.planning.general_focus:
            focus[muscle_id] = _Focus(kb.triage.min_score, muscle_id, general=True)
    share = kb.planning.synergist_share
    for ranked in assessment.muscles[:3]:
        muscle = kb.muscles[ranked.id]
        for helper in (*muscle.synergists, *muscle.antagonists):
            relevance = round(ranked.score * share, 3)
            if helper not in focus or focus[helper].relevance < relevance:
                focus[helper] = _Focus(relevance, helper, helps=ranked.id)
    return focus


def _why(focus: _Focus, phase: Phase, kb: KnowledgeBase) -> str:
    name = kb.muscles[focus.muscle].name
    if focus.general:
        return f"a gentle general start for the {name}: your answers point to no one muscle"
    if focus.helps is None:
        return f"your answers point to the {name} (fit {focus.relevance:.2f})"
    helped = kb.muscles[focus.helps].name
    if phase is Phase.release:
        return (
            f"the {name} works with your {helped}; releasing it too keeps one muscle from "
            "pulling harder when the other lets go"
        )
    return f"it works the {name}, which supports your {helped}"


def _props_read(tech: Technique, kb: KnowledgeBase) -> frozenset[str]:
    named = {p for need in tech.props for p in need.any_of}
    return frozenset(named | {s.prop for p in named for s in kb.props[p].substitutes})


def _fit(
    tech: Technique,
    fixed: _Fixed,
    owned: frozenset[str],
    conditions: frozenset[str],
    kb: KnowledgeBase,
    fits: _Fits,
) -> PropFit:
    """``fit_props``, which reads only the props the technique names (and their stand-ins):
    kept in ``fits`` (this knowledge base's) by those of the owned props and the conditions."""
    mine = owned & fixed.props
    key = (tech.id, mine, conditions)
    found = fits.get(key)
    if found is None:
        if len(fits) > 20_000:  # a few megabytes at most
            fits.clear()
        found = fits[key] = fit_props(tech, mine, conditions, kb)
    return found


def _blocked(
    tech: Technique, intake: Intake, assessment: Assessment, kb: KnowledgeBase, fixed: _Fixed
) -> str | None:
    """Why ``tech`` may not be planned for this person, or None."""
    hits = assessment.screening.excluded.get(tech.id)
    if hits:
        return hits[0].reason
    if tech.floor and not intake.floor_ok:
        return "it needs getting down to the floor"
    if tech.abdominal_pressure:
        hands_only = fixed.hands_only  # a prop that presses is judged when it is fitted
        if hands_only and tech.tool_hardness in kb.planning.no_belly_pressure_with:
            return f"it presses a {tech.tool_hardness.value} tool into the belly"
        if not intake.abdominal_screen_answered:
            return "it presses on the belly; answer the belly-safety questions first"
    if fixed.experience > _EXPERIENCE[Experience(intake.experience)]:
        return "it is for later, once the gentler version feels easy"
    return None


def blocked(
    tech: Technique, intake: Intake, assessment: Assessment, kb: KnowledgeBase
) -> str | None:
    """Why ``tech`` may not be planned for this person, or None (a practitioner's program asks
    this too, so a program keeps the planner's rules)."""
    return _blocked(tech, intake, assessment, kb, _fixed(kb)[0][tech.id])


def _candidates(
    intake: Intake, assessment: Assessment, kb: KnowledgeBase
) -> tuple[list[_Candidate], list[LeftOut]]:
    focus = _focus(assessment, kb)
    owned = frozenset(intake.props)
    conditions = active_conditions(intake, kb)
    bed_factor = kb.planning.tuning.lying_without_floor_factor
    facts, fits = _fixed(kb)
    usable: list[_Candidate] = []
    left_out: list[LeftOut] = []
    for tech in kb.techniques.values():
        fixed = facts[tech.id]
        aim: _Focus | None = None  # the first of the best-fitting focuses
        for muscle in tech.targets:
            found = focus.get(muscle)
            if found is not None and (aim is None or found.relevance > aim.relevance):
                aim = found
        relevance = aim.relevance if aim is not None else 0.0
        why_not = _blocked(tech, intake, assessment, kb, fixed)
        fit = _fit(tech, fixed, owned, conditions, kb, fits) if why_not is None else None
        if fit is not None and not fit.ok:
            why_not = "; ".join((f"it {fit.missing}", *fit.unsuitable))
        if why_not is not None or fit is None:
            if relevance > 0 or why_not:
                left_out.append(LeftOut(tech.id, tech.name, why_not or ""))
            continue
        if intake.experience == "new" and tech.intensity is Intensity.deep:
            relevance *= kb.planning.tuning.newcomer_deep_factor
        usable.append(
            _Candidate(
                tech,
                fixed.seconds,
                fit.uses,
                relevance,
                aim,
                fixed.targets,
                bed_factor if tech.lying and not intake.floor_ok else 1.0,
                fixed.gentle,
            )
        )
    return usable, left_out


def _why_chosen(c: _Candidate, kb: KnowledgeBase) -> str:
    """Why a chosen technique is in the routine (worked out for the chosen ones only)."""
    tech = c.tech
    if c.aim is not None:
        why = _why(c.aim, tech.phase, kb)
    else:
        why = f"it supports the {kb.muscles[tech.targets[0]].name}"
    if tech.phase is Phase.breathe:
        why = f"it gives a calm start, since slow breathing helps deep muscles let go; {why}"
    return why


def _sides(tech: Technique, assessment: Assessment) -> tuple[str, ...]:
    """Both sides for a one-sided technique, starting with the side that hurts."""
    if not tech.one_sided:
        return ("both",)
    for ranked in assessment.muscles:
        if ranked.id in tech.targets and ranked.sides == ("right",):
            return ("right", "left")
    return ("left", "right")


def _reason(c: _Candidate, kb: KnowledgeBase) -> str:
    if not c.tech.props:
        props = "no props needed"
    elif not c.props:
        props = "works without the optional prop"
    else:
        props = "; ".join(
            f"uses your {p.prop.replace('_', ' ')} in place of the {p.instead_of.replace('_', ' ')}"
            if p.instead_of
            else f"you own a {p.prop.replace('_', ' ')}"
            for p in c.props
        )
    return f"Chosen because {_why_chosen(c, kb)}; {props}."


def _value(c: _Candidate, chosen: list[_Candidate], intake: Intake, kb: KnowledgeBase) -> float:
    """How much adding ``c`` is worth now: relevance, less for muscles already covered."""
    tuning = kb.planning.tuning
    phase, targets = c.tech.phase, c.targets
    covered = 0
    for other in chosen:
        if other.tech.phase is phase and not other.targets.isdisjoint(targets):
            covered += 1
    gentle_bonus = tuning.gentle_bonus * c.gentle
    value = c.relevance * (tuning.covered_decay**covered) + gentle_bonus
    if intake.experience == "new":
        value += gentle_bonus
    return value * c.weight


def _select(
    candidates: list[_Candidate], intake: Intake, kb: KnowledgeBase, sessions_per_day: int
) -> list[_Candidate]:
    settings = kb.planning
    budget = _minutes(intake, kb) * 60
    cap = budget - settings.finish_seconds  # the closing step counts too: never over
    release_cap = settings.max_release_seconds_per_day / sessions_per_day
    chosen: list[_Candidate] = []
    taken: set[int] = set()  # ids of the chosen candidates
    families: set[object] = set()
    spent: dict[Phase | None, int] = dict.fromkeys(PHASE_ORDER, 0) | {None: 0}

    def take(c: _Candidate) -> None:
        chosen.append(c)
        taken.add(id(c))
        families.add(c.tech.family)
        spent[None] += c.seconds
        spent[c.tech.phase] += c.seconds

    def fits(c: _Candidate) -> bool:
        if spent[None] + c.seconds > cap or id(c) in taken:
            return False
        return c.tech.phase is not Phase.release or spent[Phase.release] + c.seconds <= release_cap

    def new_family(c: _Candidate) -> bool:
        return c.tech.family not in families

    def best(phase: Phase) -> _Candidate | None:
        options = [c for c in candidates if c.tech.phase is phase and fits(c)]
        return max(options, key=lambda c: (_value(c, chosen, intake, kb), -c.seconds), default=None)

    required = [Phase.release, Phase.stretch]
    if budget >= settings.strengthen_from_minutes * 60:
        required.insert(0, Phase.strengthen)  # reserved first: never dropped
    if budget >= settings.breathing_reset_from_minutes * 60:
        required.append(Phase.breathe)
    for phase in required:
        pick = best(phase)
        if pick is not None:
            take(pick)
    shares = settings.phase_shares
    while spent[None] < budget:
        breathing = any(c.tech.phase is Phase.breathe for c in chosen)
        options = [
            c for c in candidates if fits(c) and not (breathing and c.tech.phase is Phase.breathe)
        ]
        fresh = [c for c in options if new_family(c)]
        if fresh:
            options = fresh
        elif spent[None] >= budget * settings.budget_use:
            break  # only near-repeats are left, and the session is full enough without them
        if not options:
            break

        def worth(c: _Candidate) -> float:
            room = shares.get(c.tech.phase, 0.0) * budget - spent[c.tech.phase]
            tuning = settings.tuning
            fits_share = room >= c.seconds * tuning.room_threshold
            return _value(c, chosen, intake, kb) * (1.0 if fits_share else tuning.over_share_factor)

        take(max(options, key=lambda c: (worth(c), -c.seconds)))
    return sorted(chosen, key=lambda c: _PHASE_RANK[c.tech.phase])


def plan_routine(intake: Intake, assessment: Assessment, kb: KnowledgeBase) -> Routine | None:
    """The routine for a person whose screening verdict is ``self_care``; None otherwise.

    Edge cases: a verdict other than ``self_care`` never gets a routine; when nothing points to
    a muscle the routine works gently on ``general_focus``; a phase with no usable technique is
    left empty and the techniques that were left out say why.
    """
    check_intake(intake, kb)
    if not assessment.screening.self_care:
        return None
    settings = kb.planning
    minutes = _minutes(intake, kb)
    sessions_per_day = 2 if minutes <= settings.twice_daily_up_to_minutes else 1
    candidates, left_out = _candidates(intake, assessment, kb)
    chosen = _select(candidates, intake, kb, sessions_per_day)
    items = tuple(
        PlanItem(
            c.tech, c.seconds, _sides(c.tech, assessment), c.props, _reason(c, kb), c.relevance
        )
        for c in chosen
    )
    return Routine(minutes * 60, items, tuple(left_out), sessions_per_day, settings.finish_seconds)
