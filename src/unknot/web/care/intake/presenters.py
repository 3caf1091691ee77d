"""Turn what the core made of an intake (``services.Evaluation``) into the results page's context.

The page leads with the verdict, then the plan, then the muscles. Everything shown comes from the
typed answer (``Answer``: screening, ranked muscles, routine, schedule) and the knowledge base;
this module only picks, groups and numbers it. Sources are cited by number and listed once at
the foot of the page (``references.References``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString

from unknot.clinical.screening import Screening
from unknot.clinical.triage import Evidence, MuscleScore
from unknot.knowledge import KnowledgeBase
from unknot.pictures.bodymap import regions_in_view
from unknot.pictures.figure import ViewName
from unknot.pictures.muscles import PLANS
from unknot.planning.card import card
from unknot.planning.planner import PHASE_ORDER
from unknot.planning.routine import Routine
from unknot.planning.schedule import Schedule
from unknot.web.care import services
from unknot.web.care.intake import svgs
from unknot.web.care.references import Reference, References
from unknot.web.care.techniques.presenters import PHASE_LABELS, technique_url

PICTURED_MUSCLES = 3  # the top muscles shown open, with their referral map in a fold
TOP_REASONS = 2  # reasons shown for each muscle before the fold
DAY_WORDS = {
    "MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday",
    "SA": "Saturday", "SU": "Sunday",
}  # fmt: skip


@dataclass(frozen=True)
class Because:
    text: str
    refs: list[Reference]


@dataclass
class MuscleView:
    id: str
    name: str
    latin: str
    score: float
    percent: int
    words: str
    top: list[Because]
    more: list[Because]
    against: list[Because]
    does_not_fit: list[str]
    techniques: list[tuple[str, str]]  # (name, url) of techniques that work on it
    referral: SafeString | None = None
    where_is: SafeString | None = None
    view: str = "back"


@dataclass(frozen=True)
class ItemView:
    number: int
    id: str
    url: str
    phase: str
    name: str
    summary: str
    picture: SafeString
    dose: str
    sides: str
    minutes: str
    props: list[str]
    substitutions: list[str]
    safety: str | None
    steps: list[str]
    reason: str
    abdominal_pressure: bool


@dataclass(frozen=True)
class PlanView:
    minutes: float
    budget: int
    fits: bool
    items: list[ItemView]
    empty_phases: list[tuple[str, list[str]]]  # phases with nothing planned, and why
    left_out: list[tuple[str, str, str]]  # (name, url, reason)
    schedule: dict[str, Any] = field(default_factory=dict)


def score_words(score: float) -> str:
    if score >= 0.6:
        return "fits your answers well"
    if score >= 0.35:
        return "fits your answers in part"
    return "fits your answers a little"


def _because(entries: tuple[Evidence, ...], refs: References) -> list[Because]:
    return [Because(e.text, refs.cite(e.sources)) for e in entries]


def _best_view(muscle_id: str, painful: set[str], kb: KnowledgeBase) -> ViewName:
    """The view that shows most of the person's pain inside the muscle's zones, then the view
    with most of its main zones; the back on a tie (where these muscles are felt most)."""
    zones = kb.muscles[muscle_id].referral
    best: tuple[int, int, int] | None = None
    chosen: ViewName = "back"
    views: tuple[ViewName, ...] = ("back", "front")
    for order, view in enumerate(views):
        drawn = {r.id for r in regions_in_view(view)}
        overlap = sum(1 for z in zones if z.region in drawn and z.region in painful)
        primary = sum(1 for z in zones if z.region in drawn and z.kind.value == "primary")
        key = (overlap, primary, -order)
        if best is None or key > best:
            best, chosen = key, view
    return chosen


def muscles(
    ranked: tuple[MuscleScore, ...],
    pain: Mapping[tuple[str, str], int],
    kb: KnowledgeBase,
    refs: References,
) -> list[MuscleView]:
    painful = {region for (region, _), score in pain.items() if score > 0}
    shown = []
    for rank, entry in enumerate(ranked):
        muscle = kb.muscles[entry.id]
        because = _because(entry.because, refs)
        uses = sorted(
            (t.name, technique_url(t.id)) for t in kb.techniques.values() if muscle.id in t.targets
        )
        view = MuscleView(
            id=muscle.id,
            name=entry.name,
            latin=muscle.latin,
            score=entry.score,
            percent=round(entry.score * 100),
            words=score_words(entry.score),
            top=because[:TOP_REASONS],
            more=because[TOP_REASONS:],
            against=_because(entry.against, refs),
            does_not_fit=list(entry.does_not_fit),
            techniques=uses,
        )
        if rank < PICTURED_MUSCLES:
            where: ViewName = _best_view(muscle.id, painful, kb)
            view.view = where
            view.referral = svgs.referral(muscle.id, where, f"m{rank}r")
            if muscle.id in PLANS:
                view.where_is = svgs.where_is(muscle.id, f"m{rank}w")
        shown.append(view)
    return shown


def plan_view(routine: Routine, schedule: Schedule, kb: KnowledgeBase) -> PlanView:
    items: list[ItemView] = []
    for n, item in enumerate(routine.items, start=1):
        tech = item.technique
        said = card(item, kb)
        first_side = item.sides[0] if tech.one_sided else None
        items.append(
            ItemView(
                number=n,
                id=tech.id,
                url=technique_url(tech.id),
                phase=PHASE_LABELS[tech.phase],
                name=tech.name,
                summary=tech.summary,
                picture=svgs.technique(tech.id, first_side, f"i{n}"),
                dose=tech.dose.text,
                sides=said.sides.capitalize(),
                minutes=said.minutes,
                props=list(said.props),
                substitutions=list(said.stand_ins),
                safety=said.safety,
                steps=list(tech.steps),
                reason=item.reason,
                abdominal_pressure=tech.abdominal_pressure,
            )
        )
    planned = {i.technique.phase for i in routine.items}
    left = [lo for lo in routine.left_out if lo.reason]
    empty = []
    for phase in PHASE_ORDER[1:]:
        if phase not in planned:
            why = [
                f"{lo.name}: {lo.reason}"
                for lo in left
                if kb.techniques[lo.technique].phase is phase
            ]
            empty.append((PHASE_LABELS[phase], why))
    return PlanView(
        minutes=round(routine.session_seconds / 60, 1),
        budget=routine.budget_seconds // 60,
        fits=routine.session_seconds <= routine.budget_seconds,
        items=items,
        empty_phases=empty,
        left_out=[(lo.name, technique_url(lo.technique), lo.reason) for lo in left],
        schedule={
            "sessions_per_week": schedule.sessions_per_week,
            "sessions_per_day": schedule.sessions_per_day,
            "days": [DAY_WORDS.get(d, d) for d in schedule.days],
            "notes": list(schedule.notes),
        },
    )


def own_maps(pain: Mapping[tuple[str, str], int]) -> list[dict[str, Any]]:
    """The person's pain, front and back, without the small in-picture legend (the page says
    it in words beside the maps)."""
    return [
        {
            "view": view,
            "svg": svgs.own_map(view, pain, f"own-{view}", f"Your pain, {view} view", legend=False),
        }
        for view in ("front", "back")
    ]


def pain_words(pain: Mapping[tuple[str, str], int], kb: KnowledgeBase) -> list[str]:
    return [
        f"{kb.regions[region].name}, {side if side not in ('center', 'both') else 'middle'}: "
        f"{score} out of 10"
        for (region, side), score in sorted(pain.items(), key=lambda kv: -kv[1])
        if score > 0 and region in kb.regions
    ]


def _screening_context(screening: Screening, kb: KnowledgeBase, refs: References) -> dict[str, Any]:
    verdict = screening.verdict.value
    tier = kb.tiers.of(verdict)
    stops = {t.id.value for t in kb.tiers.tiers if t.stops_intake}
    reasons = [
        {
            "title": r.title,
            "action": r.action,
            "note": r.note,
            "sources": [kb.sources[s] for s in r.sources if s in kb.sources],
            "refs": refs.cite(r.sources),
            "tier": r.tier.value,
        }
        for r in screening.reasons
    ]
    context: dict[str, Any] = {
        "verdict": verdict,
        "verdict_heading": tier.headline,
        "verdict_lead": tier.detail or "",
        "stop": tier.stops_intake,
        "reasons": reasons,
        "self_clearable": verdict != "self_care"
        and all(
            r.clearance is not None and r.clearance.value == "self_report"
            for r in screening.reasons
        ),
        "cautions": [{"text": c.text, "refs": refs.cite(c.sources)} for c in screening.cautions],
        "excluded": [
            {
                "name": kb.techniques[t].name,
                "url": technique_url(t),
                "reasons": [e.reason for e in hits],
            }
            for t, hits in screening.excluded.items()
            if t in kb.techniques
        ],
    }
    if context["stop"]:
        context["stop_reasons"] = [r for r in reasons if r["tier"] in stops]
        context["other_reasons"] = [r for r in reasons if r["tier"] not in stops]
    return context


def results_context(
    evaluation: services.Evaluation, *, session_url: str, visitor: bool
) -> dict[str, Any]:
    """Everything the results template shows, for a visitor's results or an owner's plan."""
    kb = services.kb()
    result = evaluation.answer
    refs = References(kb)
    context = _screening_context(result.assessment.screening, kb, refs)
    context.update(session_url=session_url, visitor=visitor, references=refs.entries)
    if context["stop"]:
        return context  # no ranking, no plan, nothing that could read as "carry on"
    pain = svgs.pain_of(evaluation.document.get("pain", []))
    if result.routine is not None and result.schedule is not None:
        context["plan"] = plan_view(result.routine, result.schedule, kb)
    ranked = muscles(result.assessment.muscles, pain, kb, refs)
    context["muscles"] = ranked[:PICTURED_MUSCLES]
    context["more_muscles"] = ranked[PICTURED_MUSCLES:]
    context["pictured"] = PICTURED_MUSCLES
    context["own_maps"] = own_maps(pain)
    context["pain_words"] = pain_words(pain, kb)
    return context


def handout_url(source: str) -> str:
    """Where the one-page handout of this plan is: the visit's, or an owner's plan's."""
    if source == "results":
        return reverse("guest_handout")
    return reverse("handout", kwargs={"pk": int(source)})


def clearances(evaluation: services.Evaluation) -> list[str]:
    """Who cleared which warning signs, and when, as the person reads it (from the clearances
    practitioners recorded, which ``evaluate_kept`` put into the intake)."""
    kb = services.kb()
    said = []
    for c in evaluation.intake.recorded_clearances:
        titles = "; ".join(kb.red_flags[r].title for r in c.rules if r in kb.red_flags)
        said.append(f"{c.by} examined you on {c.examined_on:%d %b %Y} and cleared: {titles}.")
    return said
