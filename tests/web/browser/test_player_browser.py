"""The guided session in a real browser: a short plan at 50 to 100 times speed, from the start
screen through pain before, paused, skipped and revisited steps, pain after and saving; and the
same offline, where the session waits on the phone until the network is back."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from tests.web.browser.conftest import Shots
from tests.web.test_player import short_plan
from unknot.web.accounts.models import User
from unknot.web.care import guest, services
from unknot.web.care.models import Assessment, SessionRecord

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long enough password 1"


def sign_in_with_plan(page: Any, email: str) -> Assessment:
    user = User.objects.create_user(email=email, password=PASSWORD)
    plan = services.save_assessment(user, short_plan())
    page.goto("/login/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return plan


def title(page: Any) -> str:
    return str(page.text_content("#step-title"))


def test_a_session_from_start_to_saved(page: Any, shots: Shots) -> None:
    plan = sign_in_with_plan(page, "alice@example.org")
    steps = services.evaluate(plan.intake).timeline_json()
    page.goto(f"/plans/{plan.pk}/session/?speed=20")  # a busy machine still reads step 1's time
    assert page.is_visible("text=Full stomach? Belly work waits.")
    assert page.text_content("#speed-note") == "Test speed: the timers run 20 times faster."
    shots.take(page, "start")

    page.click("#start")
    assert page.is_visible("#screen-before")
    shots.take(page, "pain-before")
    page.click("#screen-before button.pain[data-pain='6']")

    # step 1, paused at once with the space key
    page.keyboard.press(" ")
    assert page.text_content("#pause") == "Resume"
    assert page.is_visible("#paused-note")
    assert title(page) == steps[0]["title"]
    assert page.text_content("#step-where") == "Step 1 of 7 · breathe"
    assert page.text_content("#countdown") in {"00:20", "00:19", "00:18"}
    assert not page.is_visible("#step-safety")
    shots.take(page, "step-1-paused", full_page=False)

    # step 2: the breathing pacer, which grows and shrinks while the clock runs
    page.keyboard.press("ArrowRight")
    assert title(page) == steps[1]["title"]
    assert page.is_visible("#pacer") and page.text_content("#pacer-word") == "breathe in"
    assert page.text_content("#pacer-count") == "breath 1 of 5"
    radius = page.get_attribute("#pacer-circle", "r")
    page.click("#pause")  # resume
    page.wait_for_timeout(60)
    page.click("#pause")  # pause again
    assert page.get_attribute("#pacer-circle", "r") != radius
    assert page.is_visible("#step-picture svg")
    shots.take(page, "step-2-breathing", full_page=False)

    # step 3: belly work, with the safety banner from the step's data; back, then on again
    page.click("#next")
    assert title(page) == steps[2]["title"]
    assert page.text_content("#step-safety") == steps[2]["safety"]
    assert page.is_visible("#step-safety")
    announced = f"Step 3 of 7: {steps[2]['title']}. Right side. 00:20. {steps[2]['safety']}."
    page.wait_for_selector(f"#announce:has-text('{announced}')", state="attached")
    page.click("#back")
    assert title(page) == steps[1]["title"] and not page.is_visible("#step-safety")
    page.keyboard.press("ArrowRight")
    assert title(page) == steps[2]["title"]
    shots.take(page, "step-3-belly-safety", full_page=False)

    # let it run; stop on the right side to look at the side and the mirrored picture
    page.keyboard.press(" ")
    page.wait_for_selector("#step-title:has-text('right side')")
    page.keyboard.press(" ")
    assert page.text_content("#step-side") == "Right side"
    assert page.is_visible("#step-safety")
    assert "right side" in str(page.text_content("#step-picture svg text"))
    shots.take(page, "step-4-right-side", full_page=False)
    page.emulate_media(color_scheme="dark")
    shots.take(page, "step-4-dark", full_page=False)
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": 1280, "height": 800})
    shots.take(page, "step-4-laptop", full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.keyboard.press(" ")

    page.wait_for_selector("#screen-after", state="visible", timeout=10_000)
    assert page.text_content("#after-headline") == "Session done."
    page.click("#screen-after button.pain[data-pain='3']")
    page.fill("#note", "Easier on the right.")
    shots.take(page, "pain-after")
    page.click("#save")
    page.wait_for_selector("#screen-done", state="visible")
    assert page.text_content("#done-message") == "Saved in your diary."
    assert page.is_visible("a[href='/diary/']")
    shots.take(page, "done")

    record = SessionRecord.objects.get()
    assert record.owner == plan.owner and record.assessment == plan
    assert (record.pain_before, record.pain_after) == (6, 3)
    assert record.note == "Easier on the right."
    # steps 1 and 2 were skipped; the four after them ran their full time; the finish not counted
    assert (record.planned_steps, record.done_steps) == (6, 4)
    assert 110 <= record.seconds <= 200


def test_offline_the_session_waits_on_the_phone_until_the_network_is_back(
    page: Any, shots: Shots
) -> None:
    plan = sign_in_with_plan(page, "bob@example.org")
    page.goto(f"/plans/{plan.pk}/session/?speed=100")
    page.context.set_offline(True)
    page.click("#start")
    page.click("#before-skip")
    page.wait_for_selector("#screen-after", state="visible", timeout=10_000)
    page.click("#screen-after button.pain[data-pain='2']")
    page.click("#save")
    page.wait_for_selector("#screen-done", state="visible")
    message = "Saved on this phone; it will be sent when you are back online."
    assert page.text_content("#done-message") == message
    assert page.evaluate("JSON.parse(localStorage.getItem('unknot.player.outbox')).length") == 1
    assert not SessionRecord.objects.exists()
    shots.take(page, "kept-offline")

    page.context.set_offline(False)
    page.wait_for_selector("#done-message:has-text('Sent: your session is now saved.')")
    assert page.evaluate("localStorage.getItem('unknot.player.outbox')") is None
    shots.take(page, "sent-online")
    record = SessionRecord.objects.get()
    assert record.owner == plan.owner
    assert (record.pain_before, record.pain_after) == (None, 2)
    assert (record.planned_steps, record.done_steps) == (6, 6)


def test_a_visitor_stops_early_and_the_session_is_held_for_the_visit(
    page: Any, live_server: Any, shots: Shots
) -> None:
    store = SessionStore()
    guest.set_intake(store, short_plan())
    store.create()
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": store.session_key}
    page.context.add_cookies([cookie | {"url": live_server.url}])
    page.goto("/results/session/?speed=10")  # slow enough to pause in step 1 on a busy machine
    page.click("#start")
    page.click("#screen-before button.pain[data-pain='5']")
    page.click("#pause")
    page.click("#stop")
    assert page.text_content("#after-headline") == "You stopped early. That is fine."
    page.click("#save")
    page.wait_for_selector("#screen-done", state="visible")
    assert page.text_content("#done-message") == (
        "Saved for this visit. Create an account to keep it in a diary."
    )
    assert page.is_visible("a[href='/signup/']:has-text('Create an account to keep your diary')")
    shots.take(page, "visitor-done")
    held = guest.sessions(SessionStore(session_key=store.session_key))
    assert len(held) == 1
    assert held[0]["pain_before"] == 5 and held[0]["pain_after"] is None
    assert (held[0]["planned_steps"], held[0]["done_steps"]) == (6, 0)


def test_signed_out_mid_session_the_log_waits_until_they_sign_in_again(
    page: Any, shots: Shots
) -> None:
    plan = sign_in_with_plan(page, "carol@example.org")
    page.goto(f"/plans/{plan.pk}/session/?speed=100")
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)  # the sign-in ran out
    page.click("#start")
    page.click("#before-skip")
    page.click("#stop")
    page.click("#save")
    page.wait_for_selector("#screen-done", state="visible")
    assert str(page.text_content("#done-message")).startswith(
        "Saved on this phone. Please sign in again"
    )
    assert not SessionRecord.objects.exists()
    shots.take(page, "kept-signed-out")

    page.goto(f"/login/?next=/plans/{plan.pk}/session/")
    page.fill("input[name=email]", "carol@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#outbox-status:has-text('has now been sent')")
    shots.take(page, "sent-after-sign-in")
    record = SessionRecord.objects.get()
    assert record.owner == plan.owner and record.done_steps == 0
