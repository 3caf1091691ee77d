"""Each step checks its answers at the boundary: a clear message, no traceback, and the answers
already given are never lost."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from tests.helpers import words
from tests.web.intake_steps import ABOUT, SETUP, WHERE, answer, html, post
from unknot.web.care import guest

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    name: str
    step: str
    data: dict[str, Any]
    message: str
    before: dict[str, Any] = field(default_factory=dict)


BEFORE_ABOUT: dict[str, Any] = {"where": WHERE}
BEFORE_SAFETY: dict[str, Any] = {"where": WHERE, "about": ABOUT}
BEFORE_HEALTH: dict[str, Any] = {"where": WHERE, "about": ABOUT, "safety": {}}
BEFORE_SETUP: dict[str, Any] = {**BEFORE_HEALTH, "health": {}, "pain": {}}

CASES = [
    Case("no_region", "where", {}, "Mark at least one place that hurts"),
    Case("all_no_pain", "where", {"pain-low_back-left": ""}, "Mark at least one place that hurts"),
    Case("intensity_11", "where", {"pain-low_back-left": "11"}, "Choose a number from 1 to 10"),
    Case("intensity_word", "where", {"pain-low_back-left": "lots"}, "Choose a number from 1 to 10"),
    Case("no_age", "about", {**ABOUT, "age": ""}, "Please tell us your age", BEFORE_ABOUT),
    Case("age_word", "about", {**ABOUT, "age": "forty"}, "whole number", BEFORE_ABOUT),
    Case("age_12", "about", {**ABOUT, "age": "12"}, "aged 16 and over", BEFORE_ABOUT),
    Case("age_130", "about", {**ABOUT, "age": "130"}, "from 16 to 110", BEFORE_ABOUT),
    Case(
        "sex_garbage", "about", {**ABOUT, "sex": "robot"}, "choose one of the options", BEFORE_ABOUT
    ),
    Case(
        "pregnant_garbage",
        "health",
        {"pregnant": "maybe"},
        "choose one of the options",
        {**BEFORE_HEALTH, "about": {**ABOUT, "sex": "female"}},
    ),
    Case(
        "pregnancy_weeks_60",
        "health",
        {"pregnant": "yes", "pregnancy_weeks": "60"},
        "from 1 to 45",
        {**BEFORE_HEALTH, "about": {**ABOUT, "sex": "female"}},
    ),
    Case(
        "duration_garbage",
        "about",
        {**ABOUT, "duration_amount": "ages"},
        "write a number",
        BEFORE_ABOUT,
    ),
    Case(
        "unknown_red_flag",
        "safety",
        {"red_flags": ["headache"]},
        "choose one of the options",
        BEFORE_SAFETY,
    ),
    Case(
        "unknown_condition",
        "health",
        {"conditions": ["flu"]},
        "choose one of the options",
        BEFORE_HEALTH,
    ),
    Case(
        "unknown_prop",
        "setup",
        {**SETUP, "props": ["trampoline"]},
        "choose one of the options",
        BEFORE_SETUP,
    ),
    Case(
        "no_minutes",
        "setup",
        {**SETUP, "minutes_choice": ""},
        "choose how many minutes",
        BEFORE_SETUP,
    ),
    Case(
        "other_minutes_missing",
        "setup",
        {**SETUP, "minutes_choice": "other"},
        "write how many minutes",
        BEFORE_SETUP,
    ),
    Case(
        "other_minutes_90",
        "setup",
        {**SETUP, "minutes_choice": "other", "minutes_other": "90"},
        "from 3 to 60 minutes",
        BEFORE_SETUP,
    ),
    Case("no_floor_answer", "setup", {**SETUP, "floor_ok": ""}, "answer yes or no", BEFORE_SETUP),
    Case(
        "garbage_experience",
        "setup",
        {**SETUP, "experience": "guru"},
        "choose one of the options",
        BEFORE_SETUP,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_bad_answer_gets_a_plain_message_and_keeps_earlier_ones(
    client: Client, case: Case
) -> None:
    for step, data in case.before.items():
        assert post(client, step, data).status_code == 302
    response = post(client, case.step, case.data)
    assert response.status_code == 200
    page = words(html(response))
    assert case.message.lower() in page.lower()
    assert "Your other answers are kept" in page
    assert "Traceback" not in page
    for step in case.before:  # every earlier answer is still there
        assert client.get(f"/start/{step}/").status_code == 200
    assert guest.intake(client.session) is None  # nothing was finished


def test_a_bad_answer_on_the_map_redraws_what_was_marked(client: Client) -> None:
    response = post(client, "where", {"pain-low_back-right": "7", "pain-sacrum-center": "99"})
    page = html(response)
    assert '<option value="7" selected>' in page
    assert re.search(r'data-region="low_back" data-side="right"[^>]*data-pain="7"', page)


def test_the_age_refusal_for_a_child_is_kind_and_names_where_to_go(client: Client) -> None:
    post(client, "where", WHERE)
    page = words(html(post(client, "about", {**ABOUT, "age": "11"})))
    assert "children&#x27;s physiotherapist" in page


def test_garbage_keys_are_ignored_not_fatal(client: Client) -> None:
    response = post(client, "where", {**WHERE, "pain-moon-left": "5", "csrf": "x" * 5000})
    assert response.status_code == 302
    answer(client, upto="about")
    assert client.get("/start/safety/").status_code == 200


def test_the_cores_refusal_is_shown_in_plain_words(client: Client, monkeypatch: Any) -> None:
    """Should the core refuse the finished document, its messages are shown on the last step and
    nothing is kept."""
    from unknot.clinical.intake import IntakeError
    from unknot.web.care import services

    answer(client, upto="pain")
    real = services.evaluate

    def refuse(document: Any) -> Any:
        if "minutes" in document:
            raise IntakeError(["unknown prop 'yoga_block'; did you mean 'yoga_bolster'?"])
        return real(document)

    monkeypatch.setattr(services, "evaluate", refuse)
    response = post(client, "setup", SETUP)
    assert response.status_code == 200
    assert "unknown prop &#x27;yoga_block&#x27;" in html(response)
    assert guest.intake(client.session) is None


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_message_is_tied_to_its_field_for_screen_readers(client: Client, case: Case) -> None:
    for step, data in case.before.items():
        post(client, step, data)
    page = html(post(client, case.step, case.data))
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    for described in re.findall(r'aria-describedby="([^"]+)"', page):
        for target in described.split():
            assert target in ids, f"aria-describedby names a missing element: {target}"
