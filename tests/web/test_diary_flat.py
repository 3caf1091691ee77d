"""The diary's summaries read only what they show (``diary.series``, ``diary.services``), and
say exactly what they said when they read every row: the same charts, the same pain summary,
the same advice, the same measures due, for short and long histories."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.helpers import example
from unknot.clinical.change import compare
from unknot.knowledge.measures import load_measures
from unknot.pictures.charts import measure_chart, pain_chart
from unknot.planning.schedule import SessionLog, progression
from unknot.web.care import services as care
from unknot.web.care.access import owned
from unknot.web.care.diary import series, services
from unknot.web.care.models import CheckIn, MeasureResult, SessionRecord

pytestmark = pytest.mark.django_db


def history(user: Any, entries: int, seed: int) -> None:
    """Irregular entries over up to a few years, some on the very same second, some unrated."""
    rng = random.Random(seed)  # noqa: S311 (test data)
    now = timezone.now()
    at = now - timedelta(days=rng.choice([5, 90, 700, 2000]))
    step = (now - at) / max(entries, 1)
    sessions, checks, measures = [], [], []
    for _ in range(entries):
        if rng.random() > 0.1:  # one in ten on the same second as the one before
            at += step * rng.uniform(0.2, 1.8)
        kind = rng.random()
        if kind < 0.6:
            before = rng.choice([None, *range(11)])
            after = rng.choice([None, *range(11)])
            sessions.append(SessionRecord(owner=user, at=at, pain_before=before,
                                          pain_after=after))  # fmt: skip
        elif kind < 0.9:
            checks.append(CheckIn(owner=user, at=at, pain=rng.choice([None, *range(11)])))
        else:
            measure = rng.choice(["rmdq", "nprs"])
            score = rng.randint(0, 24) if measure == "rmdq" else rng.randint(0, 10)
            answers = {"total": score} if measure == "rmdq" else {"pain": score}
            measures.append(MeasureResult(owner=user, at=at, measure=measure, answers=answers,
                                          score=score))  # fmt: skip
    SessionRecord.objects.bulk_create(sessions)
    CheckIn.objects.bulk_create(checks)
    MeasureResult.objects.bulk_create(measures)


def every_rating(user: Any) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
    """Every rating, read as the diary read them before (all rows)."""
    checks = owned(CheckIn, user).filter(pain__isnull=False).order_by("at", "id")
    sessions = list(owned(SessionRecord, user).order_by("at", "id").values_list(
        "at", "pain_before", "pain_after"))  # fmt: skip
    return (
        [(at, float(p)) for at, p in checks.values_list("at", "pain")],
        [(at, float(b)) for at, b, _ in sessions if b is not None],
        [(at, float(a)) for at, _, a in sessions if a is not None],
        sessions,
    )


SIZES = [0, 1, 12, 150, 2500]


@pytest.mark.parametrize("entries", SIZES)
def test_the_pain_chart_is_the_chart_of_every_rating(alice: Any, entries: int) -> None:
    history(alice, entries, seed=entries)
    check_ins, before, after, _ = every_rating(alice)
    chart = series.plotted(services.pain_columns(alice))
    expected = pain_chart(check_ins, before, after, prefix="p")
    assert pain_chart((), (), (), prefix="p", plotted=chart) == expected


@pytest.mark.parametrize("entries", SIZES)
def test_the_measure_charts_are_the_charts_of_every_score(alice: Any, entries: int) -> None:
    history(alice, entries, seed=entries + 1)
    summaries = {s.measure.id: s for s in services.measure_summaries(alice)}
    for measure_id, m in load_measures().items():
        rows = owned(MeasureResult, alice).filter(measure=measure_id).order_by("at", "id")
        scores = list(rows.values_list("at", "score"))
        if not scores:
            assert measure_id not in summaries
            continue
        kept = summaries[measure_id]
        assert kept.first == scores[0] and kept.last == scores[-1]
        expected = measure_chart(m, scores, prefix="m")
        assert measure_chart(m, (), prefix="m", plotted=kept.scores) == expected


@pytest.mark.parametrize("entries", SIZES)
def test_the_pain_summary_is_the_same(alice: Any, entries: int) -> None:
    history(alice, entries, seed=entries + 2)
    check_ins, before, _, _ = every_rating(alice)
    course = sorted((*check_ins, *before), key=lambda r: r[0])
    found = services.pain_summary(series.plotted(services.pain_columns(alice)))
    if not course:
        assert found is None
        return
    assert found is not None
    assert (found.first, found.latest) == (course[0], course[-1])
    expected = compare("nprs", course[0][1], course[-1][1]) if len(course) > 1 else None
    assert found.change == expected


@pytest.mark.parametrize("entries", SIZES)
@pytest.mark.parametrize("per_week", [1, 3, 7])
def test_the_advice_is_the_same_as_over_every_session(
    alice: Any, entries: int, per_week: int
) -> None:
    history(alice, entries, seed=entries + per_week)
    today = timezone.localdate()
    *_, sessions = every_rating(alice)
    logs = [SessionLog(timezone.localtime(at).date(), b, a) for at, b, a in sessions
            if b is not None and a is not None]  # fmt: skip
    rated = services.recent_rated_sessions(alice, today)
    expected = progression(logs, today, per_week, care.kb()) if logs else None
    assert services.session_advice(rated, per_week, today) == expected
    last = [(at, b, a) for at, b, a in sessions if b is not None and a is not None][-1:]
    assert services.last_rated_session(rated) == (last[0] if last else None)


@pytest.mark.parametrize("entries", SIZES)
def test_the_measures_due_are_the_same(alice: Any, entries: int) -> None:
    history(alice, entries, seed=entries + 3)
    today = timezone.localdate()
    last: dict[str, date] = {}
    for measure_id, at in owned(MeasureResult, alice).order_by("at").values_list("measure", "at"):
        last[measure_id] = timezone.localtime(at).date()
    due = {d.measure.id: d.last for d in services.due_measures(alice, today)}
    for measure_id, day in last.items():
        if measure_id in due:
            assert due[measure_id] == day


def test_a_long_diary_page_shows_what_a_short_one_does(alice: Any, bob: Any) -> None:
    """Both pages render, with a chart, whatever the length."""
    from tests.web.people import signed_in

    for person, entries in ((alice, 20), (bob, 3000)):
        care.save_assessment(person, example())
        history(person, entries, seed=9)
        html = signed_in(person).get("/diary/").content.decode()
        assert 'class="chart chart-line"' in html
