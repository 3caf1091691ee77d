"""The handout as an HTML document for a PDF renderer: each technique with its picture, its key
steps, dose, sides, props and safety line; the week; when to stop and get help (from the
knowledge base's verdict table and red flags); and how to start the guided session.

Every word comes from the knowledge base or the plan; this module only lays them out. Text is
escaped here; the pictures are the core's own SVG, embedded as data addresses.
"""

from __future__ import annotations

import base64
from html import escape

from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import Tier
from unknot.pictures import technique_picture
from unknot.planning.answer import Answer
from unknot.planning.card import card
from unknot.planning.routine import Routine
from unknot.planning.schedule import Schedule

DAY_NAMES = {
    "MO": "Mon",
    "TU": "Tue",
    "WE": "Wed",
    "TH": "Thu",
    "FR": "Fri",
    "SA": "Sat",
    "SU": "Sun",
}


def _svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _items(routine: Routine, kb: KnowledgeBase, notes: bool = False) -> str:
    cards = []
    for n, item in enumerate(routine.items, start=1):
        tech = item.technique
        said = card(item, kb)
        side = item.sides[0] if tech.one_sided else None
        picture = _svg_uri(technique_picture(tech.id, side))  # type: ignore[arg-type]
        steps = "".join(f"<li>{escape(s)}</li>" for s in said.key_steps)
        props = "; ".join(said.props) or "no props"
        safety = f'<p class="safety">{escape(said.safety)}</p>' if said.safety else ""
        note = f'<p class="note">{escape(item.reason)}</p>' if notes else ""
        cards.append(
            f'<section class="item"><div class="pic">'
            f'<img src="{picture}" alt="{escape(tech.name)}"></div>'
            f'<div class="words"><h2><span class="n">{n}</span> {escape(tech.name)}</h2>'
            f'<p class="facts"><b>{escape(tech.dose.text)}</b> {escape(said.sides.capitalize())}'
            f" ({escape(said.minutes)}). You use: {escape(props)}.</p>"
            f'<ol class="steps">{steps}</ol>{safety}{note}</div></section>'
        )
    return "".join(cards)


def _help(kb: KnowledgeBase) -> str:
    """When to stop and get help: the emergency and urgent verdicts' headlines, each with the
    signs (red-flag titles) that lead to it, and where to go when it gets worse."""
    blocks = []
    for tier in (Tier.emergency, Tier.urgent):
        signs = [r.title for r in kb.red_flags.values() if r.tier is tier]
        listed = "".join(f"<li>{escape(s)}</li>" for s in signs)
        blocks.append(f"<h3>{escape(kb.tiers.of(tier).headline)} if:</h3><ul>{listed}</ul>")
    worse = kb.tiers.screening.worsening_advice
    rise = kb.planning.step_back_when_pain_rises_by
    blocks.append(
        f"<p><b>Stop the routine if it leaves your pain {rise} or more points worse, or if "
        f"something new appears.</b> {escape(worse)}</p>"
    )
    return "".join(blocks)


def _week(schedule: Schedule) -> str:
    days = ", ".join(DAY_NAMES.get(d, d) for d in schedule.days)
    notes = "".join(f"<li>{escape(n)}</li>" for n in schedule.notes)
    return f"<p><b>{escape(days)}</b></p><ul>{notes}</ul>"


def handout_html(
    result: Answer,
    kb: KnowledgeBase,
    *,
    session_url: str,
    qr_uri: str,
    program_by: str | None = None,
    program_note: str = "",
) -> str:
    """The handout of a plan; ``result`` must have a routine (a self-care verdict). With
    ``program_by`` it is that practitioner's program: their name, note and notes per step."""
    routine, schedule = result.routine, result.schedule
    if routine is None or schedule is None:
        raise ValueError("no plan: a handout needs a self-care verdict with a routine")
    minutes = routine.budget_seconds // 60
    fits = (
        f"Fits your {minutes} minutes"
        if routine.session_seconds <= routine.budget_seconds
        else f"About {round(routine.session_seconds / 60)} minutes"
    )
    title = f"Your program from {program_by}" if program_by else "Your unknot plan"
    by_note = f'<p class="note">{escape(program_note)}</p>' if program_note else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Your unknot plan</title></head><body>"
        f'<header><div class="title"><h1>{escape(title)}</h1>{by_note}'
        f"<p>{escape(fits)}, every step included. Release, then stretch, then strengthen; "
        "work both sides every time.</p></div>"
        f'<div class="start"><img class="qr" src="{qr_uri}" alt="QR code for the session">'
        f"<p>Start the guided session:<br><b>{escape(session_url)}</b></p></div></header>"
        f'<main class="items">{_items(routine, kb, notes=program_by is not None)}</main>'
        f'<footer><section class="week"><h2>Your week</h2>{_week(schedule)}</section>'
        f'<section class="help"><h2>When to stop and get help</h2>{_help(kb)}</section>'
        "</footer>"
        '<p class="small">unknot explains and suggests; it is not a diagnosis and cannot '
        "examine you. Made from the answers you gave.</p></body></html>"
    )
