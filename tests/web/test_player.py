"""The guided session page: who may open it, what it holds, and when there is no player."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from tests.helpers import RED_FLAG, example
from tests.web.people import signed_in, visitor_with
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.models import Assessment, SessionRecord

pytestmark = pytest.mark.django_db


def short_plan(**changes: Any) -> dict[str, Any]:
    """About three minutes: a breathing step with a pacer, then a belly-side release on both
    sides (abdominal, with the pulse banner; a soft ball, as belly work takes), then the finish."""
    doc = example(
        abdominal_screen_answered=True,
        experience="some",
        props=["belly_ball"],
        minutes=3,
        pain=[{"region": "hip_front", "side": "right", "intensity": 6}],
    )
    doc.update(changes)
    return doc


def make_user(email: str) -> User:
    return User.objects.create_user(email=email, password="a long enough password 1")


def timeline_in(html: str) -> Any:
    found = re.search(r'<script id="timeline" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the page embeds the timeline as a JSON data block"
    return json.loads(found.group(1))


@pytest.fixture
def alice_plan() -> Assessment:
    return services.save_assessment(make_user("alice@example.org"), short_plan())


def test_it_plays_the_owners_plan_with_its_timeline(alice_plan: Assessment) -> None:
    response = signed_in(alice_plan.owner).get(f"/plans/{alice_plan.pk}/session/")
    assert response.status_code == 200
    html = response.content.decode()
    expected = services.evaluate(alice_plan.intake).timeline_json()
    # the finish is a screen, not a timed step: the steps counted at the start are those played
    assert timeline_in(html) == [s for s in expected if s["kind"] != "finish"]
    played = len(expected) - 1
    assert f"{played} steps, about" in html
    assert expected[-1]["kind"] == "finish"
    assert expected[-1]["safety"] is None and 'id="finish-safety"' not in html  # no floor work
    assert 'src="/static/care/player/main.js"' in html and 'type="module"' in html
    assert f'data-log-url="/plans/{alice_plan.pk}/session/log"' in html
    assert "Full stomach? Belly work waits." in html
    assert "csrfmiddlewaretoken" in html


def test_it_holds_each_technique_picture_once_per_side(alice_plan: Assessment) -> None:
    html = signed_in(alice_plan.owner).get(f"/plans/{alice_plan.pk}/session/").content.decode()
    keys = re.findall(r'<template data-key="([^"]+)">', html)
    assert sorted(keys) == [
        "diaphragm_breathing_reset-both",
        "iliacus_ball_wall-left",
        "iliacus_ball_wall-right",
    ]
    assert html.count("<svg") == 4  # three pictures and the breathing pacer
    assert "left side</text>" in html and "right side</text>" in html


def test_without_javascript_no_button_is_shown_that_would_do_nothing(
    alice_plan: Assessment,
) -> None:
    html = signed_in(alice_plan.owner).get(f"/plans/{alice_plan.pk}/session/").content.decode()
    start = html.split('id="screen-start"')[1].split("</section>")[0]
    assert re.search(r'<button [^>]*id="start" data-needs-script hidden>', start)
    toggles = re.search(r'<div class="toggles"[^>]*>(.*?)</div>', start, re.S)
    assert toggles and "data-needs-script hidden" in toggles.group(0)  # spoken cues, beeps
    assert "data-without-script>The guided session needs JavaScript" in start
    assert "Back to your plan" in start


def test_the_page_has_no_inline_script_or_style(alice_plan: Assessment) -> None:
    response = signed_in(alice_plan.owner).get(f"/plans/{alice_plan.pk}/session/")
    html = response.content.decode()
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all('type="application/json"' in s or "src=" in s for s in scripts), scripts
    assert "<style" not in html and " style=" not in html and "onclick" not in html


def test_a_stranger_gets_404_for_the_page_and_the_log(alice_plan: Assessment) -> None:
    bob = signed_in(make_user("bob@example.org"))
    assert bob.get(f"/plans/{alice_plan.pk}/session/").status_code == 404
    log = {"planned_steps": 6, "done_steps": 6, "seconds": 170}
    response = bob.post(
        f"/plans/{alice_plan.pk}/session/log", json.dumps(log), content_type="application/json"
    )
    assert response.status_code == 404
    assert not SessionRecord.objects.exists()


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(alice_plan: Assessment) -> None:
    client = Client()
    response = client.get(f"/plans/{alice_plan.pk}/session/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    response = client.post(f"/plans/{alice_plan.pk}/session/log", {"planned_steps": 1})
    assert response.status_code == 302
    assert not SessionRecord.objects.exists()


def test_no_player_when_self_care_is_not_safe() -> None:
    plan = services.save_assessment(make_user("carol@example.org"), example(RED_FLAG))
    response = signed_in(plan.owner).get(f"/plans/{plan.pk}/session/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is no guided session for these answers" in html
    assert "emergency department" in html
    assert 'id="timeline"' not in html and "main.js" not in html
    assert f'href="/plans/{plan.pk}/"' in html


def test_a_stored_intake_the_core_no_longer_accepts_shows_a_message() -> None:
    user = make_user("dan@example.org")
    plan = Assessment.objects.create(
        owner=user, intake=short_plan(props=["no_such_prop"]), verdict="self_care"
    )
    response = signed_in(user).get(f"/plans/{plan.pk}/session/")
    assert response.status_code == 200
    assert "This plan cannot be played any more" in response.content.decode()


def test_a_visitor_plays_the_plan_held_in_their_session() -> None:
    client = visitor_with(example())
    html = client.get("/results/session/").content.decode()
    steps = services.evaluate(example()).timeline_json()
    assert timeline_in(html) == [s for s in steps if s["kind"] != "finish"]
    roll = steps[-1]["safety"]  # floor work: roll to the side before getting up
    assert roll and f'<p id="finish-safety" class="safety-banner">{roll}</p>' in html
    assert 'data-log-url="/results/session/log"' in html
    assert 'href="/signup/"' in html  # "create an account to keep your diary"


def test_a_visitor_without_answers_is_sent_to_the_start() -> None:
    response = Client().get("/results/session/")
    assert response.status_code == 302
    assert response["Location"] == "/start/"


def test_a_visitor_with_a_red_flag_gets_no_player() -> None:
    html = visitor_with(example(RED_FLAG)).get("/results/session/").content.decode()
    assert "There is no guided session for these answers" in html
    assert 'id="timeline"' not in html
    assert 'href="/results/"' in html
