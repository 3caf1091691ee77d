"""Every rule of the planner, checked on random valid intakes (Hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies import intakes
from unknot.clinical import parse_intake
from unknot.knowledge import load_knowledge
from unknot.knowledge.models import Phase
from unknot.planning import answer
from unknot.planning.doses import technique_seconds
from unknot.planning.planner import PHASE_ORDER
from unknot.planning.timeline import build_timeline

KB = load_knowledge()
EXPERIENCE = ["new", "some", "experienced"]


def _plan(data: dict[str, Any]) -> Any:
    return answer(parse_intake(data, KB), KB)


@settings(max_examples=400, deadline=None)
@given(intakes(red_flags=False))
def test_every_plan_keeps_every_rule(data: dict[str, Any]) -> None:
    result = _plan(data)
    intake = result.assessment.intake
    routine = result.routine
    if not result.assessment.screening.self_care:
        assert routine is None
        return
    assert routine is not None
    items = routine.items
    budget = intake.minutes * 60
    # release -> stretch -> strengthen, with any breathing reset first
    order = [PHASE_ORDER.index(i.technique.phase) for i in items]
    assert order == sorted(order)
    # the whole session, setting up, side switches and the closing step included, fits the
    # minutes: never over
    assert routine.session_seconds <= budget
    assert sum(step.seconds for step in build_timeline(routine, KB)) == routine.session_seconds
    owned = set(intake.props)
    excluded = set(result.assessment.screening.excluded)
    for item in items:
        tech = item.technique
        assert {p.prop for p in item.props} <= owned
        assert tech.id not in excluded
        assert intake.floor_ok or not tech.floor
        if intake.pregnant:
            assert not tech.abdominal_pressure
            assert not tech.position.is_prone
        if tech.abdominal_pressure:
            assert intake.abdominal_screen_answered
            assert tech.tool_hardness.value != "hard"
        assert EXPERIENCE.index(tech.experience.value) <= EXPERIENCE.index(intake.experience)
        if tech.one_sided:
            assert sorted(item.sides) == ["left", "right"]
        assert item.reason.startswith("Chosen because")
        if not intake.floor_ok and tech.phase is Phase.breathe:
            assert not tech.lying, tech.id  # never lying-down breathing without the floor
        props = [p.prop for p in item.props]
        assert len(props) == len(set(props)), tech.id  # one thing does one job
    # the daily cap on release work
    release = sum(i.seconds for i in items if i.technique.phase is Phase.release)
    assert release * routine.sessions_per_day <= KB.planning.max_release_seconds_per_day
    # one technique of a family, unless nothing of another family fitted when it was added
    families = [i.technique.family for i in items]
    repeats = [i for n, i in enumerate(items) if i.technique.family in families[:n]]
    # the planner stops only when nothing else fits: any technique left unused, that nothing
    # ruled out, is too long for the room left (or the daily release cap), or repeats a family
    # in a session already filled to budget_use
    chosen = {i.technique.id for i in items}
    blocked = {lo.technique for lo in routine.left_out if lo.reason}
    room = budget - routine.session_seconds
    full = routine.session_seconds >= budget * KB.planning.budget_use
    for tech in KB.techniques.values():
        if tech.id in chosen or tech.id in blocked:
            continue
        if tech.phase is Phase.breathe and routine.phase_items(Phase.breathe):
            continue  # one breathing reset is enough
        seconds = technique_seconds(tech, KB.planning)
        release_cap = KB.planning.max_release_seconds_per_day / routine.sessions_per_day
        too_long = seconds > room or (
            tech.phase is Phase.release and release + seconds > release_cap
        )
        if tech.family in families:
            assert too_long or full, tech.id
        else:
            assert too_long, tech.id
            for repeat in repeats:  # nothing of a new family fitted when a repeat went in
                assert seconds > room + repeat.seconds, (tech.id, repeat.technique.id)


@settings(max_examples=200, deadline=None)
@given(intakes(red_flags=False), st.integers(10, 60))
def test_strengthening_is_never_dropped_from_ten_minutes(
    data: dict[str, Any], minutes: int
) -> None:
    result = _plan({**data, "minutes": minutes})
    if result.routine is None:
        return
    assert result.routine.phase_items(Phase.strengthen)


@settings(max_examples=200, deadline=None)
@given(intakes(red_flags=False))
def test_at_least_seventy_percent_is_used_when_the_library_allows(data: dict[str, Any]) -> None:
    data = {**data, "floor_ok": True, "props": ["firm_ball", "soft_ball", "yoga_block", "bolster"]}
    data["minutes"] = min(data["minutes"], 30)
    data["conditions"] = []
    data["pregnant"] = False
    result = _plan(data)
    if result.routine is None:
        return
    assert result.routine.seconds >= 0.7 * data["minutes"] * 60


PLAN_CONDITIONS = [
    c.id
    for c in KB.conditions.values()
    if c.excludes is not None and not c.implied_by and c.id != "abdominal_aortic_aneurysm"
]


@st.composite
def intakes_with_conditions(draw: st.DrawFn) -> dict[str, Any]:
    """Intakes that reach a plan while carrying conditions that rule techniques out: long-
    standing pain, examined, no warning signs; pregnancy at any stage or of unknown weeks."""
    data = draw(intakes(red_flags=False))
    data.update(
        age=draw(st.integers(20, 49)),
        duration_weeks=draw(st.floats(13, 40)),
        conditions=draw(st.lists(st.sampled_from(PLAN_CONDITIONS), min_size=1, max_size=3)),
        findings=[f for f in data["findings"] if KB.findings[f].kind.value != "history"],
        props=draw(st.lists(st.sampled_from(sorted(KB.props)), min_size=2, max_size=9)),
        cleared_by_clinician=True,
        floor_ok=True,
    )
    if draw(st.booleans()):
        data.update(sex="female", pregnant=True)
        if draw(st.booleans()):
            data["pregnancy_weeks"] = draw(st.integers(4, 40))
    return data


@settings(max_examples=300, deadline=None)
@given(intakes_with_conditions())
def test_no_plan_holds_a_technique_or_stand_in_a_condition_rules_out(data: dict[str, Any]) -> None:
    from unknot.clinical.intake import active_conditions
    from unknot.knowledge import technique_excluded_by
    from unknot.knowledge.exclusion import pressing_need

    result = _plan(data)
    if result.routine is None:
        return
    conditions = active_conditions(result.assessment.intake, KB)
    for item in result.routine.items:
        tech = item.technique
        need = pressing_need(tech)
        used = [p.prop for p in item.props if need is not None and p.prop in _options(tech)]
        hardness = KB.props[used[0]].firmness if used else tech.tool_hardness
        for condition in conditions:
            assert not technique_excluded_by(tech, KB.conditions[condition], KB.props, hardness), (
                tech.id,
                used,
                condition,
            )
        if tech.abdominal_pressure:
            assert hardness.value in ("soft", "none"), (tech.id, used)
        if "pregnancy_after_first_trimester" in conditions:
            assert not tech.flat_on_back, tech.id


def _options(tech: Any) -> set[str]:
    from unknot.knowledge.exclusion import pressing_options

    return set(pressing_options(tech, KB.props))
