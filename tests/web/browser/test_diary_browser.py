"""The diary in a real phone-sized browser: history, a check-in, an Oswestry, the charts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.helpers import example, headline
from tests.web.browser.conftest import SHOTS, Shots
from unknot.knowledge.measures import load_measures
from unknot.pictures.charts import measure_chart
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.models import CheckIn, MeasureResult, SessionRecord

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL, PASSWORD = "alice@example.org", "alice password 42"


def _history(user: Any) -> None:
    services.save_assessment(user, example())
    now = timezone.now()
    for day in range(40, 0, -1):
        at = now - timedelta(days=day, hours=2)
        pain = 7 - (40 - day) // 10
        if day % 3:
            SessionRecord.objects.create(
                owner=user, at=at, pain_before=pain, pain_after=max(pain - 2, 0),
                planned_steps=10, done_steps=10,
            )  # fmt: skip
        if day % 4 == 0:
            CheckIn.objects.create(owner=user, at=at, pain=pain, note="stiff in the morning")
    MeasureResult.objects.create(owner=user, measure="odi", at=now - timedelta(days=35),
                                 answers={"sections": [3] * 10}, score=60.0)  # fmt: skip


def _sign_in(page: Any) -> None:
    page.goto("/login/?next=/diary/")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/diary/")


def test_a_person_reads_their_diary_checks_in_and_scores_an_oswestry(
    page: Any, shots: Shots
) -> None:
    user = User.objects.create_user(email=EMAIL, password=PASSWORD)
    _history(user)
    _sign_in(page)
    expect(page.get_by_role("heading", name="Your diary")).to_be_visible()
    expect(page.locator("svg[aria-labelledby='chart-pain-title chart-pain-desc']")).to_be_visible()
    assert page.locator("svg[aria-labelledby='chart-adherence-title chart-adherence-desc']").count()
    shots.take(page, "diary-with-history")

    page.get_by_role("link", name="Check in: how is your back?").click()
    page.locator("label[for='id_pain_3']").click()
    page.get_by_label("Stiff in the morning").check()
    page.get_by_label("A note for yourself (optional)").fill("Better after the walk.")
    shots.take(page, "check-in-form")
    page.get_by_role("button", name="Save my check-in").click()
    page.wait_for_url("**/diary/")
    expect(page.get_by_text("Your check-in is in your diary.")).to_be_visible()
    expect(page.get_by_text("Better after the walk.").first).to_be_visible()

    page.goto("/diary/measures/odi/")
    for section in range(1, 11):
        value = "skipped" if section == 10 else "2"
        page.locator(f"input[name='section_{section}'][value='{value}']").check(force=True)
    shots.take(page, "oswestry-form")
    page.get_by_role("button", name="Score it").click()
    page.wait_for_url("**/diary/results/*/")
    expect(page.get_by_text("40 %", exact=False).first).to_be_visible()  # 18 of 45 points
    expect(page.get_by_text("a meaningful improvement", exact=False)).to_be_visible()
    shots.take(page, "oswestry-result")

    page.goto("/diary/")
    expect(page.locator("svg[aria-labelledby='chart-odi-title chart-odi-desc']")).to_be_visible()
    shots.take(page, "diary-after")
    page.emulate_media(color_scheme="dark")
    shots.take(page, "diary-dark", full_page=False)
    page.locator("#measures-title").scroll_into_view_if_needed()
    shots.take(page, "diary-dark-measures", full_page=False)


def test_a_red_flag_check_in_stops_with_the_emergency_message(page: Any, shots: Shots) -> None:
    User.objects.create_user(email=EMAIL, password=PASSWORD)
    _sign_in(page)
    shots.take(page, "empty-diary")
    page.goto("/diary/check-in/")
    page.get_by_label("Numbness between the legs (saddle area)").check()
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_role("heading", name=headline("emergency"))).to_be_visible()
    shots.take(page, "emergency")


def test_a_chart_renders_as_a_picture(page: Any) -> None:
    now = timezone.now()
    points = [(now - timedelta(days=28), 60.0), (now - timedelta(days=14), 48.9), (now, 40.0)]
    svg = measure_chart(load_measures()["odi"], points, prefix="odi")
    page.set_content(f"<!doctype html><body>{svg}</body>")
    box = page.locator("svg").bounding_box()
    assert box["width"] > 300 and box["height"] > 200
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("svg").screenshot(path=str(SHOTS / "chart-odi.png"))
