"""The diary's queries and summaries: plain functions over one person's rows.

Every query goes through ``care.access.owned``. The overview reads each table once, in a few
columns, so the diary stays fast with a long history; the list of entries is one page at a time.
What a change means and when a measure is due come from the core and the knowledge base.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Value
from django.utils import timezone

from unknot.clinical.intake import IntakeError, parse_intake
from unknot.clinical.outcomes import Change, OutcomeInputError, Score, compare
from unknot.clinical.screening import Screening, screen, screen_findings
from unknot.knowledge.measures import Measure, load_measures
from unknot.knowledge.models import FindingKind
from unknot.planning.schedule import Advice, SessionLog, progression
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.access import owned
from unknot.web.care.diary.scoring import score_answers
from unknot.web.care.models import Assessment, CheckIn, MeasureResult, SessionRecord

PAGE_SIZE = 20

Reading = tuple[datetime, float]


# --- pain ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PainHistory:
    """Every pain rating: at check-ins, and before and after sessions, oldest first."""

    check_ins: tuple[Reading, ...]
    before: tuple[Reading, ...]
    after: tuple[Reading, ...]
    sessions: tuple[tuple[datetime, int | None, int | None], ...]  # at, before, after

    @property
    def course(self) -> tuple[Reading, ...]:
        """The ratings that follow the pain over weeks: check-ins and pain before sessions (pain
        just after a session measures that session, so it is charted but not compared)."""
        return tuple(sorted((*self.check_ins, *self.before), key=lambda r: r[0]))

    @property
    def empty(self) -> bool:
        return not (self.check_ins or self.before or self.after)


def pain_history(user: User) -> PainHistory:
    """Two queries, a few columns each."""
    checks = owned(CheckIn, user).filter(pain__isnull=False).order_by("at", "id")
    sessions = tuple(owned(SessionRecord, user).order_by("at", "id").values_list(
        "at", "pain_before", "pain_after"))  # fmt: skip
    return PainHistory(
        check_ins=tuple(
            (at, float(p)) for at, p in checks.values_list("at", "pain") if p is not None
        ),
        before=tuple((at, float(b)) for at, b, _ in sessions if b is not None),
        after=tuple((at, float(a)) for at, _, a in sessions if a is not None),
        sessions=sessions,
    )


@dataclass(frozen=True)
class PainSummary:
    first: Reading
    latest: Reading
    change: Change | None  # None with a single rating

    @property
    def worsening(self) -> bool:
        return self.change is not None and self.change.advice is not None


def pain_summary(history: PainHistory) -> PainSummary | None:
    """The latest pain rating and its change since the first, as the core reads it."""
    course = history.course
    if not course:
        return None
    first, latest = course[0], course[-1]
    change = compare("nprs", first[1], latest[1]) if len(course) > 1 else None
    return PainSummary(first, latest, change)


def session_advice(history: PainHistory, sessions_per_week: int, today: date) -> Advice | None:
    """The core's progression rule over the sessions with both ratings; None without any."""
    logs = [
        SessionLog(timezone.localtime(at).date(), before, after)
        for at, before, after in history.sessions
        if before is not None and after is not None
    ]
    if not logs:
        return None
    return progression(logs, today, sessions_per_week, services.kb())


# --- plan and adherence ------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    assessment: Assessment
    sessions_per_week: int | None  # None: the stored intake no longer gives a plan


def current_plan(user: User) -> Plan | None:
    """The latest self-care assessment and its sessions per week (evaluated once, here)."""
    latest = owned(Assessment, user).filter(verdict="self_care").order_by("-created", "-id").first()
    if latest is None:
        return None
    try:
        schedule = services.evaluation_of(latest).answer.schedule
    except IntakeError:
        return Plan(latest, None)
    return Plan(latest, schedule.sessions_per_week if schedule else None)


# --- outcome measures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureSummary:
    measure: Measure
    scores: tuple[Reading, ...]  # oldest first
    latest: Score | None  # re-scored from the stored answers; None if they no longer score
    change: Change | None  # since the first; None for one score, or STarT Back
    first_band: str | None  # STarT Back: the first risk group, to compare groups

    @property
    def worsening(self) -> bool:
        return self.change is not None and self.change.advice is not None


@dataclass(frozen=True)
class Due:
    measure: Measure
    last: date | None
    next: date  # today or before: due now

    def is_due(self, today: date) -> bool:
        return self.next <= today


def measure_summaries(user: User) -> list[MeasureSummary]:
    """Each measure the person has used, in the knowledge base's order. Two queries."""
    measures = load_measures()
    rows = (
        owned(MeasureResult, user).order_by("at", "id").values_list("pk", "measure", "at", "score")
    )
    by_measure: dict[str, list[tuple[int, datetime, float]]] = {}
    for pk, measure_id, at, score in rows:
        if measure_id in measures:
            by_measure.setdefault(measure_id, []).append((pk, at, score))
    edge_ids = [rows[i][0] for rows in by_measure.values() for i in (0, -1)]
    answers = dict(owned(MeasureResult, user).filter(pk__in=edge_ids).values_list("pk", "answers"))
    result = []
    for measure_id, m in measures.items():
        found = by_measure.get(measure_id)
        if not found:
            continue
        first_score, latest = (
            _rescore(m, answers.get(found[0][0])),
            _rescore(m, answers.get(found[-1][0])),
        )
        change = None
        if m.meaningful_change is not None and len(found) > 1:
            change = compare(measure_id, found[0][2], found[-1][2])
        result.append(MeasureSummary(
            measure=m, scores=tuple((at, score) for _, at, score in found), latest=latest,
            change=change, first_band=first_score.band if first_score and len(found) > 1 else None,
        ))  # fmt: skip
    return result


def _rescore(m: Measure, answers: Any) -> Score | None:
    try:
        return score_answers(m.id, answers) if isinstance(answers, Mapping) else None
    except OutcomeInputError:
        return None


def fillable(measure: Measure) -> bool:
    """Whether a person can fill the measure in here: its questions ship (in unknot's words or,
    under their licence, in the authors'). The Oswestry's do not: it needs a licensed copy."""
    return measure.licence.ship_item_text


def due_measures(user: User, today: date) -> list[Due]:
    """Each measure with a repeat interval in measures.yaml: due at once when never done (the
    baseline), then ``repeat.days`` after the last time. A measure that cannot be filled in here
    (see ``fillable``) is never due until the person has entered it once: they have the form.
    One query."""
    last: dict[str, date] = {}
    for measure_id, at in owned(MeasureResult, user).order_by("at").values_list("measure", "at"):
        last[measure_id] = timezone.localtime(at).date()
    result = []
    for m in load_measures().values():
        if m.repeat is None:
            continue
        done = last.get(m.id)
        if done is None and not fillable(m):
            continue
        result.append(Due(m, done, today if done is None else done + timedelta(m.repeat.days)))
    return sorted(result, key=lambda d: (d.next > today, d.next))


def save_measure(
    user: User, measure_id: str, answers: Mapping[str, Any]
) -> tuple[MeasureResult, Score]:
    """Score the answers with the core and keep them. Raises OutcomeInputError on bad input."""
    score = score_answers(measure_id, answers)
    row = MeasureResult.objects.create(owner=user, measure=measure_id, answers=dict(answers),
                                       score=float(score.value))  # fmt: skip
    return row, score


def psfs_activities(user: User) -> list[str]:
    """The activities the person named the last time they rated PSFS, to rate the same again."""
    latest = owned(MeasureResult, user).filter(measure="psfs").order_by("-at", "-id").first()
    if latest is None or not isinstance(latest.answers, Mapping):
        return []
    pairs = latest.answers.get("activities") or []
    return [str(p[0]) for p in pairs if isinstance(p, list | tuple) and p]


# --- check-ins ---------------------------------------------------------------------------------


def save_check_in(
    user: User, pain: int | None, symptoms: Sequence[str], note: str
) -> tuple[CheckIn, Screening | None]:
    """Keep the check-in, and screen it when it reports a warning sign (red-flag finding)."""
    row = CheckIn.objects.create(owner=user, pain=pain, symptoms=list(symptoms), note=note)
    return row, screen_check_in(user, symptoms)


def screen_check_in(user: User, findings: Iterable[str]) -> Screening | None:
    """The core's screening of the person's latest intake plus these findings; without a usable
    intake, of the findings alone. None when no warning sign is reported. When the latest intake
    plus these findings no longer allows self-care, that becomes the person's latest assessment,
    which pauses their plan."""
    kb = services.kb()
    reported = [f for f in findings if f in kb.findings]
    if not any(kb.findings[f].kind is FindingKind.red_flag for f in reported):
        return None
    latest = owned(Assessment, user).order_by("-created", "-id").first()
    if latest is not None:
        document = dict(latest.intake)
        document["findings"] = [*document.get("findings", []), *reported]
        # A clinician's clearance was for the signs they saw then, not for new ones.
        document["cleared_by_clinician"] = False
        document.pop("cleared_on", None)
        document.pop("answered_on", None)  # these answers are given today
        try:
            screening = screen(parse_intake(document, kb), kb)
        except IntakeError:
            pass
        else:
            if not screening.self_care:
                # The plan pauses: the latest answers now carry the warning sign, so "My plan"
                # shows what to do, and older plans refuse to play (services.paused_by).
                services.save_assessment(user, document)
            return screening
    return screen_findings(reported, kb)


# --- entries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryPage:
    entries: list[CheckIn | SessionRecord]
    page: int
    has_next: bool


def entry_page(user: User, page: int) -> EntryPage:
    """One page of sessions and check-ins, newest first: one query for the page's ids (a UNION
    ordered and sliced in SQL), one for the count, one per kind for the rows themselves."""
    offset = (page - 1) * PAGE_SIZE
    sessions = (owned(SessionRecord, user).order_by().annotate(kind=Value("s"))
                .values_list("kind", "id", "at"))  # fmt: skip
    checks = (
        owned(CheckIn, user).order_by().annotate(kind=Value("c")).values_list("kind", "id", "at")
    )
    union = sessions.union(checks, all=True)
    ids = list(union.order_by("-at", "-id")[offset : offset + PAGE_SIZE + 1])
    has_next = len(ids) > PAGE_SIZE
    ids = ids[:PAGE_SIZE]
    by_kind: dict[str, list[int]] = {"s": [], "c": []}
    for kind, pk, _ in ids:
        by_kind[kind].append(pk)
    rows: dict[tuple[str, int], CheckIn | SessionRecord] = {}
    if by_kind["s"]:
        rows.update(
            (("s", r.pk), r) for r in owned(SessionRecord, user).filter(pk__in=by_kind["s"])
        )
    if by_kind["c"]:
        rows.update((("c", r.pk), r) for r in owned(CheckIn, user).filter(pk__in=by_kind["c"]))
    entries = [rows[(kind, pk)] for kind, pk, _ in ids if (kind, pk) in rows]
    return EntryPage(entries, page, has_next)
