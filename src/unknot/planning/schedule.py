"""The weekly schedule, the progression rule, and the schedule as an iCalendar file."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from unknot.knowledge import KnowledgeBase
from unknot.planning.routine import PlanItem, Routine

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _spread(count: int, among: int) -> list[int]:
    """``count`` day indexes spread evenly over the first ``among`` days of the week."""
    return sorted({math.ceil(i * among / count) for i in range(count)})


@dataclass(frozen=True, slots=True)
class Schedule:
    sessions_per_week: int
    sessions_per_day: int
    days: tuple[str, ...]  # iCalendar weekday codes, Monday first
    notes: tuple[str, ...]


def weekly_schedule(routine: Routine, kb: KnowledgeBase) -> Schedule:
    """How often to do the routine, from the doses of its techniques.

    The days per week are the most any technique in the routine asks for (the default when none
    says); a technique that asks for fewer days (strengthening, three days a week) gets a note
    naming its days, spread over the week; sessions per day come from the routine (short
    routines may be done twice a day, seed 004).
    """
    settings = kb.planning
    asked = [
        i.technique.dose.days_per_week for i in routine.items if i.technique.dose.days_per_week
    ]
    per_week = max(asked, default=settings.default_sessions_per_week)
    days = _WEEKDAYS[:per_week]
    notes = [
        f"Do the routine on {per_week} days a week"
        + (", once or twice a day." if routine.sessions_per_day > 1 else ", once a day.")
    ]
    fewer: dict[int, list[str]] = {}
    for item in routine.items:
        wanted = item.technique.dose.days_per_week
        if wanted is not None and wanted < per_week:
            fewer.setdefault(wanted, []).append(item.technique.name)
    for wanted, names in sorted(fewer.items()):
        spread = ", ".join(_DAY_NAMES[d] for d in _spread(wanted, per_week))
        notes.append(f"Do {', '.join(names)} on {wanted} of those days only ({spread}).")
    notes += [
        "Keep going: the release techniques work best done often and gently, not hard and rarely.",
        "Log your pain before and after each session; the plan moves on after "
        f"{settings.progress_after_good_weeks} good weeks and steps back if a session leaves "
        f"pain {settings.step_back_when_pain_rises_by} or more points worse.",
    ]
    return Schedule(per_week, routine.sessions_per_day, days, tuple(notes))


def item_days(item: PlanItem, schedule: Schedule) -> tuple[str, ...]:
    """The days of the week (iCalendar codes) on which ``item`` is done: every day of the
    schedule, or, for a technique that asks for fewer days, those the schedule's note names."""
    wanted = item.technique.dose.days_per_week
    per_week = len(schedule.days)
    if wanted is None or wanted >= per_week:
        return schedule.days
    return tuple(schedule.days[d] for d in _spread(wanted, per_week))


# --- progression ---------------------------------------------------------------------------------


class Step(StrEnum):
    progress = "progress"
    keep = "keep"
    step_back = "step_back"
    see_clinician = "see_clinician"


@dataclass(frozen=True, slots=True)
class SessionLog:
    """One diary entry: the day, pain before and after (0-10), and whether it was tolerated."""

    day: date
    pain_before: int
    pain_after: int
    tolerated: bool = True

    @property
    def worse_by(self) -> int:
        return self.pain_after - self.pain_before


@dataclass(frozen=True, slots=True)
class Advice:
    step: Step
    reason: str


def progression(
    logs: Sequence[SessionLog], today: date, sessions_per_week: int, kb: KnowledgeBase
) -> Advice:
    """What to do next, from the diary.

    Rules, most serious first: pain after a session ``step_back_when_pain_rises_by`` or more
    points above pain before, in ``clinician_after_worse_sessions`` of the last sessions, or pain
    before sessions rising week on week for two weeks -> see a clinician; the last session
    that much worse, or not tolerated -> step back to gentler versions; every one of the last
    ``progress_after_good_weeks`` whole weeks with at least ``sessions_per_week - 1`` sessions,
    all tolerated and none worse -> progress; otherwise keep going. No logs -> keep.
    """
    settings = kb.planning
    words = settings.progression_words
    threshold = settings.step_back_when_pain_rises_by
    ordered = sorted(logs, key=lambda log: log.day)
    if not ordered:
        return Advice(Step.keep, words.none_yet)
    recent = ordered[-settings.clinician_after_worse_sessions :]
    worse = [log for log in recent if log.worse_by >= threshold]
    if len(worse) >= settings.clinician_after_worse_sessions or _rising(ordered, today):
        return Advice(Step.see_clinician, words.see_clinician)
    last = ordered[-1]
    if last.worse_by >= threshold or not last.tolerated:
        return Advice(Step.step_back, words.step_back.format(points=last.worse_by))
    weeks = settings.progress_after_good_weeks
    start = today - timedelta(days=7 * weeks)
    window = [log for log in ordered if start <= log.day < today]
    good_weeks = all(
        len(
            [
                log
                for log in window
                if start + timedelta(7 * w) <= log.day < start + timedelta(7 * (w + 1))
            ]
        )
        >= max(1, sessions_per_week - 1)
        for w in range(weeks)
    )
    since = [log for log in ordered if log.day >= start]  # today's sessions count here too
    if good_weeks and all(log.tolerated and log.worse_by <= 0 for log in since):
        return Advice(Step.progress, words.progress.format(weeks=weeks))
    return Advice(Step.keep, words.keep)


def _rising(logs: Sequence[SessionLog], today: date) -> bool:
    """Average pain before sessions higher each week than the week before, three weeks running."""
    means = []
    for back in (2, 1, 0):
        start = today - timedelta(days=7 * (back + 1))
        week = [log.pain_before for log in logs if start <= log.day < start + timedelta(7)]
        if not week:
            return False
        means.append(sum(week) / len(week))
    return means[0] < means[1] < means[2] and means[2] - means[0] >= 2


# --- iCalendar -----------------------------------------------------------------------------------


def schedule_ics(
    schedule: Schedule,
    routine: Routine,
    start: date,
    at: time,
    stamp: datetime,
    uid_seed: str = "unknot",
    session_url: str | None = None,
) -> str:
    """The schedule as an iCalendar (RFC 5545) text with one weekly recurring event, written
    by the ``icalendar`` library (escaping, line folding and CRLF endings are its job).

    ``stamp`` is the DTSTAMP (pass a fixed value in tests); the event starts on ``start`` at
    ``at`` in floating local time (the person's own clock, wherever they are) and lasts as long
    as the routine. ``session_url``, when given, is the address that starts the guided session:
    it is the event's URL and the first line of its description, so a tap in the calendar
    opens the session.
    """
    from icalendar import Alarm, Calendar, Event  # a tenth of a second to import: when needed

    minutes = max(1, round(routine.seconds / 60))
    begin = datetime.combine(start, at)
    names = ", ".join(i.technique.name for i in routine.items)
    description = "\n".join(
        part
        for part in (session_url and f"Start: {session_url}", names, " ".join(schedule.notes))
        if part
    )
    event = Event()
    event.add("uid", f"{uid_seed}-{start.isoformat()}-{at.strftime('%H%M')}@unknot.local")
    event.add("dtstamp", stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp)
    event.add("dtstart", begin)
    event.add("dtend", begin + timedelta(minutes=minutes))
    event.add("rrule", {"freq": "weekly", "byday": list(schedule.days)})
    event.add("summary", f"unknot routine ({minutes} min)")
    event.add("description", description)
    if session_url:
        event.add("url", session_url)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Time for your unknot routine")
    alarm.add("trigger", timedelta(minutes=-5))
    event.add_component(alarm)
    calendar = Calendar()
    calendar.add("prodid", "-//unknot//self-care schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add_component(event)
    text: str = calendar.to_ical().decode("utf-8")
    return text
