"""Hypothesis strategies for random valid intakes, drawn from the packaged knowledge base."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from unknot.knowledge import load_knowledge

_KB = load_knowledge()
REGIONS = sorted(_KB.regions)
FINDINGS = sorted(_KB.findings)
CONDITIONS = sorted(_KB.conditions)
PROPS = sorted(_KB.props)

pain_spots = st.fixed_dictionaries(
    {
        "region": st.sampled_from(REGIONS),
        "side": st.sampled_from(["left", "right", "both", "center"]),
        "intensity": st.integers(0, 10),
    }
)


@st.composite
def intakes(draw: st.DrawFn, red_flags: bool = True) -> dict[str, Any]:
    """A random intake that parse_intake must accept. With ``red_flags=False``: no red-flag
    findings, cleared by a clinician, so most draws reach a plan."""
    findings = FINDINGS
    if not red_flags:
        findings = [f for f in FINDINGS if _KB.findings[f].kind.value != "red_flag"]
    data: dict[str, Any] = {
        "age": draw(st.integers(16, 110)),
        "pain": draw(st.lists(pain_spots, min_size=1, max_size=6)),
        "findings": draw(st.lists(st.sampled_from(findings), max_size=8, unique=True)),
        "conditions": draw(st.lists(st.sampled_from(CONDITIONS), max_size=3, unique=True)),
        "props": draw(st.lists(st.sampled_from(PROPS), max_size=6, unique=True)),
        "minutes": draw(st.integers(3, 60)),
        "floor_ok": draw(st.booleans()),
        "cleared_by_clinician": draw(st.booleans()) if red_flags else True,
    }
    data["abdominal_screen_answered"] = draw(st.booleans())
    data["experience"] = draw(st.sampled_from(["new", "some", "experienced"]))
    if draw(st.booleans()):
        data["duration_weeks"] = draw(st.floats(0, 520, allow_nan=False))
    sex = draw(st.sampled_from([None, "female", "male", "other"]))
    if sex is not None:
        data["sex"] = sex
    if sex in ("female", "other") and draw(st.integers(0, 4)) == 0:
        data["pregnant"] = True
    return data
