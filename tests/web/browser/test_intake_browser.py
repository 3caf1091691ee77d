"""The intake in a real phone-sized browser: tap the body map, answer every step, reach the
results; and a red flag that stops at once. Screenshots of every screen are kept."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.helpers import headline
from tests.web.browser.conftest import PHONE, Shots

pytestmark = pytest.mark.django_db(transaction=True)


def _next(page: Any, name: str = "Next") -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def _look(page: Any, shots: Shots, selector: str, name: str) -> None:
    """A phone-screen screenshot with ``selector`` at the top of the screen."""
    page.locator(selector).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    shots.take(page, name, full_page=False)


def test_a_person_taps_the_body_map_answers_every_step_and_reaches_the_plan(
    page: Any, shots: Shots
) -> None:
    page.goto("/")
    page.get_by_role("link", name="Start: where does it hurt?").click()
    expect(page.get_by_text("Step 1 of 6")).to_be_visible()
    shots.take(page, "where-empty", full_page=False)

    # Tap the right low back on the drawing: the picker opens, choose 6.
    page.wait_for_selector("[data-bodymap][data-ready]", state="attached")  # the script is wired
    page.locator("#map-back-region-low_back-right").click()
    picker = page.locator("[data-picker]")
    expect(picker).to_be_visible()
    assert "Low back, right" in picker.inner_text()
    shots.take(page, "where-picker", full_page=False)
    picker.get_by_role("button", name="6", exact=True).click()
    assert page.locator("#id_pain-low_back-right").input_value() == "6"
    shape = page.locator("#map-back-region-low_back-right")
    assert float(shape.get_attribute("fill-opacity")) > 0.5
    assert page.locator("svg.body-map-back g.js-scores text").first.text_content() == "6"
    picker.get_by_role("button", name="Done").click()
    assert picker.is_hidden()
    # The list drives the drawing too (keyboard and screen-reader path).
    page.get_by_text("Or choose from a list: front and leg areas").click()
    page.locator("#id_pain-hip_front-right").select_option("3")
    assert page.locator("svg.body-map-front g.js-scores text").first.text_content() == "3"
    _look(page, shots, "svg.body-map-back", "where-back-marked")
    _look(page, shots, "svg.body-map-front", "where-front-marked")
    _next(page)

    expect(page.get_by_text("Step 2 of 6")).to_be_visible()
    page.get_by_label("How old are you?").fill("48")
    page.get_by_label("Male", exact=True).check()
    page.locator("#id_duration_amount").fill("6")
    page.locator("#id_duration_unit").select_option("months")
    shots.take(page, "about")
    _next(page)

    expect(page.get_by_text("Step 3 of 6")).to_be_visible()
    expect(page.get_by_role("heading", name="Warning signs")).to_be_visible()
    assert page.locator("input[name='red_flags']").count() > 0
    assert page.locator("input[name='conditions'], input[name='cleared_by_clinician']").count() == 0
    shots.take(page, "safety")
    _next(page)

    expect(page.get_by_text("Step 4 of 6")).to_be_visible()
    expect(page.get_by_role("heading", name="Your health")).to_be_visible()
    assert page.locator("input[name='red_flags']").count() == 0
    page.get_by_label("A clinician has examined me", exact=False).check()
    shots.take(page, "health")
    _next(page)

    expect(page.get_by_text("Step 5 of 6")).to_be_visible()
    # By keyboard: focus a box, Space ticks it.
    for label in ("Hurts to stand up after sitting", "Better lying with hips bent"):
        box = page.get_by_label(label, exact=False)
        box.focus()
        page.keyboard.press("Space")
        assert box.is_checked()
    shots.take(page, "pain")
    page.emulate_media(color_scheme="dark")
    shots.take(page, "pain-dark", full_page=False)
    page.emulate_media(color_scheme="light")
    _next(page)

    expect(page.get_by_text("Step 6 of 6")).to_be_visible()
    page.get_by_label("Firm massage ball", exact=False).check()
    page.get_by_label("Yoga block", exact=False).check()
    page.get_by_label("20 min", exact=True).check()
    page.get_by_role("group", name="Can you get down to the floor").get_by_label("Yes").check()
    shots.take(page, "setup")
    _next(page, "See my plan")

    assert page.url.endswith("/results/")
    expect(page.get_by_role("heading", name=headline("self_care"))).to_be_visible()
    expect(page.get_by_role("heading", name="Psoas")).to_be_visible()
    start = page.get_by_role("link", name="Start the guided session").first
    assert start.get_attribute("href") == "/results/session/"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width} px)"
    shots.take(page, "results-top", full_page=False)
    _look(page, shots, ".muscles", "results-muscles")
    _look(page, shots, ".own-maps", "results-maps")
    _look(page, shots, ".plan", "results-plan")
    _look(page, shots, ".plan-item", "results-release")
    _look(page, shots, ".schedule", "results-schedule")
    page.emulate_media(color_scheme="dark")
    _look(page, shots, ".plan-items", "results-dark")


def test_a_red_flag_stops_the_intake_at_once(page: Any, shots: Shots) -> None:
    page.goto("/start/")
    page.get_by_text("Or choose from a list: back areas").click()
    page.locator("#id_pain-low_back-center").select_option("7")
    _next(page)
    page.get_by_label("How old are you?").fill("52")
    _next(page)
    page.get_by_label("the area that would touch a bicycle saddle", exact=False).check()
    _next(page)

    # Straight to the stop page: the health questions are never shown.
    assert page.url.endswith("/start/stop/")
    expect(page.get_by_role("heading", name=headline("emergency"))).to_be_visible()
    expect(page.get_by_text("emergency department", exact=False).first).to_be_visible()
    assert page.get_by_role("link", name="Start the guided session").count() == 0
    shots.take(page, "stop")
    page.get_by_role("link", name="My answers were wrong").click()
    expect(page.get_by_text("Step 3 of 6")).to_be_visible()


def test_without_javascript_the_lists_do_the_body_maps_work(
    browser: Any, live_server: Any, shots: Shots
) -> None:
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto("/start/where/")
        lists = page.locator("details.region-list")
        assert lists.count() == 2
        assert all(lists.nth(i).get_attribute("open") is not None for i in range(2))
        with page.expect_navigation():
            page.get_by_role("button", name="Next").click()
        expect(page.get_by_text("Mark at least one place that hurts")).to_be_visible()
        page.locator("#id_pain-groin-left").select_option("4")
        shots.take(page, "no-js-where", full_page=False)
        with page.expect_navigation():
            page.get_by_role("button", name="Next").click()
        expect(page.get_by_text("Step 2 of 6")).to_be_visible()
        with page.expect_navigation():
            page.get_by_role("link", name="Back to where it hurts").click()
        assert page.locator("#id_pain-groin-left").input_value() == "4"
    finally:
        context.close()
