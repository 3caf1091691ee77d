from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.browser.conftest import Shots

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_home_page_loads_with_its_own_styles_and_no_errors(page: Any, shots: Shots) -> None:
    page.goto("/")
    expect(page.get_by_role("link", name="Start: where does it hurt?")).to_be_visible()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgba(0, 0, 0, 0)"  # the stylesheet loaded under the CSP
    shots.take(page, "home")
