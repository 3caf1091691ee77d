"""Every main page, checked in Chromium by axe-core (the engine behind most accessibility
audits, bundled in the axe-playwright-python wheel, so nothing is downloaded): no serious or
critical violation, in light and in dark mode. Screen readers, keyboards and low vision are
how many people in pain use a phone on the floor."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from tests.helpers import example, headline
from unknot.web.accounts.models import User
from unknot.web.accounts.sessions import SessionStore
from unknot.web.care import guest, services
from unknot.web.care.intake import wizard
from unknot.web.care.models import CheckIn, MeasureResult, SessionRecord

axe_module = pytest.importorskip("axe_playwright_python")
AXE = (Path(axe_module.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
pytestmark = pytest.mark.django_db(transaction=True)
SERIOUS = {"serious", "critical"}


def violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in found["violations"]
        if v["impact"] in SERIOUS
    ]


def audit(page: Any, urls: list[str]) -> list[str]:
    problems = []
    for url in urls:
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            page.goto(url)
            problems += [f"{url} [{scheme}] {v}" for v in violations(page)]
    page.emulate_media(color_scheme="light")
    return problems


def _visitor_cookie(page: Any, live_server: Any, document: dict[str, Any]) -> None:
    store = SessionStore()
    wizard.restore(store, document)
    guest.set_intake(store, document)
    store.create()
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": store.session_key}
    page.context.add_cookies([cookie | {"url": live_server.url}])


def test_a_visitors_pages_pass_axe(page: Any, live_server: Any) -> None:
    # a woman with a soft belly ball: every step applies, pregnancy and the examination included
    document = example(sex="female", props=["belly_ball"], abdominal_screen_answered=True)
    _visitor_cookie(page, live_server, document)
    urls = ["/", "/login/", "/signup/", "/password-reset/", "/offline/", "/techniques/",
            "/techniques/?prop=none", "/techniques/psoas_fingertips_supine/",
            "/techniques/ql_hands_standing/"]  # fmt: skip
    urls += [f"/start/{slug}/" for slug in wizard.SLUGS]
    urls += ["/results/", "/results/session/"]
    assert audit(page, urls) == []


def _both(page: Any, where: str) -> list[str]:
    problems = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        problems += [f"{where} [{scheme}] {v}" for v in violations(page)]
    page.emulate_media(color_scheme="light")
    return problems


def test_what_the_scripts_open_passes_axe(page: Any, live_server: Any) -> None:
    """The body map zoomed in and its picker; the session's step, finish and done screens."""
    _visitor_cookie(page, live_server, example())
    page.goto("/start/where/")
    page.wait_for_selector("[data-bodymap][data-ready]", state="attached")
    page.get_by_role("button", name="Low back and buttocks: open").click()
    problems = _both(page, "map zoomed")
    page.locator("svg.body-map-back g.target[data-region=low_back][data-side=left]").click()
    problems += _both(page, "map picker")
    page.clock.install()
    page.goto("/results/session/")
    page.click("#start")
    page.click("#before-skip")
    page.click("#pause")
    problems += _both(page, "session step")
    page.click("#stop")
    problems += _both(page, "finish screen")
    page.click("#save")
    page.wait_for_selector("#screen-done", state="visible")
    problems += _both(page, "done screen")
    assert problems == []


def test_the_stop_page_passes_axe(page: Any, live_server: Any) -> None:
    _visitor_cookie(page, live_server, example(findings=["saddle_numbness"]))
    page.goto(f"/start/{wizard.SLUGS[-1]}/")  # any step after the safety questions stops
    expect(page.get_by_role("heading", name=headline("emergency"))).to_be_visible()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert violations(page) == [], scheme


def test_error_messages_pass_axe_in_both_schemes(page: Any) -> None:
    page.goto("/login/")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert page.locator(".field-error").count() >= 1
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert violations(page) == [], scheme


@pytest.mark.http_errors_expected
def test_a_signed_in_persons_pages_pass_axe(page: Any) -> None:
    user = User.objects.create_user(email="erin@example.org", password="quiet mornings 2026")
    plan = services.save_assessment(user, example())
    now = timezone.now()
    for day in range(10):
        at = now - timedelta(days=day)
        SessionRecord.objects.create(owner=user, assessment=plan, at=at, planned_steps=8,
                                     done_steps=8, pain_before=6, pain_after=4)  # fmt: skip
        CheckIn.objects.create(owner=user, at=at, pain=5, note="fine")
    result = MeasureResult.objects.create(owner=user, measure="rmdq", answers={"total": 9}, score=9)
    session = SessionRecord.objects.filter(owner=user).first()
    check = CheckIn.objects.filter(owner=user).first()
    assert session is not None and check is not None
    page.goto("/login/")
    page.get_by_label("Email address").fill("erin@example.org")
    page.get_by_label("Password").fill("quiet mornings 2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    urls = [
        f"/plans/{plan.pk}/", f"/plans/{plan.pk}/session/", "/diary/", "/diary/check-in/",
        "/diary/measures/odi/", "/diary/measures/psfs/", "/diary/measures/rmdq/",
        "/diary/measures/startback/", "/diary/measures/nprs/", f"/diary/results/{result.pk}/",
        "/account/", "/account/delete/",
        "/account/password/", f"/diary/sessions/{session.pk}/",
        f"/diary/check-ins/{check.pk}/delete/",
        "/plans/999999/",
    ]  # fmt: skip
    assert audit(page, urls) == []
    # a warning sign at a check-in: the page that says what to do now
    page.goto("/diary/check-in/")
    page.get_by_label("Fever, chills or sweats", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_role("heading", name=headline("urgent"))).to_be_visible()
    assert _both(page, "check-in with a warning sign") == []
