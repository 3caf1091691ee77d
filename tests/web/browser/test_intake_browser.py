"""The intake in a real phone-sized browser: a typical person taps through it (the screens, taps
and scroll height are counted and kept beside the screenshots); the body map by keyboard alone,
with every target at least 44 px; a red flag that stops at once; and the lists that do the map's
work without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.helpers import headline
from tests.web.browser.conftest import PHONE, SHOTS, Shots
from tests.web.browser.walk import Walk, target_sizes
from unknot.knowledge import load_knowledge
from unknot.pictures.intake_map import AREAS, MIN_TARGET_PX

pytestmark = pytest.mark.django_db(transaction=True)
FIGURES = SHOTS.parent


def _next(page: Any, walk: Walk, name: str = "Next") -> None:
    with page.expect_navigation():
        walk.tap(page.get_by_role("button", name=name))
    walk.arrive(page)


def _keep(name: str, walk: Walk) -> None:
    """Keep the walk's figures in test-artifacts/intake-<name>.txt, for the record."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    lines = [f"{name}: {walk.summary()}", *(f"  {path} {h} px" for path, h in walk.pages)]
    (FIGURES / f"intake-{name.split(',')[0].replace(' ', '-')}.txt").write_text(
        "\n".join(lines) + "\n", encoding="utf-8"
    )


def _look(page: Any, shots: Shots, selector: str, name: str) -> None:
    """A phone-screen screenshot with ``selector`` at the top of the screen."""
    page.locator(selector).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    shots.take(page, name, full_page=False)


def _wired(page: Any) -> None:
    page.wait_for_selector("[data-bodymap][data-ready]", state="attached")


def test_a_typical_person_taps_through_the_intake_on_a_phone(page: Any, shots: Shots) -> None:
    """Female, 45, low back pain on the right for two months, examined by her GP; a firm ball
    and a block; 15 minutes on the floor."""
    kb = load_knowledge()
    walk = Walk(PHONE["height"])
    page.goto("/start/")
    walk.arrive(page)
    _wired(page)
    expect(page.get_by_text("Step 1 of 6")).to_be_visible()
    shots.take(page, "where")
    walk.tap(page.get_by_role("button", name="Low back and buttocks: open"))
    shots.take(page, "where-zoomed", full_page=False)
    walk.tap(page.locator("svg.body-map-back g.target[data-region=low_back][data-side=right]"))
    picker = page.locator("[data-picker]")
    expect(picker).to_be_visible()
    assert "Low back, right" in picker.inner_text()
    shots.take(page, "where-picker", full_page=False)
    walk.tap(picker.get_by_role("button", name="6", exact=True))
    expect(picker).to_be_hidden()
    assert page.locator("#id_pain-low_back-right").input_value() == "6"
    assert page.locator("svg.body-map-back text[data-for='low_back-right']").text_content() == "6"
    shots.take(page, "where-marked", full_page=False)
    _next(page, walk)

    expect(page.get_by_text("Step 2 of 6")).to_be_visible()
    walk.type_into(page.get_by_label("How old are you?"), "45")
    walk.tap(page.get_by_label("Female", exact=True))
    walk.type_into(page.locator("#id_duration_amount"), "8")
    page.locator("#id_duration_unit").evaluate("s => s.value === 'weeks'")
    shots.take(page, "about")
    _next(page, walk)

    expect(page.get_by_role("heading", name="Warning signs")).to_be_visible()
    legends = page.locator("fieldset.sign-group > legend").all_text_contents()
    tiers = ("emergency", "urgent", "see_clinician")
    assert [t.strip() for t in legends] == [kb.tiers.of(t).signs_heading for t in tiers]
    shots.take(page, "safety")
    _next(page, walk)

    expect(page.get_by_role("heading", name="Your health")).to_be_visible()
    rule = kb.red_flags["persistent_unexamined"]
    expect(page.get_by_text(rule.title)).to_be_visible()
    expect(page.get_by_label(kb.conditions["pregnancy"].question)).to_have_count(0)
    expect(page.get_by_role("group", name=kb.conditions["pregnancy"].question)).to_be_visible()
    expect(page.get_by_label(kb.tiers.screening.clearance_date_label)).to_be_hidden()
    walk.tap(page.get_by_label(kb.tiers.screening.clearance_label, exact=False))
    expect(page.get_by_label(kb.tiers.screening.clearance_date_label)).to_be_visible()
    shots.take(page, "health")
    _next(page, walk)

    expect(page.get_by_text("Step 5 of 6")).to_be_visible()
    for name in ("pain_standing_after_sitting", "pain_bending_forward", "morning_stiffness"):
        short = kb.findings[name].short
        walk.tap(page.get_by_label(short[:1].upper() + short[1:], exact=True))
    shots.take(page, "pain")
    _next(page, walk)

    expect(page.get_by_text("Step 6 of 6")).to_be_visible()
    walk.tap(page.get_by_role("group", name="Can you get down to the floor").get_by_label("Yes"))
    walk.tap(page.get_by_label("Firm massage ball", exact=False))
    walk.tap(page.get_by_label("Yoga block", exact=False))
    shots.take(page, "setup")
    with page.expect_navigation():
        walk.tap(page.get_by_role("button", name="See my plan"))

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
    _keep("touch, a typical person", walk)
    assert len(walk.pages) == 6
    assert walk.screens < 17.5, walk.summary()  # 26.5 before the intake was shortened
    assert walk.taps <= 19, walk.summary()
    assert walk.typed == 3


def test_the_body_map_works_by_keyboard_and_every_target_is_big_enough(
    page: Any, shots: Shots
) -> None:
    page.goto("/start/where/")
    _wired(page)
    walk = Walk(PHONE["height"])
    smallest: list[dict[str, Any]] = []
    for view, areas in AREAS.items():
        for area in areas:
            zone = f"svg.body-map-{view} rect.zone[data-area={area.id}]"
            walk.tab_to(page, zone)
            sizes = target_sizes(page, zone)
            assert min(sizes[0]["width"], sizes[0]["height"]) >= MIN_TARGET_PX, sizes[0]
            walk.press(page, "Enter")
            expect(page.locator("[data-zoom-title]:visible")).to_have_text(area.name)
            targets = f"svg.body-map-{view} g.target[data-area={area.id}]"
            sizes = target_sizes(page, targets)
            smallest.append(sizes[0])
            too_small = [s for s in sizes if min(s["width"], s["height"]) < MIN_TARGET_PX]
            assert not too_small, (area.id, too_small)
            # a tap at the middle of each target reaches that target, not a neighbour
            missed = page.evaluate(
                """s => [...document.querySelectorAll(s)].filter(t => {
                    const r = t.getBoundingClientRect();
                    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                    return !hit || hit.closest('g.target') !== t;
                }).map(t => t.id)""",
                targets,
            )
            assert missed == [], (area.id, missed)
            focused = page.evaluate("document.activeElement.dataset.area")
            assert focused == area.id  # the first place of the area has the focus
            walk.press(page, "Escape")
    smallest.sort(key=lambda s: min(s["width"], s["height"]))
    print("smallest map target:", smallest[0])

    # Mark the right low back with the keyboard alone: open the area, tab to the place, press
    # Enter, type 6; then the list says so and the drawing is numbered.
    page.goto("/start/where/")
    _wired(page)
    keys = Walk(PHONE["height"])
    keys.arrive(page)
    keys.tab_to(page, "svg.body-map-back rect.zone[data-area=low_back]")
    keys.press(page, "Enter")
    keys.tab_to(page, "svg.body-map-back g.target[data-region=low_back][data-side=right]")
    keys.press(page, "Enter")
    expect(page.locator("[data-picker]")).to_be_visible()
    shots.take(page, "keyboard-picker", full_page=False)
    keys.key_type(page, "6")
    expect(page.locator("[data-picker]")).to_be_hidden()
    assert page.locator("#id_pain-low_back-right").input_value() == "6"
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Low back, right: pain 6 out of 10"
    keys.tab_to(page, "form.wizard button[type=submit]")
    with page.expect_navigation():
        keys.press(page, "Enter")
    keys.arrive(page)
    expect(page.get_by_text("Step 2 of 6")).to_be_visible()
    _minimal_by_keyboard(page, keys)
    _keep("keyboard only, a minimal intake", keys)
    assert keys.keys < 176, keys.summary()  # 176 before, and the map could not be reached


def _minimal_by_keyboard(page: Any, keys: Walk) -> None:
    """The rest of a minimal intake by keyboard: an age, then every screen left as it is
    except the floor question, which has no default."""
    keys.tab_to(page, "#id_age")
    keys.key_type(page, "48")
    with page.expect_navigation():
        keys.press(page, "Enter")
    keys.arrive(page)
    for _ in range(3):  # warning signs, health, pain: nothing to tick
        keys.tab_to(page, "form.wizard button[type=submit]")
        with page.expect_navigation():
            keys.press(page, "Enter")
        keys.arrive(page)
    keys.tab_to(page, "input[name=floor_ok][value=yes]")
    keys.press(page, "Space")
    keys.tab_to(page, "form.wizard button[type=submit]")
    with page.expect_navigation():
        keys.press(page, "Enter")
    assert page.url.endswith("/results/")


def test_a_red_flag_stops_the_intake_at_once(page: Any, shots: Shots) -> None:
    page.goto("/start/")
    _wired(page)
    page.get_by_text("Or choose from a list: back areas").click()
    page.locator("#id_pain-low_back-center").select_option("7")
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    page.get_by_label("How old are you?").fill("52")
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    page.get_by_label("the area that would touch a bicycle saddle", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()

    # Straight to the stop page: the health questions are never shown.
    assert page.url.endswith("/start/stop/")
    expect(page.get_by_role("heading", name=headline("emergency"))).to_be_visible()
    expect(page.get_by_text("emergency department", exact=False).first).to_be_visible()
    assert page.get_by_role("link", name="Start the guided session").count() == 0
    shots.take(page, "stop")
    page.get_by_role("link", name="My answers were wrong").click()
    expect(page.get_by_text("Step 3 of 6")).to_be_visible()


def test_without_javascript_the_lists_and_the_server_do_the_work(
    browser: Any, live_server: Any, shots: Shots
) -> None:
    kb = load_knowledge()
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto("/start/where/")
        lists = page.locator("details.region-list")
        assert lists.count() == 2
        assert all(lists.nth(i).get_attribute("open") is not None for i in range(2))
        assert page.locator("button[type=button]:visible, [role=button]").count() == 0
        with page.expect_navigation():
            page.get_by_role("button", name="Next").click()
        expect(page.get_by_text("Mark at least one place that hurts")).to_be_visible()
        page.locator("#id_pain-groin-left").select_option("4")
        shots.take(page, "no-js-where", full_page=False)
        with page.expect_navigation():
            page.get_by_role("button", name="Next").click()
        expect(page.get_by_text("Step 2 of 6")).to_be_visible()
        page.get_by_label("How old are you?").fill("30")
        page.get_by_label("Other", exact=True).check()
        with page.expect_navigation():
            page.get_by_role("button", name="Next").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Next").click()
        # The server asked about pregnancy (not "male"); its weeks are on the screen already.
        pregnancy = kb.conditions["pregnancy"]
        assert pregnancy.weeks_question
        page.get_by_role("group", name=pregnancy.question).get_by_label("Yes").check()
        page.get_by_label(pregnancy.weeks_question).fill("20")
        shots.take(page, "no-js-health")
        with page.expect_navigation():
            page.get_by_role("button", name="Next").click()
        expect(page.get_by_text("Step 5 of 6")).to_be_visible()
        with page.expect_navigation():
            page.get_by_role("link", name="Back to your health").click()
        assert page.get_by_label(pregnancy.weeks_question).input_value() == "20"
    finally:
        context.close()
