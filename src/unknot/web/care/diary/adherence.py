"""How many days a person did a session, against what their plan asked, counted from the day
the plan began: "3 of 4 this week", "9 of 10 since 2 Nov". Weeks before the plan began show as
empty bars, with nothing planned, so a new account is not shown as weeks behind."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from unknot.web.accounts.models import User
from unknot.web.care.access import owned
from unknot.web.care.models import Assessment, SessionRecord

WEEKS = 6  # the weeks the chart shows, this one included


@dataclass(frozen=True)
class WeekDone:
    start: date  # a Monday
    days: int  # days with at least one session (once the plan began, if it began that week)
    planned: int | None  # None: the week ended before the plan began, or there is no plan
    current: bool


@dataclass(frozen=True)
class Adherence:
    weeks: list[WeekDone]  # oldest first, this week last
    began: date | None  # the day of the person's first plan
    done: int  # days with a session since then
    planned: int | None  # sessions the plan asked for from then to today, today included

    @property
    def this_week(self) -> WeekDone:
        return self.weeks[-1]


def plan_began(user: User) -> date | None:
    """The day of the person's first self-care assessment: their first plan."""
    first = (
        owned(Assessment, user)
        .filter(verdict="self_care")
        .order_by("created", "id")
        .values_list("created", flat=True)
        .first()
    )
    return timezone.localtime(first).date() if first is not None else None


def share(per_week: int, days: int) -> int:
    """The sessions ``per_week`` asks for over ``days`` days, rounded up (a part of a week
    still asks for a session)."""
    return math.ceil(per_week * days / 7 - 1e-9)


def week_target(monday: date, began: date | None, per_week: int | None) -> int | None:
    """What a week asks for: all of ``per_week`` once the plan has begun, the share of the days
    left in the week when it began during it, and nothing (None) before it began."""
    if began is None or per_week is None:
        return None
    sunday = monday + timedelta(days=6)
    if sunday < began:
        return None
    return per_week if began <= monday else share(per_week, (sunday - began).days + 1)


def adherence(user: User, per_week: int | None, today: date) -> Adherence:
    """Days with a session each week for the last ``WEEKS`` weeks, and since the plan began.
    Two queries: the plan's first day, and the days with a session since the earlier of that
    day and the chart's first Monday."""
    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=WEEKS - 1)
    began = plan_began(user)
    since = min(first_monday, began) if began is not None else first_monday
    local = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(since, datetime.min.time()), local)
    sessions = owned(SessionRecord, user).filter(at__gte=start)
    days = {d.date() for d in sessions.datetimes("at", "day", tzinfo=local)}
    weeks = []
    for n in range(WEEKS):
        monday = first_monday + timedelta(weeks=n)
        target = week_target(monday, began, per_week)
        counted = max(monday, began) if target is not None and began is not None else monday
        done = sum(1 for d in days if counted <= d < monday + timedelta(days=7))
        weeks.append(WeekDone(monday, done, target, n == WEEKS - 1))
    if began is None:
        return Adherence(weeks, None, 0, None)
    done_since = sum(1 for d in days if d >= began)
    planned = share(per_week, (today - began).days + 1) if per_week is not None else None
    return Adherence(weeks, began, done_since, planned)
