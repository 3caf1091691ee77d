"""Weekly schedule, the progression rule from the diary, and the iCalendar export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar
from pydantic import ValidationError

from unknot.clinical import parse_intake
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.settings import ProgressionWords
from unknot.planning import answer
from unknot.planning.schedule import SessionLog, Step, progression, schedule_ics

TODAY = date(2026, 11, 23)  # a Monday; time is frozen by passing dates in


def logs(days_ago: list[int], before: int = 5, after: int = 4) -> list[SessionLog]:
    return [SessionLog(TODAY - timedelta(days=d), before, after) for d in days_ago]


TWO_GOOD_WEEKS = logs([1, 2, 3, 4, 5, 8, 9, 10, 11, 12])


@dataclass(frozen=True)
class Case:
    name: str
    logs: list[SessionLog]
    step: Step


CASES = [
    Case("nothing logged", [], Step.keep),
    Case("two good weeks", TWO_GOOD_WEEKS, Step.progress),
    Case("one good week only", logs([1, 2, 3, 4, 5]), Step.keep),
    Case("good weeks but too few sessions", logs([1, 8]), Step.keep),
    Case(
        "last session 2 points worse",
        [*TWO_GOOD_WEEKS, SessionLog(TODAY, 4, 6)],
        Step.step_back,
    ),
    Case(
        "last session not tolerated",
        [*TWO_GOOD_WEEKS, SessionLog(TODAY, 4, 4, tolerated=False)],
        Step.step_back,
    ),
    Case(
        "three sessions in a row worse",
        [SessionLog(TODAY - timedelta(days=d), 3, 6) for d in (0, 1, 2)],
        Step.see_clinician,
    ),
    Case(
        "pain before sessions rising week on week",
        [
            *logs([15, 16, 17], before=2, after=2),
            *logs([8, 9, 10], before=3, after=3),
            *logs([1, 2, 3], before=5, after=5),
        ],
        Step.see_clinician,
    ),
    Case(
        "one point worse is not a step back",
        [*TWO_GOOD_WEEKS[:-1], SessionLog(TODAY, 4, 5)],
        Step.keep,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_progression(kb: KnowledgeBase, case: Case) -> None:
    advice = progression(case.logs, TODAY, 5, kb)
    assert advice.step is case.step
    assert advice.reason


def _routine(kb: KnowledgeBase, minutes: int = 15):  # type: ignore[no-untyped-def]
    data = {
        "age": 40,
        "duration_weeks": 2,
        "pain": [{"region": "low_back", "side": "left", "intensity": 5}],
        "findings": ["pain_standing_after_sitting"],
        "props": ["yoga_block"],
        "minutes": minutes,
        "floor_ok": True,
    }
    return answer(parse_intake(data, kb), kb)


def test_short_routines_may_be_done_twice_a_day(kb: KnowledgeBase) -> None:
    assert _routine(kb, 5).schedule.sessions_per_day == 2
    assert _routine(kb, 20).schedule.sessions_per_day == 1


def test_strengthening_days_are_spread_through_the_week(kb: KnowledgeBase) -> None:
    schedule = _routine(kb, 20).schedule
    assert schedule.sessions_per_week == len(schedule.days)
    assert any("of those days only" in note for note in schedule.notes)


def test_the_calendar_file_is_valid_icalendar(kb: KnowledgeBase) -> None:
    result = _routine(kb, 15)
    text = schedule_ics(
        result.schedule, result.routine, TODAY, time(7, 30), datetime(2026, 11, 23, 12, 0)
    )
    lines = text.split("\r\n")
    assert lines[-1] == ""
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1
    assert lines[0] == "BEGIN:VCALENDAR"
    assert "DTSTART:20261123T073000" in lines
    assert "DTSTAMP:20261123T120000Z" in lines
    rrule = next(line for line in lines if line.startswith("RRULE:"))
    assert rrule.startswith("RRULE:FREQ=WEEKLY;BYDAY=MO")
    unfolded = text.replace("\r\n ", "")
    assert "Supported bridge on a block" in unfolded


def test_each_event_carries_the_link_that_starts_the_session(kb: KnowledgeBase) -> None:
    result = _routine(kb, 15)
    url = "https://unknot.example.org/plans/7/session/"
    text = schedule_ics(
        result.schedule, result.routine, TODAY, time(7, 30), datetime(2026, 11, 23, 12, 0),
        session_url=url,
    )  # fmt: skip
    event = Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["URL"]) == url
    assert str(event["DESCRIPTION"]).startswith(f"Start: {url}")
    assert [str(day) for day in event["RRULE"]["BYDAY"]] == list(result.schedule.days)


def test_the_diarys_words_may_name_only_what_is_filled_in(kb: KnowledgeBase) -> None:
    words = kb.planning.progression_words.model_dump()
    with pytest.raises(ValidationError, match=r"keep: \{weeks\} is not filled in here"):
        ProgressionWords.model_validate({**words, "keep": "Keep going for {weeks} weeks."})
    assert ProgressionWords.model_validate(words) == kb.planning.progression_words
