"""Turn what the core made of an intake (``services.Evaluation``) into the results page's context.

The core's JSON answer is the source of every fact shown; this module only resolves ids to the
knowledge base's names and titles, groups things for the page and adds the pictures. The
heading and lead of each verdict come from the knowledge base's verdict table (tiers.yaml).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString

from unknot.knowledge import KnowledgeBase
from unknot.pictures.bodymap import regions_in_view
from unknot.pictures.figure import ViewName
from unknot.pictures.muscles import PLANS
from unknot.web.care import services
from unknot.web.care.intake import svgs

PICTURED_MUSCLES = 3  # the top muscles drawn with their referral map beside the person's own

PHASE_WORDS = {
    "breathe": ("Breathe", "A calm start: slow breathing helps deep muscles let go."),
    "release": ("Release", "Ease the tight spots first, gently, with pressure or rest."),
    "stretch": ("Stretch", "Then lengthen the muscles you have just released."),
    "strengthen": ("Strengthen", "Last, wake up the muscles that hold you up."),
}
DAY_WORDS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}


@dataclass(frozen=True)
class Source:
    title: str
    citation: str


@dataclass
class Because:
    text: str
    sources: list[Source]


@dataclass
class MuscleView:
    id: str
    name: str
    latin: str
    score: float
    percent: int
    words: str
    because: list[Because]
    against: list[Because]
    does_not_fit: list[str]
    referral: SafeString | None = None
    own_map: SafeString | None = None
    where_is: SafeString | None = None
    view: str = "back"


@dataclass
class ItemView:
    name: str
    summary: str
    picture: SafeString
    dose: str
    sides: str
    minutes: str
    props: list[str]
    substitutions: list[str]
    reason: str
    cautions: list[str]
    abdominal_pressure: bool


@dataclass
class PhaseView:
    id: str
    title: str
    intro: str
    items: list[ItemView] = field(default_factory=list)


def sources(ids: Iterable[str], kb: KnowledgeBase) -> list[Source]:
    found = []
    for source_id in ids:
        source = kb.sources.get(source_id)
        if source is not None:
            found.append(Source(source.title, source.citation))
    return found


def score_words(score: float) -> str:
    if score >= 0.6:
        return "fits your answers well"
    if score >= 0.35:
        return "fits your answers in part"
    return "fits your answers a little"


def _because(entries: Iterable[Mapping[str, Any]], kb: KnowledgeBase) -> list[Because]:
    return [Because(str(e["text"]), sources(e.get("sources", ()), kb)) for e in entries]


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
    data: list[dict[str, Any]], pain: Mapping[tuple[str, str], int], kb: KnowledgeBase
) -> list[MuscleView]:
    painful = {region for (region, _), score in pain.items() if score > 0}
    shown = []
    for rank, entry in enumerate(data):
        muscle = kb.muscles[entry["id"]]
        score = float(entry["score"])
        view = MuscleView(
            id=muscle.id,
            name=str(entry["name"]),
            latin=muscle.latin,
            score=score,
            percent=round(score * 100),
            words=score_words(score),
            because=_because(entry["because"], kb),
            against=_because(entry["against"], kb),
            does_not_fit=list(entry["does_not_fit"]),
        )
        if rank < PICTURED_MUSCLES:
            where: ViewName = _best_view(muscle.id, painful, kb)
            view.view = where
            view.referral = svgs.referral(muscle.id, where, f"m{rank}r")
            view.own_map = svgs.own_map(
                where, pain, f"m{rank}o", f"Your pain, seen from the {where}"
            )
            if muscle.id in PLANS:
                view.where_is = svgs.where_is(muscle.id, f"m{rank}w")
        shown.append(view)
    return shown


def _minutes(seconds: int) -> str:
    if seconds < 90:
        return f"about {seconds} seconds in all"
    return f"about {round(seconds / 60)} minutes in all"


def _sides(sides: list[str]) -> str:
    if sides == ["both"]:
        return "Both sides together"
    return "One side, then the other: " + ", then ".join(sides)


def phases(plan: Mapping[str, Any], kb: KnowledgeBase) -> list[PhaseView]:
    shown = []
    for p, phase in enumerate(plan["phases"]):
        title, intro = PHASE_WORDS.get(phase["phase"], (phase["phase"].title(), ""))
        view = PhaseView(phase["phase"], title, intro)
        for i, item in enumerate(phase["items"]):
            technique = kb.techniques[item["technique"]]
            first_side = item["sides"][0] if item["sides"] else None
            notes = [str(sub["note"]) for sub in item.get("substitutions", []) if sub["note"]]
            view.items.append(
                ItemView(
                    name=item["name"],
                    summary=technique.summary,
                    picture=svgs.technique(technique.id, first_side, f"p{p}i{i}"),
                    dose=item["dose"],
                    sides=_sides(list(item["sides"])),
                    minutes=_minutes(int(item["seconds"])),
                    props=[kb.props[x].name for x in item["props"] if x in kb.props],
                    substitutions=notes,
                    reason=item["reason"],
                    cautions=[c for c in item["cautions"] if c not in notes],
                    abdominal_pressure=bool(item["abdominal_pressure"]),
                )
            )
        shown.append(view)
    return shown


def results_context(
    evaluation: services.Evaluation, *, session_url: str, visitor: bool
) -> dict[str, Any]:
    """Everything the results template shows, for a visitor's results or an owner's plan."""
    kb = services.kb()
    data = evaluation.answer_json()
    screening = data["screening"]
    verdict = screening["verdict"]
    tier = kb.tiers.of(verdict)
    stops = {t.id.value for t in kb.tiers.tiers if t.stops_intake}
    pain = svgs.pain_of(evaluation.document.get("pain", []))
    context: dict[str, Any] = {
        "verdict": verdict,
        "verdict_heading": tier.headline,
        "verdict_lead": tier.detail or "",
        "stop": tier.stops_intake,
        "reasons": [
            {
                "title": r["title"],
                "action": r["action"],
                "note": r["note"],
                "sources": sources(r["sources"], kb),
                "tier": r["tier"],
            }
            for r in screening["reasons"]
        ],
        "unclear": screening["unclear"],
        # an examination the person reports can lift every reason given: offer to say so
        "self_clearable": verdict != "self_care"
        and all(r["cleared_by"] == "self_report" for r in screening["reasons"]),
        "actions": [r["action"] for r in screening["reasons"]],
        "cautions": [
            {"text": c["text"], "sources": sources(c["sources"], kb)} for c in screening["cautions"]
        ],
        "excluded": screening["excluded"],
        "session_url": session_url,
        "visitor": visitor,
    }
    if context["stop"]:
        context["stop_reasons"] = [r for r in context["reasons"] if r["tier"] in stops]
        context["other_reasons"] = [r for r in context["reasons"] if r["tier"] not in stops]
        return context  # no ranking, no plan, nothing that could read as "carry on"
    ranked = muscles(data["muscles"], pain, kb)
    context["muscles"] = ranked[:PICTURED_MUSCLES]
    context["more_muscles"] = ranked[PICTURED_MUSCLES:]
    context["pictured"] = PICTURED_MUSCLES
    plan = data["plan"]
    if plan is not None:
        context["plan"] = {
            "minutes": plan["minutes"],
            "budget": plan["budget_minutes"],
            "phases": phases(plan, kb),
            "left_out": [lo for lo in plan["left_out"] if lo["reason"]],
            "schedule": {
                "sessions_per_week": plan["schedule"]["sessions_per_week"],
                "sessions_per_day": plan["schedule"]["sessions_per_day"],
                "days": [DAY_WORDS.get(d, d) for d in plan["schedule"]["days"]],
                "notes": plan["schedule"]["notes"],
            },
        }
    return context
