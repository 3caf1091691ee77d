"""A practitioner's view of their clients: the list at a glance, and one client's record.

Everything is read through ``care.access.shared`` (only what the client agreed to share) and
summarised by the diary's own services and the core (``clinical.outcomes`` reads every change):
nothing about pain or measures is worked out here again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from unknot.knowledge.models import FindingKind
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.access import client_links, shared
from unknot.web.care.diary import series
from unknot.web.care.diary import services as diary
from unknot.web.care.diary.adherence import Adherence, adherence
from unknot.web.care.models import Assessment, CheckIn, MeasureResult, SessionRecord
from unknot.web.practice.models import Link

WARNING_DAYS = 28  # warning signs reported at a check-in this recently come first


@dataclass(frozen=True)
class Warning:
    at: datetime
    what: str


@dataclass(frozen=True)
class ClientSummary:
    link: Link
    warnings: tuple[Warning, ...]
    last_session: datetime | None
    adherence: Adherence | None  # None: sessions are not shared
    per_week: int | None
    pain: diary.PainSummary | None
    measures: tuple[diary.MeasureSummary, ...]

    @property
    def client(self) -> User:
        return self.link.client


def pain_summary(link: Link) -> diary.PainSummary | None:
    """The client's pain, from what they share only (sessions, check-ins), read as the diary
    reads it: the first and latest ratings in the database, never every row."""
    sessions = shared(SessionRecord, link)
    columns = (
        series.Column(shared(CheckIn, link), "pain"),
        series.Column(sessions, "pain_before"),
        series.Column(sessions, "pain_after"),
    )
    return diary.pain_summary(series.plotted(columns))


def warnings(link: Link, today: date) -> tuple[Warning, ...]:
    """Warning signs: a latest assessment whose verdict pauses the plan, and red-flag symptoms
    reported at a check-in in the last ``WARNING_DAYS`` days, newest first."""
    kb = services.kb()
    found: list[Warning] = []
    latest = shared(Assessment, link).order_by("-created", "-id").first()
    if latest is not None and kb.tiers.of(latest.verdict).pauses_plans:
        found.append(Warning(latest.created, kb.tiers.of(latest.verdict).headline))
    since = timezone.now() - timedelta(days=WARNING_DAYS)
    for at, symptoms in shared(CheckIn, link).filter(at__gte=since).values_list("at", "symptoms"):
        flags = [
            kb.findings[s].short
            for s in symptoms or ()
            if isinstance(s, str)
            and s in kb.findings
            and kb.findings[s].kind is FindingKind.red_flag
        ]
        if flags:
            found.append(Warning(at, "At a check-in: " + "; ".join(flags)))
    return tuple(sorted(found, key=lambda w: w.at, reverse=True))


def summary(link: Link, today: date) -> ClientSummary:
    plan = diary.current_plan(link.client) if "plan" in link.scopes else None
    per_week = plan.sessions_per_week if plan else None
    kept = adherence(link.client, per_week, today) if "diary" in link.scopes else None
    measures = diary.measure_summaries(link.client) if "measures" in link.scopes else []
    last = shared(SessionRecord, link).order_by("-at").values_list("at", flat=True).first()
    return ClientSummary(
        link=link,
        warnings=warnings(link, today),
        last_session=last,
        adherence=kept,
        per_week=per_week,
        pain=pain_summary(link),
        measures=tuple(measures),
    )


def client_list(user: User, today: date) -> list[ClientSummary]:
    """Every client linked to ``user`` now: those with a warning sign first, then by the most
    recent session (none last)."""
    rows = [summary(link, today) for link in client_links(user, "client list summary")]
    epoch = timezone.make_aware(datetime(1970, 1, 1))
    rows.sort(key=lambda r: (not r.warnings, -(r.last_session or epoch).timestamp()))
    return rows


def entries(link: Link, limit: int = 30) -> list[SessionRecord | CheckIn]:
    """The client's latest sessions and check-ins they share, newest first."""
    rows: list[SessionRecord | CheckIn] = [
        *shared(SessionRecord, link).order_by("-at", "-id")[:limit],
        *shared(CheckIn, link).order_by("-at", "-id")[:limit],
    ]
    rows.sort(key=lambda r: r.at, reverse=True)
    return rows[:limit]


def measures_of(link: Link) -> list[MeasureResult]:
    return list(shared(MeasureResult, link).order_by("-at", "-id")[:30])
