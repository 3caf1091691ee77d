"""The guided session in a real phone-sized browser, on Playwright's clock (``page.clock``): the
page's time stands still until the test moves it, so no test waits and then hopes the timers
moved. From the start screen through pain before, paused, skipped and revisited steps, to the
finish screen and the diary; a run at a test speed that is not saved; the player reloaded with
no network, its session kept on the phone until the network is back; and the same step counts,
pictures clear of the controls, and buttons and links a finger can hit."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.helpers import example
from tests.web.browser.conftest import PHONE, Shots
from tests.web.test_player import short_plan
from unknot.web.accounts.models import User
from unknot.web.accounts.sessions import SessionStore
from unknot.web.care import guest, services
from unknot.web.care.models import Assessment, SessionRecord

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long enough password 1"
MIN_TARGET = 44


def sign_in_with_plan(page: Any, email: str, document: dict[str, Any] | None = None) -> Assessment:
    user = User.objects.create_user(email=email, password=PASSWORD)
    plan = services.save_assessment(user, document or short_plan())
    page.goto("/login/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return plan


def played(plan: Assessment) -> list[dict[str, Any]]:
    """The steps the player plays: the timeline without its closing finish step."""
    return [s for s in services.evaluate(plan.intake).timeline_json() if s["kind"] != "finish"]


def mmss(seconds: float) -> str:
    """The countdown as the player shows it: whole seconds left, rounded up."""
    whole = math.ceil(seconds)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def still_clock(page: Any, url: str) -> None:
    """Open ``url`` with the page's clock under the test's control, and stop it there."""
    start = datetime(2026, 3, 2, 8, 0)
    page.clock.install(time=start)
    page.goto(url)
    page.clock.pause_at(start + timedelta(minutes=5))


def skip_ahead(page: Any, seconds: float) -> None:
    """Jump the page's clock ``seconds`` on, as a phone waking from sleep does: the player
    catches up from its clock, each timer firing once."""
    page.clock.fast_forward(int(seconds * 1000) + 100)


def go_offline(page: Any) -> None:
    """Take the phone off the network, and wait until the page knows (its offline event)."""
    page.context.set_offline(True)
    page.evaluate(
        "navigator.onLine ? new Promise(done => addEventListener('offline', done, {once: true}))"
        " : null"
    )


def title(page: Any) -> str:
    return str(page.text_content("#step-title"))


def too_small(page: Any) -> list[str]:
    """Visible links and buttons on the page smaller than a fingertip (44 px) either way."""
    found: list[str] = page.evaluate(
        """min => [...document.querySelectorAll('a[href], button')]
            .filter(e => e.checkVisibility() && getComputedStyle(e).visibility !== 'hidden')
            .map(e => ({e, r: e.getBoundingClientRect()}))
            .filter(({r}) => r.width > 0 && (r.width < min || r.height < min))
            .map(({e, r}) => `${e.textContent.trim()} ${r.width}x${r.height}`)""",
        MIN_TARGET,
    )
    return found


def picture_clear_of_the_controls(page: Any) -> None:
    picture = page.locator("#step-picture").bounding_box()
    controls = page.locator("nav.controls").bounding_box()
    countdown = page.locator("#countdown").bounding_box()
    assert picture is not None and controls is not None and countdown is not None
    assert picture["y"] >= 0, title(page)
    assert picture["y"] + picture["height"] <= controls["y"], title(page)
    assert countdown["y"] + countdown["height"] <= controls["y"], title(page)


def test_a_session_from_start_to_the_finish_screen_and_the_diary(page: Any, shots: Shots) -> None:
    plan = sign_in_with_plan(page, "alice@example.org")
    steps = played(plan)
    still_clock(page, f"/plans/{plan.pk}/session/")
    expect(page.get_by_text(f"{len(steps)} steps, about")).to_be_visible()
    assert page.is_visible("text=Full stomach? Belly work waits.")
    assert page.locator(".keys-help").is_hidden()  # a touch screen has no keys to press
    assert too_small(page) == []
    shots.take(page, "start")

    page.click("#start")
    assert page.is_visible("#screen-before")
    assert too_small(page) == []
    shots.take(page, "pain-before")
    page.click("#screen-before button.pain[data-pain='6']")

    # step 1, paused at once with the space key: the clock has not moved, so it shows it all
    page.keyboard.press(" ")
    assert page.text_content("#pause") == "Resume"
    assert page.is_visible("#paused-note")
    assert title(page) == steps[0]["title"]
    assert page.text_content("#step-where") == f"Step 1 of {len(steps)} · breathe"
    assert page.text_content("#countdown") == mmss(steps[0]["seconds"])
    assert not page.is_visible("#step-safety")
    assert too_small(page) == []
    shots.take(page, "step-1-paused", full_page=False)

    # every step, still paused: its picture and countdown above the controls on a phone
    for index, step in enumerate(steps):
        assert title(page) == step["title"]
        if step["technique"]:
            expect(page.locator("#step-picture svg")).to_be_visible()
            picture_clear_of_the_controls(page)
        if index + 1 < len(steps):
            page.click("#next")
    for _ in steps[1:]:
        page.click("#back")
    assert title(page) == steps[0]["title"]

    # step 2: the breathing pacer, which grows and shrinks while the clock runs
    page.keyboard.press("ArrowRight")
    assert title(page) == steps[1]["title"]
    assert page.is_visible("#pacer") and page.text_content("#pacer-word") == "breathe in"
    assert page.text_content("#pacer-count") == "breath 1 of 5"
    radius = page.get_attribute("#pacer-circle", "r")
    page.click("#pause")  # resume
    page.clock.run_for(1500)
    page.click("#pause")  # pause again
    assert page.get_attribute("#pacer-circle", "r") != radius
    assert page.text_content("#countdown") == mmss(steps[1]["seconds"] - 1.5)
    assert page.is_visible("#step-picture svg")
    shots.take(page, "step-2-breathing", full_page=False)

    # step 3: belly work, with the safety banner from the step's data; back, then on again
    page.click("#next")
    assert title(page) == steps[2]["title"]
    assert page.text_content("#step-safety") == steps[2]["safety"]
    assert page.is_visible("#step-safety")
    announced = (
        f"Step 3 of {len(steps)}: {steps[2]['title']}. Right side. "
        f"{mmss(steps[2]['seconds'])}. {steps[2]['safety']}."
    )
    page.clock.run_for(100)  # screen readers are told after a short pause
    page.wait_for_selector(f"#announce:has-text('{announced}')", state="attached")
    page.click("#back")
    assert title(page) == steps[1]["title"] and not page.is_visible("#step-safety")
    page.keyboard.press("ArrowRight")
    assert title(page) == steps[2]["title"]
    shots.take(page, "step-3-belly-safety", full_page=False)

    # let step 3 run out and step 4 begin; stop there to look at its side and mirrored picture
    page.keyboard.press(" ")
    skip_ahead(page, steps[2]["seconds"] + 1)
    page.keyboard.press(" ")
    assert title(page) == steps[3]["title"]
    assert "right side" in steps[3]["title"]
    assert page.text_content("#step-side") == "Right side"
    assert page.is_visible("#step-safety")
    assert "right side" in str(page.text_content("#step-picture svg text"))
    picture_clear_of_the_controls(page)
    shots.take(page, "step-4-right-side", full_page=False)
    page.emulate_media(color_scheme="dark")
    shots.take(page, "step-4-dark", full_page=False)
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": 1280, "height": 800})
    shots.take(page, "step-4-laptop", full_page=False)
    page.set_viewport_size(PHONE)
    page.keyboard.press(" ")
    skip_ahead(page, sum(step["seconds"] for step in steps[3:]))

    # the finish is a screen: what happened, the safety line, pain after
    expect(page.locator("#screen-after")).to_be_visible()
    assert page.text_content("#after-headline") == "Session done."
    assert too_small(page) == []
    page.click("#screen-after button.pain[data-pain='3']")
    page.fill("#note", "Easier on the right.")
    shots.take(page, "finish-screen")
    page.click("#save")
    expect(page.locator("#screen-done")).to_be_visible()
    assert page.text_content("#done-message") == "Saved in your diary."
    summary = str(page.text_content("#done-summary"))
    assert summary.startswith(f"Steps done: {len(steps) - 2} of {len(steps)}.")
    assert page.is_visible("a[href='/diary/']")
    assert too_small(page) == []
    shots.take(page, "done")

    record = SessionRecord.objects.get()
    assert record.owner == plan.owner and record.assessment == plan
    assert (record.pain_before, record.pain_after) == (6, 3)
    assert record.note == "Easier on the right."
    # steps 1 and 2 were skipped; those after them ran their full time; the same count as the
    # start screen's, the finish screen not a step
    assert (record.planned_steps, record.done_steps) == (len(steps), len(steps) - 2)
    ran = 1.5 + sum(step["seconds"] for step in steps[2:])  # the pacer's run, then steps 3 on
    assert abs(record.seconds - ran) <= 1


def test_counts_say_what_they_count_and_the_finish_says_to_roll_to_the_side(
    page: Any, live_server: Any
) -> None:
    store = SessionStore()
    guest.set_intake(store, example())  # fifteen minutes on the floor, with strengthening
    store.create()
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": store.session_key}
    page.context.add_cookies([cookie | {"url": live_server.url}])
    steps = [s for s in services.evaluate(example()).timeline_json() if s["kind"] != "finish"]
    counted = next(i for i, s in enumerate(steps) if s["reps"])
    second = next(c for c in steps[counted]["cues"] if c["say"] == "2")
    still_clock(page, "/results/session/")
    page.click("#start")
    page.click("#before-skip")
    for _ in range(counted):
        page.click("#next")
    skip_ahead(page, second["at"])
    expect(page.locator("#step-cue")).to_have_text(f"Repetition 2 of {steps[counted]['reps']}")
    page.click("#stop")
    expect(page.locator("#finish-safety")).to_be_visible()
    roll = services.kb().planning.safety_cues.roll_to_side
    assert page.text_content("#finish-safety") == roll
    assert page.text_content("#after-headline") == "You stopped early. That is fine."


def test_a_run_at_a_test_speed_is_not_saved_as_a_session(page: Any) -> None:
    plan = sign_in_with_plan(page, "dora@example.org")
    still_clock(page, f"/plans/{plan.pk}/session/?speed=50")
    assert page.text_content("#speed-note") == "Test speed: the timers run 50 times faster."
    page.click("#start")
    page.click("#before-skip")
    skip_ahead(page, sum(s["seconds"] for s in played(plan)) / 50)
    expect(page.locator("#screen-after")).to_be_visible()
    with page.expect_request("**/*") as nothing:
        page.click("#save")
        page.goto("/healthz")  # the only request after saving is this one
    assert nothing.value.url.endswith("/healthz")
    assert not SessionRecord.objects.exists()


def test_offline_the_player_reloads_and_its_session_waits_on_the_phone(
    page: Any, shots: Shots
) -> None:
    plan = sign_in_with_plan(page, "bob@example.org")
    page.goto(f"/plans/{plan.pk}/")  # the plan, kept for offline use too
    page.wait_for_selector("html[data-offline-ready]", state="attached")
    page.goto(f"/plans/{plan.pk}/session/")
    page.wait_for_selector("html[data-offline-ready]", state="attached")

    go_offline(page)
    page.clock.install(time=datetime(2026, 3, 2, 8, 0))
    reloaded = page.reload()
    assert reloaded is not None and reloaded.from_service_worker  # not from the network
    expect(page.locator("#start")).to_be_visible()
    shots.take(page, "reloaded-offline", full_page=False)
    page.clock.pause_at(datetime(2026, 3, 2, 8, 5))
    page.click("#start")
    page.click("#before-skip")
    expect(page.locator("#step-picture svg")).to_be_visible()  # its pictures are in the page
    skip_ahead(page, sum(s["seconds"] for s in played(plan)))
    page.click("#screen-after button.pain[data-pain='2']")
    page.click("#save")
    expect(page.locator("#screen-done")).to_be_visible()
    message = "Saved on this phone; it will be sent when you are back online."
    assert page.text_content("#done-message") == message
    assert not SessionRecord.objects.exists()
    with page.expect_navigation() as back:
        page.get_by_role("link", name="Back to your plan").click()  # offline, from the cache
    assert back.value is not None and back.value.from_service_worker
    expect(page.get_by_role("link", name="Start the guided session").first).to_be_visible()

    with page.expect_response(lambda r: r.url.endswith("/session/log")) as sent:
        page.context.set_offline(False)  # the plan's page sends what the phone kept
    assert sent.value.status == 201
    record = SessionRecord.objects.get()
    assert record.owner == plan.owner
    assert (record.pain_before, record.pain_after) == (None, 2)
    assert record.planned_steps == record.done_steps == len(played(plan))


def test_a_visitor_stops_early_and_the_session_is_held_for_the_visit(
    page: Any, live_server: Any, shots: Shots
) -> None:
    store = SessionStore()
    guest.set_intake(store, short_plan())
    store.create()
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": store.session_key}
    page.context.add_cookies([cookie | {"url": live_server.url}])
    still_clock(page, "/results/session/")
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
    steps = [s for s in services.evaluate(short_plan()).timeline_json() if s["kind"] != "finish"]
    assert (held[0]["planned_steps"], held[0]["done_steps"]) == (len(steps), 0)


def test_signed_out_mid_session_the_log_waits_until_they_sign_in_again(
    page: Any, shots: Shots
) -> None:
    plan = sign_in_with_plan(page, "carol@example.org")
    still_clock(page, f"/plans/{plan.pk}/session/")
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


def test_keys_are_offered_where_there_is_a_mouse_and_nothing_dead_without_javascript(
    browser: Any, live_server: Any
) -> None:
    store = SessionStore()
    guest.set_intake(store, short_plan())
    store.create()
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": store.session_key}
    for scripts in (True, False):
        context = browser.new_context(
            viewport={"width": 1280, "height": 800}, base_url=live_server.url,
            java_script_enabled=scripts,
        )  # fmt: skip
        context.add_cookies([cookie | {"url": live_server.url}])
        page = context.new_page()
        try:
            page.goto("/results/session/")
            if scripts:
                expect(page.locator(".keys-help")).to_be_visible()
                expect(page.locator("#start")).to_be_visible()
            else:
                for selector in ("#start", "#voice-toggle", "#sound-toggle", ".keys-help"):
                    expect(page.locator(selector)).to_be_hidden()
                expect(page.get_by_text("The guided session needs JavaScript")).to_be_visible()
                expect(page.get_by_role("link", name="Back to your plan")).to_be_visible()
                page.goto("/results/")
                expect(page.get_by_role("button", name="Print my plan")).to_be_hidden()
        finally:
            context.close()
