"""A session saved on the phone while offline reaches the diary from any page, not only from the
player: the next page the person opens sends it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.browser.conftest import Shots
from tests.web.browser.test_player_browser import (
    go_offline,
    played,
    sign_in_with_plan,
    skip_ahead,
    still_clock,
)
from unknot.web.care.models import SessionRecord

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_session_kept_offline_is_sent_when_the_diary_opens(page: Any, shots: Shots) -> None:
    plan = sign_in_with_plan(page, "carol@example.org")
    still_clock(page, f"/plans/{plan.pk}/session/")
    go_offline(page)
    # and no log may reach the server while "offline", however the emulation races a request
    page.context.route("**/session/log", lambda route: route.abort("internetdisconnected"))
    page.click("#start")
    page.click("#screen-before button.pain[data-pain='5']")
    skip_ahead(page, sum(s["seconds"] for s in played(plan)))
    page.wait_for_selector("#screen-after", state="visible")
    page.click("#screen-after button.pain[data-pain='3']")
    page.click("#save")
    page.wait_for_selector("#done-message:has-text('Saved on this phone')")
    page.close()  # the player is gone before the network comes back
    assert not SessionRecord.objects.exists(), list(SessionRecord.objects.values())

    diary = page.context.new_page()
    page.context.unroute("**/session/log")
    page.context.set_offline(False)
    diary.goto("/diary/")
    diary.wait_for_selector("text=Right after your last session")  # sent, then reloaded
    # flush.js may send on load and again on the "online" event, reloading twice: let the
    # page settle before reading it
    diary.wait_for_load_state("networkidle")
    assert diary.evaluate("localStorage.getItem('unknot.player.outbox')") is None
    record = SessionRecord.objects.get()
    assert (record.owner, record.pain_before, record.pain_after) == (plan.owner, 5, 3)
    shots.take(diary, "diary-after-sending")
