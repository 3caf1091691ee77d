"""What the diary pages show: the services' summaries put into words and charts.

Every sentence about a change comes from the core (``outcomes.compare``) and every piece of
advice from the core or the knowledge base; this module only arranges them for the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from unknot.clinical.change import Change, compare
from unknot.clinical.outcomes import Score
from unknot.knowledge.measures import load_measures
from unknot.knowledge.questionnaires import load_questionnaires
from unknot.pictures.charts import Week, adherence_chart, measure_chart, pain_chart
from unknot.planning.schedule import Step
from unknot.web.accounts.models import User
from unknot.web.care import services as care
from unknot.web.care.access import owned
from unknot.web.care.diary import series, services
from unknot.web.care.diary.adherence import adherence
from unknot.web.care.models import CheckIn, MeasureResult


def when(at: datetime) -> str:
    local = timezone.localtime(at)
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M}"


def day_words(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def clinician_advice() -> str:
    """Where to go about worsening pain, in the knowledge base's words (tiers.yaml)."""
    return care.kb().tiers.screening.worsening_advice


@dataclass(frozen=True)
class Worry:
    """A reason to suggest a clinician: what changed and the advice that goes with it."""

    what: str
    advice: str


@dataclass(frozen=True)
class MeasureCard:
    summary: services.MeasureSummary
    chart: str
    latest_at: str

    @property
    def measure_id(self) -> str:
        return self.summary.measure.id


def diary_context(user: User, page: int, today: date) -> dict[str, Any]:
    """Everything /diary/ shows. A fixed number of queries, whatever the diary's length."""
    chart = series.plotted(services.pain_columns(user))
    no_pain = all(s is None for s in chart.summaries)
    pain = services.pain_summary(chart)
    plan = services.current_plan(user)
    per_week = plan.sessions_per_week if plan else None
    kept = adherence(user, per_week, today)
    weeks = kept.weeks
    rated = services.recent_rated_sessions(user, today)
    advice = services.session_advice(rated, per_week or 1, today) if per_week else None
    summaries = services.measure_summaries(user)
    due = services.due_measures(user, today)
    entries = services.entry_page(user, page)

    worries: list[Worry] = []
    if pain is not None and pain.change is not None and pain.worsening:
        worries.append(Worry(pain.change.sentence, pain.change.advice or ""))
    if advice is not None and advice.step is Step.see_clinician:
        worries.append(Worry("Your sessions:", advice.reason))
    for s in summaries:
        if s.change is not None and s.worsening:
            worries.append(Worry(f"{s.measure.name}: {s.change.sentence}", s.change.advice or ""))

    cards = [
        MeasureCard(s, measure_chart(s.measure, (), prefix=f"chart-{s.measure.id}",
                                     plotted=s.scores), when(s.last[0]))
        for s in summaries
    ]  # fmt: skip
    done_this_far = sum(w.days for w in weeks)
    return {
        "empty": no_pain and not summaries and not entries.entries,
        "pain": pain,
        "pain_latest_at": when(pain.latest[0]) if pain else "",
        "pain_first_at": when(pain.first[0]) if pain else "",
        "last_session": _last_rated_session(services.last_rated_session(rated)),
        "pain_chart": "" if no_pain else pain_chart((), (), (), prefix="chart-pain",
                                                    plotted=chart),
        "plan": plan,
        "weeks": weeks,
        "adherence": kept,
        "weeks_done": done_this_far,
        "adherence_chart": adherence_chart(
            [Week(w.start, w.days, w.planned) for w in weeks], prefix="chart-adherence"
        ) if plan or done_this_far else "",
        "advice": advice,
        "worries": worries,
        "clinician": clinician_advice() if worries else "",
        "cards": cards,
        "due_now": [d for d in due if d.is_due(today)],
        "due_later": [d for d in due if not d.is_due(today)],
        "licensed_only": [
            m for m in load_measures().values()
            if not services.fillable(m) and m.id not in {d.measure.id for d in due}
        ],
        "entries": [entry_row(e) for e in entries.entries],
        "page": entries.page,
        "has_next": entries.has_next,
        "findings": care.kb().findings,
    }  # fmt: skip


def entry_row(entry: Any) -> dict[str, Any]:
    """One diary line for the template: a session or a check-in."""
    kb = care.kb()
    if isinstance(entry, CheckIn):
        names = [kb.findings[f].short for f in entry.symptoms if f in kb.findings]
        return {"kind": "check_in", "row": entry, "when": when(entry.at), "symptoms": names}
    return {"kind": "session", "row": entry, "when": when(entry.at), "symptoms": []}


def result_context(user: User, result: MeasureResult, score: Score | None) -> dict[str, Any]:
    """A measure result, with its change since the first result of that measure."""
    m = load_measures()[result.measure]
    first = (
        owned(MeasureResult, user)
        .filter(measure=result.measure)
        .order_by("at", "id")
        .values_list("pk", "at", "score")
        .first()
    )
    change: Change | None = None
    if m.meaningful_change is not None and first is not None and first[0] != result.pk:
        change = compare(m.id, first[2], result.score)
    return {
        "measure": m,
        "text": load_questionnaires().get(m.id),
        "result": result,
        "score": score,
        "when": when(result.at),
        "change": change,
        "first_at": when(first[1]) if first and change else "",
        "clinician": clinician_advice() if change and change.advice else "",
    }


def _last_rated_session(session: tuple[datetime, int, int] | None) -> dict[str, Any] | None:
    """The most recent session with pain rated before and after, for "right after it" wording."""
    if session is None:
        return None
    at, before, after = session
    return {"at": when(at), "before": before, "after": after}
