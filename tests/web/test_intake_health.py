"""The health step, on a screen of its own after the warning signs: the conditions and the
clinician's all-clear reach the document, belly work waits until both screens are answered, and
a finished document is split back between the two screens."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.backends.base import SessionBase
from django.test import Client

from tests.helpers import example, headline, words
from tests.web.intake_steps import SETUP, answer, html, post
from unknot.knowledge import load_knowledge
from unknot.web.care import guest
from unknot.web.care.intake import wizard

pytestmark = pytest.mark.django_db

BELLY_SETUP = {**SETUP, "props": ["belly_ball", "ball_pair", "firm_ball"], "experience": "some"}


def _belly_items(page: str) -> list[str]:
    """The names of the techniques that press on the belly and stand in the plan as items."""
    kb = load_knowledge()
    return [
        t.name
        for t in kb.techniques.values()
        if t.abdominal_pressure and f'data-technique="{t.id}"' in page
    ]


def test_the_health_step_asks_every_condition_and_the_all_clear_and_no_red_flag(
    client: Client,
) -> None:
    answer(client, upto="safety")
    page = words(html(client.get("/start/health/")))
    kb = load_knowledge()
    assert "Step 4 of 6" in page and "<h1>Your health</h1>" in page
    assert 'href="/start/safety/"' in page and "Back to warning signs" in page
    for condition in kb.conditions.values():
        if condition.implied_by:  # follows from the "about you" step
            assert f'value="{condition.id}"' not in page
        else:
            assert f'value="{condition.id}"' in page
            assert words(condition.question).replace("'", "&#x27;") in page
    for finding in kb.findings.values():
        assert f'value="{finding.id}"' not in page
    assert 'name="cleared_by_clinician"' in page


def test_the_belly_screen_counts_as_answered_only_after_both_steps(client: Client) -> None:
    answer(client, upto="safety")
    assert wizard.document(client.session).get("abdominal_screen_answered", False) is False
    post(client, "health", {})
    assert wizard.document(client.session)["abdominal_screen_answered"] is True


def test_without_a_belly_condition_belly_work_can_be_planned(client: Client) -> None:
    answer(client, setup=BELLY_SETUP)
    page = html(client.get("/results/"))
    assert "Self-care looks reasonable" in page
    assert _belly_items(page)


def test_a_belly_condition_on_the_health_step_leaves_belly_work_out_of_the_plan(
    client: Client,
) -> None:
    health = {"conditions": ["abdominal_hernia"], "cleared_by_clinician": "on"}
    answer(client, health=health, setup=BELLY_SETUP)
    document = guest.intake(client.session)
    assert document is not None and document["conditions"] == ["abdominal_hernia"]
    page = html(client.get("/results/"))
    assert "Self-care looks reasonable" in page
    assert _belly_items(page) == []
    reason = load_knowledge().conditions["abdominal_hernia"].reason or ""
    assert words(reason) in words(page)


def test_an_aortic_aneurysm_on_the_health_step_stops_at_once_and_no_belly_work_is_shown(
    client: Client,
) -> None:
    response = answer(client, upto="health", health={"conditions": ["abdominal_aortic_aneurysm"]})
    assert response["Location"] == "/start/stop/"
    assert client.get("/start/pain/")["Location"] == "/start/stop/"
    document = guest.intake(client.session)
    assert document is not None and document["conditions"] == ["abdominal_aortic_aneurysm"]
    assert document["abdominal_screen_answered"] is True
    page = words(html(client.get("/results/")))
    assert headline("urgent") in page  # a known aneurysm, long-standing pain
    assert "Don&#x27;t press on your belly" in page
    assert "Start the guided session" not in page
    assert _belly_items(page) == []


def test_going_back_to_the_health_step_shows_the_answers_given(client: Client) -> None:
    answer(
        client, upto="health", health={"conditions": ["osteoporosis"], "cleared_by_clinician": "on"}
    )
    page = html(client.get("/start/health/"))
    assert re.search(r'value="osteoporosis" id="id_conditions_\d+" checked', page)
    assert re.search(r'name="cleared_by_clinician" id="id_cleared_by_clinician" checked', page)


def test_restore_splits_a_document_between_the_safety_and_health_steps() -> None:
    session = SessionBase()
    document = example(
        findings=["fever", "pain_standing_after_sitting", "saddle_numbness"],
        conditions=["osteoporosis", "abdominal_hernia"],
        cleared_by_clinician=True,
    )
    wizard.restore(session, document)
    assert wizard.answers(session, "safety") == {"red_flags": ["fever", "saddle_numbness"]}
    assert wizard.answers(session, "health") == {
        "conditions": ["osteoporosis", "abdominal_hernia"],
        "cleared_by_clinician": True,
        "cleared_on": None,
    }
    assert wizard.answers(session, "pain") == {"findings": ["pain_standing_after_sitting"]}
    again = wizard.document(session)
    assert again["conditions"] == document["conditions"]
    assert again["cleared_by_clinician"] is True
    assert sorted(again["findings"]) == sorted(document["findings"])
    assert again["abdominal_screen_answered"] is True
