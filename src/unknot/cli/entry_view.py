"""How ``unknot library`` words one entry: the detail ``show`` prints, and the short cells
the tables share (sides, props, referral, stand-ins)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import BaseModel
from rich.console import Group
from rich.text import Text

from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import Muscle, Prop, RedFlagRule
from unknot.knowledge.technique import Technique


def yes(flag: bool) -> str:
    return "yes" if flag else "-"


def sides(tech: Technique) -> str:
    return "each side" if tech.one_sided else ""


def prop_names(tech: Technique, kb: KnowledgeBase) -> str:
    names = []
    for need in tech.props:
        label = " or ".join(kb.props[p].name for p in need.any_of)
        names.append(f"{label} (optional)" if need.optional else label)
    return "; ".join(names) or "none"


def referral(m: Muscle, kb: KnowledgeBase) -> str:
    primary = [kb.regions[r.region].name for r in m.referral if r.kind.value == "primary"]
    spill = [kb.regions[r.region].name for r in m.referral if r.kind.value == "spillover"]
    text = ", ".join(primary)
    if spill:
        text += f" (sometimes: {', '.join(spill)})"
    return text


def stand_ins(p: Prop, kb: KnowledgeBase) -> str:
    return "; ".join(f"{kb.props[s.prop].name} ({s.fit.value}): {s.note}" for s in p.substitutes)


def _cite(ids: Iterable[str], kb: KnowledgeBase) -> str:
    return "; ".join(kb.sources[i].title for i in ids)


def _md(*parts: str) -> Group:
    """Markdown blocks; rich.markdown is imported here because it is slow to import."""
    from rich.markdown import Markdown

    return Group(*(Markdown(p) for p in parts))


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _render_technique(t: Technique, kb: KnowledgeBase) -> Group:
    ruled_out = [kb.conditions[c].short for c in kb.conditions_ruling_out(t.id)]
    parts = [
        f"**{t.name}** ({t.phase.value})\n\n{t.summary}",
        f"**Works on:** {', '.join(kb.muscles[m].name for m in t.targets)}  \n"
        f"**Position:** {t.position.value.replace('_', ' ')}; floor: {yes(t.floor)}; "
        f"presses on the belly: {yes(t.abdominal_pressure)}; {sides(t) or 'both sides at once'}"
        f"  \n**Props:** {prop_names(t, kb)}  \n**Dose:** {t.dose.text}",
        "**Steps**\n\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(t.steps, 1)),
    ]
    if t.cues:
        parts.append("**Cues**\n\n" + _bullets(f"{c.at} s: {c.say}" for c in t.cues))
    if t.variations:
        parts.append("**Variations**\n\n" + _bullets(t.variations))
    if t.cautions:
        parts.append("**Cautions**\n\n" + _bullets(t.cautions))
    if ruled_out:
        parts.append("**Not for people with:** " + ", ".join(ruled_out))
    for label, ids in (
        ("Easier", t.regressions),
        ("Harder", t.progressions),
        ("First", t.requires),
    ):
        if ids:
            parts.append(f"**{label}:** " + ", ".join(kb.techniques[i].name for i in ids))
    parts.append(f"**Sources:** {_cite(t.sources, kb)}")
    return _md(*parts)


def _render_muscle(m: Muscle, kb: KnowledgeBase) -> Group:
    parts = [
        f"**{m.name}** (*{m.latin}*), {m.group}\n\n{m.description}",
        "**Attaches**\n\n" + _bullets(m.attachments),
        "**Does**\n\n" + _bullets(m.actions),
        f"**Sends pain to:** {referral(m, kb)}"
        + (f"  \n{m.referral_note}" if m.referral_note else ""),
    ]
    if m.indicators:
        parts.append(
            "**Signs that point to it**\n\n"
            + _bullets(
                f"{kb.findings[i.finding].short} ({'+' if i.weight > 0 else ''}{i.weight:g}): "
                f"{i.text}"
                for i in m.indicators
            )
        )
    names = {"Works with": m.synergists, "Works against": m.antagonists}
    for label, ids in names.items():
        if ids:
            parts.append(f"**{label}:** " + ", ".join(kb.muscles[i].name for i in ids))
    using = [t.name for t in kb.techniques.values() if m.id in t.targets]
    if using:
        parts.append("**Techniques:** " + ", ".join(using))
    parts.append(f"**Sources:** {_cite(m.sources, kb)}")
    return _md(*parts)


def _render_prop(p: Prop, kb: KnowledgeBase) -> Group:
    parts = [f"**{p.name}** (firmness: {p.firmness.value})\n\n{p.description}"]
    if p.substitutes:
        parts.append("**What can stand in**\n\n" + _bullets(stand_ins(p, kb).split("; ")))
    parts.append(f"**Sources:** {_cite(p.sources, kb)}")
    return _md(*parts)


def _render_red_flag(r: RedFlagRule, kb: KnowledgeBase) -> Group:
    by = "never" if r.clearance is None else r.clearance.by.value
    lifted = kb.tiers.screening.lifted_by[by]  # type: ignore[index]
    parts = [
        Text(f"{r.tier.value.replace('_', ' ').upper()}: {r.title}", style="bold red"),
        Text(r.action),
        Text(f"Lifted by: {lifted}"),
    ]
    if r.clearance is not None:
        parts.append(Text(f"Why: {r.clearance.why}"))
    parts.append(Text(f"Sources: {_cite(r.sources, kb)}", style="dim"))
    return Group(*parts)


def _render_generic(entry: BaseModel, kb: KnowledgeBase) -> Group:
    lines = []
    for key, value in entry.model_dump(mode="json", exclude_none=True).items():
        if key == "sources":
            value = _cite(value, kb)
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value) or "-"
        lines.append(f"**{key}:** {value}  ")
    return _md("\n".join(lines))


_RENDERERS: Mapping[type, Callable[[Any, KnowledgeBase], Group]] = {
    Technique: _render_technique,
    Muscle: _render_muscle,
    Prop: _render_prop,
    RedFlagRule: _render_red_flag,
}


def render(entry: BaseModel, kb: KnowledgeBase) -> Group:
    """One entry, as ``unknot library show`` prints it."""
    return _RENDERERS.get(type(entry), _render_generic)(entry, kb)
