"""The diary's queries and summaries: plain functions over one person's rows.

Every query goes through ``care.access.owned``. Each summary reads only what it shows: the first
and latest ratings, the last few sessions, the latest time of each measure, the chart's points
averaged in the database (``diary.series``), so the diary costs the same with a long history; the
list of entries is one page at a time.
What a change means and when a measure is due come from the core and the knowledge base.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Max, Value
from django.utils import timezone

from unknot.clinical.change import Change, compare
from unknot.clinical.intake import IntakeError, parse_intake
from unknot.clinical.outcomes import OutcomeInputError, Score
from unknot.clinical.screening import Screening, screen, screen_findings
from unknot.knowledge.measures import Measure, load_measures
from unknot.knowledge.models import FindingKind
from unknot.pictures.charts import Plotted
from unknot.planning.schedule import Advice, SessionLog, progression
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.access import owned
from unknot.web.care.diary import series
from unknot.web.care.diary.scoring import score_answers
from unknot.web.care.models import Assessment, CheckIn, MeasureResult, SessionRecord

PAGE_SIZE = 20

Reading = tuple[datetime, float]


# --- pain ---------------------------------------------------------------------------------------


def pain_columns(user: User) -> tuple[series.Column, series.Column, series.Column]:
    """Pain at check-ins, before sessions and after sessions, as the chart draws them."""
    sessions = owned(SessionRecord, user)
    return (
        series.Column(owned(CheckIn, user), "pain"),
        series.Column(sessions, "pain_before"),
        series.Column(sessions, "pain_after"),
    )


@dataclass(frozen=True)
class PainSummary:
    first: Reading
    latest: Reading
    change: Change | None  # None with a single rating

    @property
    def worsening(self) -> bool:
        return self.change is not None and self.change.advice is not None


def pain_summary(pain: Plotted) -> PainSummary | None:
    """The latest pain rating and its change since the first, as the core reads it, over the
    ratings that follow the pain over weeks: check-ins and pain before sessions (pain just after
    a session measures that session, so it is charted but not compared). ``pain`` is the chart's
    three series (``pain_columns``); on the same time a check-in comes first."""
    check_ins, before = pain.summaries[0], pain.summaries[1]
    course = [(s, rank) for rank, s in enumerate((check_ins, before)) if s is not None]
    if not course:
        return None
    first = min(((s.first[0], rank), s.first) for s, rank in course)[1]
    latest = max(((s.last[0], rank), s.last) for s, rank in course)[1]
    count = sum(s.count for s, _ in course)
    change = compare("nprs", first[1], latest[1]) if count > 1 else None
    return PainSummary((first[0], first[1]), (latest[0], latest[1]), change)  # type: ignore[arg-type]


def rated_sessions(user: User, since: date, last: int) -> list[tuple[datetime, int, int]]:
    """The sessions rated before and after, oldest first: every one from the day ``since`` (local
    time) on, and the ``last`` latest ones whenever they were. Two queries on the index."""
    rows = owned(SessionRecord, user).filter(pain_before__isnull=False, pain_after__isnull=False)
    start = timezone.make_aware(datetime.combine(since, datetime.min.time()))
    recent = list(rows.filter(at__gte=start).values_list("id", "at", "pain_before", "pain_after"))
    latest = list(rows.order_by("-at", "-id").values_list(
        "id", "at", "pain_before", "pain_after")[:last])  # fmt: skip
    seen = {r[0]: r for r in (*recent, *latest)}
    ordered = sorted(seen.values(), key=lambda r: (r[1], r[0]))
    # both ratings are there (the filter): the checker cannot know it
    return [(at, before, after) for _, at, before, after in ordered]  # type: ignore[misc]


def recent_rated_sessions(user: User, today: date) -> list[tuple[datetime, int, int]]:
    """The rated sessions the progression rule can look at: the last few, and those of the last
    few weeks (``planning.yaml``); the latest rated session is among them."""
    planning = services.kb().planning
    weeks = max(3, planning.progress_after_good_weeks)  # three weeks: rising pain
    since = today - timedelta(days=7 * weeks)
    return rated_sessions(user, since, max(1, planning.clinician_after_worse_sessions))


def session_advice(
    rated: list[tuple[datetime, int, int]], sessions_per_week: int, today: date
) -> Advice | None:
    """The core's progression rule over the sessions with both ratings (``rated``, from
    ``recent_rated_sessions``: the rule looks at no others); None without any."""
    kb = services.kb()
    logs = [SessionLog(timezone.localtime(at).date(), b, a) for at, b, a in rated]
    if not logs:
        return None
    return progression(logs, today, sessions_per_week, kb)


def last_rated_session(rated: list[tuple[datetime, int, int]]) -> tuple[datetime, int, int] | None:
    """The most recent session with pain rated before and after, of ``rated_sessions``."""
    return rated[-1] if rated else None


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
        schedule = services.evaluate_kept(latest).answer.schedule
    except IntakeError:
        return Plan(latest, None)
    return Plan(latest, schedule.sessions_per_week if schedule else None)


# --- outcome measures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureSummary:
    measure: Measure
    first: Reading
    last: Reading
    scores: Plotted  # for the chart: averaged in the database (diary.series)
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
    """Each measure the person has used, in the knowledge base's order: its first and latest
    results (re-scored from their answers), its change, and its chart's points."""
    measures = load_measures()
    rows = owned(MeasureResult, user)
    used = set(rows.order_by().values_list("measure", flat=True).distinct())
    result = []
    for measure_id, m in measures.items():
        if measure_id not in used:
            continue
        column = series.Column(rows.filter(measure=measure_id), "score")
        found = series.stats(column, extra=("answers",))
        summary = found.summary
        if summary is None:
            continue
        chart = series.plotted([column], found=[found])
        first_score = _rescore(m, found.first_row[0])
        latest = _rescore(m, found.last_row[0])
        many = summary.count > 1
        change = None
        if m.meaningful_change is not None and many:
            change = compare(measure_id, summary.first[1], summary.last[1])
        result.append(MeasureSummary(
            measure=m, first=summary.first, last=summary.last, scores=chart,  # type: ignore[arg-type]
            latest=latest, change=change,
            first_band=first_score.band if first_score and many else None,
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
    One query: the latest time of each measure."""
    latest = owned(MeasureResult, user).order_by().values("measure").annotate(at=Max("at"))
    last = {row["measure"]: timezone.localtime(row["at"]).date() for row in latest}
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
                services.save_assessment(user, document, from_check_in=True)
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
