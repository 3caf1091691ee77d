"""The plan in the person's hands, in Chromium on a phone and on a desktop: the results page
leads with the verdict and the plan (its first item within two screens on a phone), every plan
item links to its technique page, the technique pages show steps and pictures, and the handout
holds every item's picture and key steps (rendered to PNG with pdftoppm and kept)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.helpers import example, headline
from tests.web.browser.conftest import PHONE, Shots
from unknot.web.accounts.sessions import SessionStore
from unknot.web.care import guest, services

pytestmark = pytest.mark.django_db(transaction=True)
DESKTOP = {"width": 1280, "height": 900}


def _visit(page: Any, live_server: Any, document: dict[str, Any]) -> None:
    store = SessionStore()
    guest.set_intake(store, document)
    store.create()
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": store.session_key}
    page.context.add_cookies([cookie | {"url": live_server.url}])


def _top(page: Any, selector: str) -> float:
    where = "e => e.getBoundingClientRect().top + scrollY"
    return float(page.locator(selector).first.evaluate(where))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_results_page_leads_with_the_verdict_then_the_plan(
    page: Any, live_server: Any, shots: Shots, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    _visit(page, live_server, example())
    page.goto("/results/")
    expect(page.get_by_role("heading", name=headline("self_care"))).to_be_visible()
    titles = ("#verdict-title", "#plan-title", "#muscles-title")
    verdict, plan, muscles = (_top(page, s) for s in titles)
    assert verdict < plan < muscles
    first_item = _top(page, ".plan-item")
    assert first_item < 2 * viewport["height"], first_item
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 6.5 * PHONE["height"] or viewport is DESKTOP, height
    shots.take(page, "results")
    routine = services.evaluate(example()).answer.routine
    assert routine is not None
    items = page.locator(".plan-item")
    expect(items).to_have_count(len(routine.items))
    for n, item in enumerate(routine.items):
        link = items.nth(n).get_by_role("link", name=item.technique.name, exact=True)
        expect(link).to_have_attribute("href", f"/techniques/{item.technique.id}/")
    first = items.first
    first.get_by_text("How to do it").click()
    expect(first.get_by_text(routine.items[0].technique.steps[0])).to_be_visible()
    shots.take(page, "steps-open", full_page=False)
    with page.expect_navigation():
        first.get_by_role("link", name=routine.items[0].technique.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(routine.items[0].technique.name)
    expect(page.locator(".technique-picture").first).to_be_visible()
    shots.take(page, "technique-page")


def test_the_library_filters_and_opens_a_technique(page: Any, shots: Shots) -> None:
    kb = services.kb()
    page.goto("/techniques/")
    expect(page.locator(".tile")).to_have_count(len(kb.techniques))
    shots.take(page, "library")
    page.get_by_label("Prop").select_option("none")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    wanted = [t for t in kb.techniques.values() if all(n.optional for n in t.props)]
    expect(page.locator(".tile")).to_have_count(len(wanted))
    shots.take(page, "no-props")


def test_the_handout_has_every_items_picture_and_steps(
    page: Any, live_server: Any, shots: Shots, tmp_path: Path
) -> None:
    document = example()
    _visit(page, live_server, document)
    page.goto("/results/")
    # the PDF takes WeasyPrint 7 to 9 s of CPU on a busy two-core machine: wait for it
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("link", name="One-page handout to print (PDF)").click(modifiers=["Alt"])
    pdf = tmp_path / "handout.pdf"
    download.value.save_as(pdf)
    routine = services.evaluate(document).answer.routine
    assert routine is not None
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    said = " ".join(text.stdout.split())
    for item in routine.items:
        tech = item.technique
        assert tech.name in said
        for n in tech.key_steps:
            assert " ".join(tech.steps[n - 1].split()[:5]) in said, (tech.id, n)
    prefix = shots.folder / "handout"
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(prefix)], check=True)
    pngs = sorted(shots.folder.glob("handout*.png"))
    assert len(pngs) == 1  # one page for the example's 15 minutes
