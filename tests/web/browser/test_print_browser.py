"""The browser's own "print" of the results page gives the plan, like the handout: the plan
cards with their pictures, without the muscles, the sources, the forms or the buttons."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.helpers import example
from tests.web.browser.conftest import SHOTS
from unknot.web.accounts.sessions import SessionStore
from unknot.web.care import guest, services

pytestmark = pytest.mark.django_db(transaction=True)


def test_printing_the_results_gives_the_plan_not_the_whole_page(
    page: Any, live_server: Any
) -> None:
    store = SessionStore()
    guest.set_intake(store, example())
    store.create()
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": store.session_key}
    page.context.add_cookies([cookie | {"url": live_server.url}])
    page.goto("/results/")
    expect(page.locator(".muscles")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".muscles")).to_be_hidden()
    expect(page.get_by_role("link", name="Start the guided session")).to_be_hidden()
    routine = services.evaluate(example()).answer.routine
    assert routine is not None
    cards = page.locator(".plan-item")
    expect(cards).to_have_count(len(routine.items))
    for n in range(len(routine.items)):
        expect(cards.nth(n).locator("svg")).to_be_visible()
    pdf = Path(SHOTS) / "plan-print.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    assert pages <= 2
