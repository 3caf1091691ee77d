"""Practitioner mode end to end, in real Chromium: a physiotherapist signs up, makes a profile and
invites; the client accepts on a phone; the practitioner adjusts the program and adds a note;
the client plays it and logs pain; the practitioner sees the session and the trend; the client
revokes, and every page of that client is then a 404 for the practitioner. One test, kept lean:
the session runs on the page's own clock, moved on by the test."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.helpers import example
from tests.web.browser.conftest import PHONE, Shots
from tests.web.browser.test_accessibility import violations
from tests.web.browser.test_player_browser import skip_ahead, still_clock
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.models import SessionRecord
from unknot.web.practice.models import Link, ProgramVersion

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "slow breaths on the floor 7"


def _submit(page: Any, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).first.click()


def _sign_in(page: Any, email: str) -> None:
    page.goto("/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    _submit(page, "Sign in")


@pytest.mark.journey
@pytest.mark.http_errors_expected
def test_a_practitioner_gives_a_program_and_loses_access_on_revoke(
    page: Any, browser: Any, live_server: Any, shots: Shots
) -> None:
    alice = User.objects.create_user(email="alice@example.org", password=PASSWORD)
    plan = services.save_assessment(alice, example())

    # The practitioner signs up, makes a profile and invites.
    page.goto("/signup/")
    page.get_by_label("Email address").fill("paula@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    _submit(page, "Create my account")
    page.goto("/practice/")
    page.get_by_label("Your name, as your clients know you").fill("Paula Reyes")
    page.get_by_label("Profession").select_option("physiotherapist")
    page.get_by_label("Practice or studio").fill("Riverside Physio")
    _submit(page, "Save my profile")
    _submit(page, "Invite a client")
    invite_url = str(page.locator("#invite-link").get_attribute("href"))
    expect(page.locator(".qr svg")).to_be_visible()
    shots.take(page, "invite", full_page=False)
    assert violations(page) == []

    # The client accepts on her phone, after seeing what will be shared.
    phone = browser.new_context(viewport=PHONE, base_url=live_server.url, has_touch=True)
    client = phone.new_page()
    client.set_default_timeout(10_000)
    _sign_in(client, "alice@example.org")
    client.goto(invite_url)
    expect(client.get_by_role("heading", name="Share with Paula Reyes?")).to_be_visible()
    expect(client.get_by_label("the sessions you do, with pain before and after")).to_be_checked()
    shots.take(client, "consent")
    assert violations(client) == []
    _submit(client, "Share and link")
    assert violations(client) == []  # the client's practitioners page (before the clock is held)
    link = Link.objects.get(client=alice)

    # The practitioner adjusts the suggested program: a shorter first hold, and notes.
    page.goto("/practice/")
    with page.expect_navigation():
        page.get_by_role("link", name="alice@example.org").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Build a program").click()
    first = page.locator("fieldset.builder-row").first
    dose = first.locator("input[type=number][name^='dose-']").first
    dose.fill(str(dose.get_attribute("min")))
    first.get_by_label("Your note for this technique").fill("Breathe out as you press.")
    page.get_by_label("Your note for the whole program").fill("Every morning before work.")
    shots.take(page, "builder")
    assert violations(page) == []
    _submit(page, "Save the program")
    expect(page.get_by_text("The program is saved")).to_be_visible()
    assert ProgramVersion.objects.get().note == "Every morning before work."

    # The client sees it with the practitioner's name and notes, plays it and logs pain.
    client.goto(f"/plans/{plan.pk}/")
    expect(
        client.get_by_role("heading", name="Your program from Paula Reyes, Riverside Physio")
    ).to_be_visible()
    expect(
        client.get_by_text("Paula Reyes's note: Breathe out as you press.", exact=True)
    ).to_be_attached()
    steps = services.evaluate_kept(plan).timeline_json()
    still_clock(client, f"/plans/{plan.pk}/session/")
    client.click("#start")
    client.click("#screen-before button.pain[data-pain='6']")
    client.wait_for_selector("#step-title", state="visible")
    skip_ahead(client, sum(s["seconds"] for s in steps if s["kind"] != "finish"))
    client.wait_for_selector("#screen-after", state="visible")
    client.click("#screen-after button.pain[data-pain='3']")
    client.click("#save")
    client.wait_for_selector("#screen-done", state="visible")
    assert SessionRecord.objects.get(owner=alice).pain_before == 6

    # The practitioner sees the session and the trend.
    page.goto(f"/practice/clients/{link.pk}/")
    expect(page.locator("#last-session")).not_to_have_text("none yet")
    expect(page.locator("#pain-trend")).to_contain_text("6")
    shots.take(page, "record", full_page=False)
    assert violations(page) == []

    # The client revokes; every page of hers is then a 404 for the practitioner.
    client.goto("/practitioners/")
    _submit(client, "Stop sharing with Paula Reyes")
    session = SessionRecord.objects.get(owner=alice)
    for url in (
        f"/practice/clients/{link.pk}/",
        f"/practice/clients/{link.pk}/program/",
        f"/practice/clients/{link.pk}/clearance/",
        f"/practice/clients/{link.pk}/measures/odi/",
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/handout.pdf",
        f"/diary/sessions/{session.pk}/",
    ):
        assert page.goto(url).status == 404, url
    page.goto("/practice/")
    assert "alice@example.org" not in page.content()
    phone.close()
