"""The diary page: pain and its change in words, adherence, measures due, entries, privacy."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.helpers import example, words
from tests.web.people import signed_in
from unknot.knowledge import load_knowledge
from unknot.knowledge.measures import load_measures
from unknot.web.care import services
from unknot.web.care.diary.adherence import adherence, share
from unknot.web.care.diary.services import PAGE_SIZE
from unknot.web.care.models import Assessment, CheckIn, MeasureResult, SessionRecord

pytestmark = pytest.mark.django_db


def _page(user: Any, url: str = "/diary/") -> str:
    response = signed_in(user).get(url)
    assert response.status_code == 200
    return words(response.content.decode())


def _check_ins(user: Any, *pains: int, note: str = "") -> None:
    now = timezone.now()
    for i, pain in enumerate(pains):
        at = now - timedelta(days=len(pains) - i)
        CheckIn.objects.create(owner=user, at=at, pain=pain, note=note)


def test_a_visitor_is_sent_to_sign_in(client: Client) -> None:
    for url in ("/diary/", "/diary/check-in/", "/diary/measures/odi/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_a_new_person_gets_a_friendly_empty_diary(alice: Any) -> None:
    page = _page(alice)
    assert "Nothing here yet" in page
    assert 'href="/diary/check-in/"' in page and 'href="/plan/"' in page
    assert "<svg" not in page  # no empty charts


def test_alices_entries_never_appear_on_bobs_diary(alice: Any, bob: Any) -> None:
    _check_ins(alice, 6, 4, note="alice's secret note")
    SessionRecord.objects.create(owner=alice, pain_before=5, pain_after=3, note="alice session")
    MeasureResult.objects.create(owner=alice, measure="rmdq", answers={"total": 12}, score=12)
    page = _page(bob)
    assert "alice" not in page
    assert "Nothing here yet" in page
    assert "alice's secret note" in _page(alice).replace("&#x27;", "'")


def test_improving_pain_is_said_in_plain_words(alice: Any) -> None:
    _check_ins(alice, 7, 6, 4)
    page = _page(alice)
    assert "Your pain fell by 3 points: a meaningful improvement." in page
    assert "Please see a clinician" not in page


def test_a_small_change_says_it_is_below_the_meaningful_threshold(alice: Any) -> None:
    _check_ins(alice, 6, 5)
    page = _page(alice)
    assert "Your pain fell by 1 point: a small improvement" in page


def test_meaningfully_worse_pain_suggests_a_clinician(alice: Any) -> None:
    _check_ins(alice, 3, 4, 6)
    page = _page(alice)
    assert "Your pain rose by 3 points: a meaningful worsening." in page
    assert "Please see a clinician about this" in page
    advice = load_knowledge().tiers.screening.worsening_advice  # compare()'s advice
    assert html.escape(advice) in page
    assert words(services.kb().tiers.screening.worsening_advice) in page  # tiers.yaml


def test_a_worsening_measure_suggests_a_clinician(alice: Any) -> None:
    now = timezone.now()
    MeasureResult.objects.create(owner=alice, measure="odi", at=now - timedelta(days=30),
                                 answers={"sections": [2] * 10}, score=40.0)  # fmt: skip
    MeasureResult.objects.create(owner=alice, measure="odi", at=now,
                                 answers={"sections": [3] * 10}, score=60.0)  # fmt: skip
    page = _page(alice)
    assert "Your Oswestry score rose by 20 points: a meaningful worsening." in page
    assert "Please see a clinician about this" in page
    assert "severe disability" in page  # the latest band, re-scored from the answers


def test_the_pain_chart_and_adherence_show_with_a_plan(alice: Any) -> None:
    services.save_assessment(alice, example())
    for days_ago in (1, 2, 9):
        at = timezone.now() - timedelta(days=days_ago)
        SessionRecord.objects.create(
            owner=alice, at=at, pain_before=5, pain_after=3, planned_steps=8, done_steps=8
        )
    page = _page(alice)
    assert 'aria-labelledby="chart-pain-title chart-pain-desc"' in page
    assert 'aria-labelledby="chart-adherence-title chart-adherence-desc"' in page
    schedule = services.evaluate(example()).answer.schedule
    assert schedule is not None
    per_week = schedule.sessions_per_week
    # the plan began today: the sessions before it count on the chart, not against the plan
    assert re.search(rf"This week: <strong>0 of {share(per_week, 7 - _weekday())}</strong>", page)
    assert re.search(rf"Since your plan began on [^:]+: 0 of {share(per_week, 1)} planned", page)
    assert "Pain 5 → 3" in page


def _weekday() -> int:
    return timezone.localdate().weekday()


def test_adherence_counts_from_the_day_the_plan_began(alice: Any) -> None:
    """A plan that began three days ago: the weeks before are empty, the days since count."""
    plan = services.save_assessment(alice, example())
    began = timezone.now() - timedelta(days=3)
    Assessment.objects.filter(pk=plan.pk).update(created=began)
    for days_ago in (3, 2, 2, 0):  # two sessions on one day count as one day
        SessionRecord.objects.create(owner=alice, at=timezone.now() - timedelta(days=days_ago),
                                     planned_steps=8, done_steps=8)  # fmt: skip
    schedule = services.evaluate(example()).answer.schedule
    assert schedule is not None
    per_week = schedule.sessions_per_week
    kept = adherence(alice, per_week, timezone.localdate())
    day = timezone.localtime(began).date()
    assert kept.began == day
    assert (kept.done, kept.planned) == (3, share(per_week, 4))
    earlier = [w for w in kept.weeks if w.start + timedelta(days=6) < day]
    assert earlier and all(w.planned is None for w in earlier)  # empty, not weeks behind
    monday = kept.this_week.start
    wanted = per_week if day <= monday else share(per_week, 7 - day.weekday())
    assert kept.this_week.planned == wanted
    page = _page(alice)
    assert f"{kept.done} of {kept.planned} planned so far" in page


def test_measures_are_due_first_as_a_baseline_then_on_their_schedule(alice: Any) -> None:
    page = _page(alice)
    due_now = page.split("Due now:")[1].split("Diary entries")[0]
    for m in load_measures().values():
        if m.repeat is not None and m.licence.ship_item_text:
            assert m.name in due_now, m.id
    assert "not done yet" in page
    MeasureResult.objects.create(owner=alice, measure="rmdq", answers={"total": 4}, score=4.0)
    page = _page(alice)
    due_now = page.split("Due now:")[1].split("Next:")[0]
    assert "Roland-Morris Disability Questionnaire" not in due_now
    next_date = (timezone.localdate() + timedelta(days=28)).strftime("%-d %b")
    assert f"Roland-Morris from {next_date}" in page


def test_the_oswestry_is_offered_not_due_until_someone_has_the_licensed_form(alice: Any) -> None:
    page = _page(alice)
    assert "Oswestry Disability Index" not in page.split("Due now:")[1].split("Diary entries")[0]
    assert "Have a licensed Oswestry form from your clinician?" in page
    assert 'href="/diary/measures/odi/"' in page
    MeasureResult.objects.create(owner=alice, measure="odi", answers={"sections": [1] * 10},
                                 score=20.0, at=timezone.now() - timedelta(days=40))  # fmt: skip
    due_now = _page(alice).split("Due now:")[1].split("Next:")[0]
    assert "Oswestry Disability Index" in due_now and "last done" in due_now


def test_a_measure_done_long_ago_is_due_again(alice: Any) -> None:
    MeasureResult.objects.create(owner=alice, measure="odi", answers={"sections": [1] * 10},
                                 score=20.0, at=timezone.now() - timedelta(days=40))  # fmt: skip
    due_now = _page(alice).split("Due now:")[1].split("Next:")[0]
    assert "Oswestry Disability Index" in due_now and "last done" in due_now


def test_entries_are_paginated(alice: Any) -> None:
    _check_ins(alice, *([4] * (PAGE_SIZE + 5)), note="entry")
    first = _page(alice)
    assert first.count('class="entry entry-check_in"') == PAGE_SIZE
    assert "Older entries" in first
    second = _page(alice, "/diary/?page=2")
    assert second.count('class="entry entry-check_in"') == 5
    assert "Newer entries" in second and "Older entries" not in second
    assert _page(alice, "/diary/?page=abc").count('class="entry entry-') == PAGE_SIZE


def _long_diary(user: Any, entries: int) -> None:
    now = timezone.now()
    sessions, checks, measures = [], [], []
    for i in range(entries):
        at = now - timedelta(hours=17 * (entries - i))
        if i % 10 < 6:
            sessions.append(SessionRecord(owner=user, at=at, planned_steps=12, done_steps=12,
                                          pain_before=6 - i * 3 // entries,
                                          pain_after=4 - i * 3 // entries))  # fmt: skip
        elif i % 10 < 9:
            checks.append(CheckIn(owner=user, at=at, pain=5 - i * 3 // entries, note="ok"))
        else:
            score = 14 - i * 8 // entries
            measures.append(MeasureResult(owner=user, at=at, measure="rmdq",
                                          answers={"total": score}, score=score))  # fmt: skip
    SessionRecord.objects.bulk_create(sessions)
    CheckIn.objects.bulk_create(checks)
    MeasureResult.objects.bulk_create(measures)


def test_a_thousand_entries_render_in_few_queries_and_a_bounded_page(
    alice: Any, bob: Any, django_assert_max_num_queries: Any
) -> None:
    """Each summary reads only what it shows (a few small queries each, the chart's points
    averaged in the database): as many queries for a thousand entries as for a hundred."""
    for person, entries in ((bob, 100), (alice, 1000)):
        services.save_assessment(person, example())
        _long_diary(person, entries)
    bobs = signed_in(bob)
    bobs.get("/diary/")  # the process's first request also tidies up (HousekeepingMiddleware)
    with CaptureQueriesContext(connection) as short:
        assert bobs.get("/diary/").status_code == 200
    hundred = len(short.captured_queries)
    client = signed_in(alice)
    client.get("/diary/")
    with django_assert_max_num_queries(hundred):
        response = client.get("/diary/")
    assert hundred <= 34  # 32, and 2 for what practitioners add (clearances, the program)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="entry entry-') == PAGE_SIZE
    assert len(html.encode()) < 120_000
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        assert len(svg.encode()) < 20_000


def test_bob_cannot_delete_or_edit_alices_entries(alice: Any, bob: Any) -> None:
    check = CheckIn.objects.create(owner=alice, pain=4)
    session = SessionRecord.objects.create(owner=alice, pain_before=5, note="mine")
    bob_client = signed_in(bob)
    assert bob_client.get(f"/diary/check-ins/{check.pk}/delete/").status_code == 404
    assert bob_client.post(f"/diary/check-ins/{check.pk}/delete/").status_code == 404
    assert bob_client.get(f"/diary/sessions/{session.pk}/").status_code == 404
    assert bob_client.post(f"/diary/sessions/{session.pk}/", {"note": "bob"}).status_code == 404
    assert CheckIn.objects.filter(pk=check.pk).exists()
    session.refresh_from_db()
    assert session.note == "mine"


def test_alice_can_note_a_session_and_delete_a_check_in(alice: Any) -> None:
    check = CheckIn.objects.create(owner=alice, pain=4)
    session = SessionRecord.objects.create(owner=alice, pain_before=5)
    client = signed_in(alice)
    response = client.post(f"/diary/sessions/{session.pk}/", {"note": "felt looser"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.note == "felt looser"
    confirm = client.get(f"/diary/check-ins/{check.pk}/delete/")
    assert confirm.status_code == 200 and "Delete this check-in?" in confirm.content.decode()
    assert CheckIn.objects.filter(pk=check.pk).exists()  # asking deletes nothing
    assert client.post(f"/diary/check-ins/{check.pk}/delete/").status_code == 302
    assert not CheckIn.objects.filter(pk=check.pk).exists()


def test_the_last_session_shows_its_pain_before_and_after(alice: Any) -> None:
    now = timezone.now()
    SessionRecord.objects.create(
        owner=alice, at=now - timedelta(days=2), pain_before=6, pain_after=5
    )
    SessionRecord.objects.create(
        owner=alice, at=now - timedelta(hours=1), pain_before=7, pain_after=4
    )
    SessionRecord.objects.create(owner=alice, at=now, pain_before=None, pain_after=None)
    page = _page(alice)
    assert re.search(r"Right after your last session \([^)]*\): 7 before, 4 after\.", page)


def test_alice_deletes_a_session_she_logged_by_mistake(alice: Any) -> None:
    keep = SessionRecord.objects.create(owner=alice, pain_before=5, pain_after=3)
    wrong = SessionRecord.objects.create(owner=alice, pain_before=9, pain_after=9)
    client = signed_in(alice)
    assert "Delete this session" in client.get(f"/diary/sessions/{wrong.pk}/").content.decode()
    assert client.get(f"/diary/sessions/{wrong.pk}/delete/").status_code == 405
    response = client.post(f"/diary/sessions/{wrong.pk}/delete/")
    assert response["Location"] == "/diary/"
    assert list(SessionRecord.objects.all()) == [keep]
