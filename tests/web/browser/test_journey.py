"""The whole journey of a new person in a real phone-sized Chromium, and a stranger who tries
someone else's pages. Screenshots of every screen are kept in test-artifacts/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.helpers import example, headline
from tests.web.browser.conftest import Shots
from tests.web.browser.test_player_browser import played, skip_ahead, still_clock
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.models import Assessment, SessionRecord

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "slow breaths on the floor 7"


def _submit(page: Any, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


@pytest.mark.journey
def test_a_new_person_goes_from_the_body_map_to_a_diary_chart(page: Any, shots: Shots) -> None:
    page.goto("/")
    shots.take(page, "home", full_page=False)
    page.get_by_role("link", name="Start: where does it hurt?").click()

    # Where: open the low back on the drawing of the back, tap its left side and set 7.
    page.wait_for_selector("[data-bodymap][data-ready]", state="attached")  # the script is wired
    page.get_by_role("button", name="Low back and buttocks: open").click()
    page.locator("svg.body-map-back g.target[data-region=low_back][data-side=left]").click()
    page.locator("[data-picker]").get_by_role("button", name="7", exact=True).click()
    shots.take(page, "body-map", full_page=False)
    _submit(page, "Next")

    page.get_by_label("How old are you?").fill("41")
    page.get_by_label("Female", exact=True).check()
    shots.take(page, "about-you")
    _submit(page, "Next")

    shots.take(page, "safety")  # the warning signs: none of them fits
    _submit(page, "Next")

    shots.take(page, "health")  # no duration given: nothing for a clinician to lift
    _submit(page, "Next")

    page.get_by_label("Hurts to stand up after sitting", exact=False).check()
    shots.take(page, "pain-behaviour")
    _submit(page, "Next")

    page.get_by_label("Soft massage ball", exact=False).check()
    page.get_by_label("5 min", exact=True).check()
    page.get_by_role("group", name="Can you get down to the floor").get_by_label("Yes").check()
    shots.take(page, "setup")
    _submit(page, "See my plan")

    expect(page.get_by_role("heading", name=headline("self_care"))).to_be_visible()
    shots.take(page, "results", full_page=False)

    # Keep the plan: create an account; the plan comes along.
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email address").fill("dana@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    shots.take(page, "sign-up", full_page=False)
    _submit(page, "Create my account")
    kept = Assessment.objects.get(owner__email="dana@example.org")
    assert page.url.endswith(f"/plans/{kept.pk}/")
    assert kept.intake["pain"] == [{"region": "low_back", "side": "left", "intensity": 7}]

    # The guided session on the page's own clock, moved on by the test; pain 7 before, 4 after.
    href = page.get_by_role("link", name="Start the guided session").first.get_attribute("href")
    still_clock(page, str(href))
    page.click("#start")
    page.click("#screen-before button.pain[data-pain='7']")
    page.wait_for_selector("#step-title", state="visible")
    shots.take(page, "session-step", full_page=False)
    skip_ahead(page, sum(s["seconds"] for s in played(kept)))
    page.wait_for_selector("#screen-after", state="visible")
    page.click("#screen-after button.pain[data-pain='4']")
    shots.take(page, "pain-after", full_page=False)
    page.click("#save")
    page.wait_for_selector("#screen-done", state="visible")
    assert page.text_content("#done-message") == "Saved in your diary."
    record = SessionRecord.objects.get(owner=kept.owner)
    assert (record.pain_before, record.pain_after, record.assessment) == (7, 4, kept)
    assert record.done_steps == record.planned_steps > 0

    # The diary draws the session on the pain chart.
    with page.expect_navigation():
        page.click("a[href='/diary/']")
    chart = page.locator("svg[aria-labelledby='chart-pain-title chart-pain-desc']")
    expect(chart).to_be_visible()
    assert "7" in (chart.locator("desc").text_content() or "")
    shots.take(page, "diary", full_page=False)


@pytest.mark.http_errors_expected
@pytest.mark.journey
def test_a_stranger_gets_not_found_on_someone_elses_pages(page: Any, shots: Shots) -> None:
    alice = User.objects.create_user(email="alice@example.org", password=PASSWORD)
    plan = services.save_assessment(alice, example())
    User.objects.create_user(email="bob@example.org", password=PASSWORD)

    page.goto("/login/")
    page.get_by_label("Email address").fill("bob@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    _submit(page, "Sign in")
    for url in (f"/plans/{plan.pk}/", f"/plans/{plan.pk}/session/"):
        response = page.goto(url)
        assert response.status == 404
        expect(page.get_by_role("heading", name="This page is not here")).to_be_visible()
        assert "alice" not in page.content()
    shots.take(page, "not-found", full_page=False)
