"""The session timeline: the single source of every player."""

from __future__ import annotations

from typing import Any

import pytest

from unknot.clinical import parse_intake
from unknot.knowledge import KnowledgeBase
from unknot.planning import answer
from unknot.planning.timeline import build_timeline, timeline_json

BASE: dict[str, Any] = {
    "age": 40,
    "duration_weeks": 2,
    "pain": [
        {"region": "low_back", "side": "left", "intensity": 5},
        {"region": "groin", "side": "left", "intensity": 4},
    ],
    "findings": ["pain_standing_after_sitting", "eased_lying_hips_bent"],
    "props": ["belly_ball"],
    "minutes": 20,
    "floor_ok": True,
    "abdominal_screen_answered": True,
}


@pytest.fixture
def routine_and_steps(kb: KnowledgeBase) -> Any:
    result = answer(parse_intake(BASE, kb), kb)
    assert result.routine is not None
    return result.routine, build_timeline(result.routine, kb)


def test_its_time_matches_the_routine(routine_and_steps: Any) -> None:
    routine, steps = routine_and_steps
    finish = steps[-1]
    assert finish.kind == "finish"
    assert sum(s.seconds for s in steps) == routine.seconds + finish.seconds


def test_one_sided_techniques_get_both_sides_with_a_switch(routine_and_steps: Any) -> None:
    routine, steps = routine_and_steps
    for item in routine.items:
        work = [s for s in steps if s.technique == item.technique.id and s.kind == "work"]
        if item.technique.one_sided:
            assert [s.side for s in work] == list(item.sides)
            assert any(s.kind == "switch" and s.technique == item.technique.id for s in steps)
        else:
            assert len(work) == 1


def test_every_belly_step_carries_the_pulse_cue(routine_and_steps: Any) -> None:
    _, steps = routine_and_steps
    belly = [s for s in steps if s.abdominal and s.kind == "work"]
    assert belly, "the example routine should include belly work"
    for step in belly:
        assert any("pulse" in c.say.lower() for c in step.cues)


def test_floor_work_ends_by_rolling_to_the_side(routine_and_steps: Any) -> None:
    routine, steps = routine_and_steps
    for item in routine.items:
        if item.technique.floor:
            last = [s for s in steps if s.technique == item.technique.id and s.kind == "work"][-1]
            assert "side" in last.cues[-1].say.lower()


def test_cues_are_in_order_and_inside_their_step(routine_and_steps: Any) -> None:
    _, steps = routine_and_steps
    for step in steps:
        times = [c.at for c in step.cues]
        assert times == sorted(times)
        assert all(0 <= t < max(step.seconds, 1) for t in times)


def test_rep_doses_are_counted_aloud(kb: KnowledgeBase) -> None:
    result = answer(parse_intake({**BASE, "minutes": 30}, kb), kb)
    steps = build_timeline(result.routine, kb)
    rep_steps = [
        s
        for s in steps
        if s.kind == "work" and (t := kb.techniques[s.technique]).dose.reps and not t.dose.minutes
    ]
    assert rep_steps
    assert any(c.say == "2" for c in rep_steps[0].cues)


def test_breathing_steps_carry_a_pacer(routine_and_steps: Any) -> None:
    _, steps = routine_and_steps
    for step in steps:
        if step.breaths:
            assert step.seconds_per_breath


def test_the_json_form_keeps_every_field(routine_and_steps: Any) -> None:
    _, steps = routine_and_steps
    data = timeline_json(steps)
    assert len(data) == len(steps)
    assert {"kind", "title", "text", "seconds", "cues", "side", "abdominal"} <= set(data[0])
