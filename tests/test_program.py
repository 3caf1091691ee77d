"""The core of a practitioner's program: no database, no Django."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tests.helpers import example
from unknot.clinical import assess, parse_intake
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.settings import ProgramDoses
from unknot.planning.program import (
    ProgramEntry,
    ProgramError,
    check_program,
    dose_ranges,
    program_routine,
)
from unknot.planning.timeline import build_timeline


def _case(kb: KnowledgeBase, **changes: object):  # type: ignore[no-untyped-def]
    intake = parse_intake(example(**changes), kb)
    return intake, assess(intake, kb)


def test_dose_ranges_come_from_the_knowledge_base(kb: KnowledgeBase) -> None:
    limits = kb.planning.program_doses
    tech = kb.techniques["ql_hands_standing"]  # a 90 s hold
    ranges = {r.figure: r for r in dose_ranges(tech, kb)}
    assert ranges["hold_seconds"].lowest == 90 * limits.lowest
    assert ranges["hold_seconds"].highest == 90 * limits.highest
    assert ranges["sets"].highest == limits.max_sets
    assert "reps" not in ranges  # a figure the written dose lacks cannot be set


@pytest.mark.parametrize("value", [44, 181, float("nan"), True, "90"])
def test_a_dose_out_of_range_or_not_a_number_is_refused(kb: KnowledgeBase, value: object) -> None:
    intake, assessment = _case(kb)
    entry = ProgramEntry("ql_hands_standing", ("left", "right"), {"hold_seconds": value})  # type: ignore[dict-item]
    with pytest.raises(ProgramError, match="hold seconds"):
        check_program([entry], intake, assessment, kb)


def test_a_technique_a_condition_rules_out_is_refused_with_the_reason(kb: KnowledgeBase) -> None:
    intake, assessment = _case(kb, pregnant=True, sex="female")
    with pytest.raises(ProgramError) as caught:
        check_program([ProgramEntry("quads_ball_prone", ("left", "right"))], intake, assessment, kb)
    assert "cannot be added" in caught.value.messages[0]
    assert "pregnant" in caught.value.messages[0]


def test_a_warning_sign_means_no_program(kb: KnowledgeBase) -> None:
    intake, assessment = _case(kb, findings=["saddle_numbness"])
    with pytest.raises(ProgramError, match="warning sign"):
        check_program([ProgramEntry("glute_bridge")], intake, assessment, kb)


def test_the_routine_follows_the_order_doses_and_sides_given(kb: KnowledgeBase) -> None:
    intake, assessment = _case(kb)
    entries = [
        ProgramEntry("glute_bridge", (), {"reps": 12}, "Squeeze at the top."),
        ProgramEntry("ql_hands_standing", ("right",), {"hold_seconds": 60}),
    ]
    routine = program_routine(entries, intake, assessment, kb, by="Paula")
    assert [i.technique.id for i in routine.items] == ["glute_bridge", "ql_hands_standing"]
    assert routine.items[0].technique.dose.reps == 12
    assert routine.items[0].reason == "Paula's note: Squeeze at the top."
    assert routine.items[1].sides == ("right",)
    steps = build_timeline(routine, kb)
    assert sum(s.seconds for s in steps) == routine.session_seconds
    assert not any(s.kind == "switch" for s in steps if s.technique == "ql_hands_standing")


def test_the_handout_names_the_practitioner_and_carries_the_notes(kb: KnowledgeBase) -> None:
    from unknot.handout.document import handout_html
    from unknot.planning import Answer, weekly_schedule

    intake, assessment = _case(kb)
    entries = [ProgramEntry("glute_bridge", (), {}, "Squeeze at the top.")]
    routine = program_routine(entries, intake, assessment, kb, by="Paula")
    result = Answer(assessment, routine, weekly_schedule(routine, kb))
    html = handout_html(result, kb, session_url="https://x/s", qr_uri="data:,",
                        program_by="Paula", program_note="Every morning.")  # fmt: skip
    assert "Your program from Paula" in html and "Every morning." in html
    assert "Paula&#x27;s note: Squeeze at the top." in html


def test_release_work_keeps_the_planners_daily_cap(kb: KnowledgeBase) -> None:
    intake, assessment = _case(kb, props=list(kb.props))
    entries: list[ProgramEntry] = []
    for tech in kb.techniques.values():
        if tech.phase.value != "release":
            continue
        longest = {r.figure: r.highest for r in dose_ranges(tech, kb)}
        entry = ProgramEntry(tech.id, ("left", "right") if tech.one_sided else (), longest)
        try:
            check_program([entry], intake, assessment, kb)
        except ProgramError:
            continue  # not for this person: each entry alone must be allowed
        entries.append(entry)
    release = sum(program_routine([e], intake, assessment, kb, by="Paula").seconds for e in entries)
    assert release > kb.planning.max_release_seconds_per_day  # the case this test needs
    with pytest.raises(ProgramError, match="daily limit"):
        check_program(entries, intake, assessment, kb)
    with pytest.raises(ProgramError, match="daily limit"):
        program_routine(entries, intake, assessment, kb, by="Paula")


def test_a_refused_programs_words_may_name_only_what_is_filled_in(kb: KnowledgeBase) -> None:
    doses = kb.planning.program_doses.model_dump()
    with pytest.raises(ValidationError, match=r"release_cap: \{hours\} is not filled in here"):
        ProgramDoses.model_validate({**doses, "release_cap": "{hours} hours a day"})
    with pytest.raises(ValidationError, match=r"warning_sign: \{minutes\} is not filled in"):
        ProgramDoses.model_validate({**doses, "warning_sign": "{minutes}"})
