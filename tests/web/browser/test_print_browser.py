"""A plan printed to keep on the fridge: all of it, without the buttons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.helpers import example
from tests.web.browser.conftest import SHOTS
from unknot.web.accounts.sessions import SessionStore
from unknot.web.care import guest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_printed_plan_opens_every_fold_and_hides_the_buttons(
    page: Any, live_server: Any
) -> None:
    store = SessionStore()
    guest.set_intake(store, example())
    store.create()
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": store.session_key}
    page.context.add_cookies([cookie | {"url": live_server.url}])
    page.goto("/results/")
    expect(page.get_by_role("button", name="Print my plan")).to_be_visible()
    closed = page.locator("details:not([open])").count()
    assert closed > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details:not([open])").count() == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details:not([open])").count() == closed

    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="Start the guided session").is_visible()
    expect(page.locator(".phase-release svg").first).to_be_visible()
    pdf = Path(SHOTS) / "plan-print.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 10_000
