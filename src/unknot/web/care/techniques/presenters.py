"""What the library and a technique's page show, read from the knowledge base.

Nothing here is a fact of its own: steps, doses, props and their stand-ins, cautions and the
conditions that rule a technique out all come from the knowledge base and its exclusion rules
(``unknot.knowledge.exclusion``), the same ones screening and the planner use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString

from unknot.knowledge import KnowledgeBase, technique_excluded_by
from unknot.knowledge.exclusion import pressing_need, pressing_options
from unknot.knowledge.models import Fit, Phase, Position
from unknot.knowledge.technique import Technique
from unknot.web.care.intake import svgs
from unknot.web.care.references import Reference, References

PHASE_LABELS = {
    Phase.breathe: "Breathe",
    Phase.release: "Release",
    Phase.stretch: "Stretch",
    Phase.strengthen: "Strengthen",
}
POSITION_WORDS = {
    Position.supine: "lying on your back",
    Position.supine_knees_bent: "lying on your back, knees bent",
    Position.side_lying: "lying on your side",
    Position.prone: "lying face down",
    Position.prone_forearms: "face down on your forearms",
    Position.kneeling: "kneeling",
    Position.half_kneeling: "kneeling on one knee",
    Position.all_fours: "on your hands and knees",
    Position.seated: "sitting",
    Position.standing: "standing",
    Position.standing_wall: "standing at a wall",
}
FIT_WORDS = {
    Fit.good: "works as well",
    Fit.partial: "works, with a difference",
    Fit.unsuitable: "will not do",
}


def technique_url(technique_id: str) -> str:
    return reverse("technique", kwargs={"technique_id": technique_id})


def picture_url(technique_id: str, side: str | None = None) -> str:
    url = reverse("technique_picture", kwargs={"technique_id": technique_id})
    return f"{url}?side={side}" if side in ("left", "right") else url


@dataclass(frozen=True)
class Link:
    id: str
    name: str
    url: str


@dataclass(frozen=True)
class StandIn:
    name: str
    fit: str
    usable: bool
    note: str


@dataclass(frozen=True)
class NeedView:
    options: list[str]  # the props asked for, preferred first
    optional: bool
    presses: bool
    note: str | None
    stand_ins: list[StandIn]


@dataclass(frozen=True)
class RuledOut:
    condition: str
    reason: str
    what: str  # "rules it out", or which props it rules out for the pressing


@dataclass(frozen=True)
class Picture:
    side: str | None
    svg: SafeString


@dataclass(frozen=True)
class TechniqueView:
    id: str
    name: str
    phase: str
    summary: str
    targets: list[str]
    position: str
    floor: bool
    abdominal: bool
    one_sided: bool
    intensity: str
    experience: str
    pictures: list[Picture]
    steps: list[str]
    dose: str
    dose_refs: list[Reference]
    needs: list[NeedView]
    variations: list[str]
    cautions: list[str]
    safety: list[str]  # the safety cues every player says for this technique
    ruled_out: list[RuledOut]
    progressions: list[Link]
    regressions: list[Link]
    requires: list[Link]
    family: list[Link]  # other ways to do nearly the same thing
    refs: list[Reference]


@dataclass(frozen=True)
class LibraryItem:
    id: str
    name: str
    summary: str
    phase: str
    url: str
    thumbnail: str
    muscles: str
    props: str


def _links(ids: tuple[str, ...] | list[str], kb: KnowledgeBase) -> list[Link]:
    return [Link(i, kb.techniques[i].name, technique_url(i)) for i in ids]


def _need(tech: Technique, index: int, kb: KnowledgeBase) -> NeedView:
    need = tech.props[index]
    stand_ins: list[StandIn] = []
    if need.stand_ins and not need.optional:
        for wanted in need.any_of:
            for sub in kb.props[wanted].substitutes:
                if sub.prop in need.any_of or any(
                    s.name == kb.props[sub.prop].name for s in stand_ins
                ):
                    continue
                stand_ins.append(
                    StandIn(
                        f"{kb.props[sub.prop].name} for {kb.props[wanted].name}",
                        FIT_WORDS[sub.fit],
                        sub.fit is not Fit.unsuitable,
                        sub.note,
                    )
                )
    return NeedView(
        [kb.props[p].name for p in need.any_of],
        need.optional,
        need.presses,
        need.note,
        stand_ins,
    )


def ruled_out(tech: Technique, kb: KnowledgeBase) -> list[RuledOut]:
    """Every condition that rules the technique out whatever the props, and every one that
    rules out only some of the props that could press, saying which; then the props too firm
    for the belly, which unknot never presses into it for anyone."""
    shown: list[RuledOut] = []
    whole = set(kb.conditions_ruling_out(tech.id))
    need = pressing_need(tech)
    options = pressing_options(tech, kb.props) if need is not None and need.stand_ins else []
    if need is not None and not need.stand_ins:
        options = list(need.any_of)
    for condition in kb.conditions.values():
        reason = condition.reason or condition.short
        if condition.id in whole:
            shown.append(RuledOut(condition.short, reason, "rules it out"))
            continue
        refused = [
            kb.props[p].name
            for p in options
            if technique_excluded_by(tech, condition, kb.props, kb.props[p].firmness)
        ]
        if refused:
            what = "rules out pressing with " + ", ".join(refused)
            shown.append(RuledOut(condition.short, reason, what))
    if tech.abdominal_pressure:
        too_firm = [
            kb.props[p].name
            for p in options
            if kb.props[p].firmness in kb.planning.no_belly_pressure_with
        ]
        if too_firm:
            shown.append(
                RuledOut(
                    "everyone",
                    "unknot presses into the belly only with soft props or the hands",
                    "rules out pressing with " + ", ".join(too_firm),
                )
            )
    return shown


def technique_view(tech: Technique, kb: KnowledgeBase, refs: References) -> TechniqueView:
    sides: tuple[str | None, ...] = ("left", "right") if tech.one_sided else (None,)
    pictures = [Picture(s, svgs.technique(tech.id, s, f"t-{s or 'both'}")) for s in sides]
    cues = kb.planning.safety_cues
    safety = [cues.pulse, cues.empty_stomach] if tech.abdominal_pressure else []
    if tech.floor:
        safety.append(cues.roll_to_side)
    if not safety and not tech.cautions:
        safety.append(cues.general)
    kin = [t.id for t in kb.techniques.values() if t.family == tech.family and t.id != tech.id]
    return TechniqueView(
        id=tech.id,
        name=tech.name,
        phase=PHASE_LABELS[tech.phase],
        summary=tech.summary,
        targets=[kb.muscles[m].name for m in tech.targets],
        position=POSITION_WORDS[tech.position]
        + (", on the floor" if tech.floor else ", on a bed or the floor" if tech.lying else ""),
        floor=tech.floor,
        abdominal=tech.abdominal_pressure,
        one_sided=tech.one_sided,
        intensity=tech.intensity.value,
        experience=tech.experience.value,
        pictures=pictures,
        steps=list(tech.steps),
        dose=tech.dose.text,
        dose_refs=refs.cite(tech.dose.sources),
        needs=[_need(tech, i, kb) for i in range(len(tech.props))],
        variations=list(tech.variations),
        cautions=list(tech.cautions),
        safety=safety,
        ruled_out=ruled_out(tech, kb),
        progressions=_links(tech.progressions, kb),
        regressions=_links(tech.regressions, kb),
        requires=_links(tech.requires, kb),
        family=_links(kin, kb),
        refs=refs.cite(tech.sources),
    )


# --- the library ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    muscle: str = ""
    phase: str = ""
    prop: str = ""  # a prop id, or "none" for techniques that need no prop


def usable_props(tech: Technique, kb: KnowledgeBase) -> set[str]:
    """Every prop that can fill one of the technique's needs, stand-ins included."""
    found: set[str] = set()
    for need in tech.props:
        found.update(need.any_of)
        if need.stand_ins and not need.optional:
            for wanted in need.any_of:
                found.update(
                    s.prop for s in kb.props[wanted].substitutes if s.fit is not Fit.unsuitable
                )
    return found


def needs_nothing(tech: Technique) -> bool:
    return all(need.optional for need in tech.props)


def filters_from(query: Mapping[str, str], kb: KnowledgeBase) -> Filters:
    """The filters a query asks for; an unknown value is ignored, never an error."""
    muscle = query.get("muscle", "")
    phase = query.get("phase", "")
    prop = query.get("prop", "")
    return Filters(
        muscle if muscle in kb.muscles else "",
        phase if phase in {p.value for p in Phase} else "",
        prop if prop in kb.props or prop == "none" else "",
    )


def library(kb: KnowledgeBase, filters: Filters) -> list[tuple[str, list[LibraryItem]]]:
    """The techniques that pass the filters, grouped by phase in session order."""
    groups: list[tuple[str, list[LibraryItem]]] = []
    for phase in Phase:
        if filters.phase and phase.value != filters.phase:
            continue
        items = []
        for tech in sorted(kb.techniques.values(), key=lambda t: t.name):
            if tech.phase is not phase:
                continue
            if filters.muscle and filters.muscle not in tech.targets:
                continue
            if filters.prop == "none" and not needs_nothing(tech):
                continue
            if filters.prop not in ("", "none") and filters.prop not in usable_props(tech, kb):
                continue
            props = [kb.props[n.any_of[0]].name for n in tech.props if not n.optional]
            items.append(
                LibraryItem(
                    tech.id,
                    tech.name,
                    tech.summary,
                    PHASE_LABELS[phase],
                    technique_url(tech.id),
                    picture_url(tech.id),
                    ", ".join(kb.muscles[m].name for m in tech.targets),
                    ", ".join(props) or "no props",
                )
            )
        if items:
            groups.append((PHASE_LABELS[phase], items))
    return groups
