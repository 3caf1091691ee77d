"""The health step and the belly step: the conditions, pregnancy only when it can apply, the
clinician's examination asked in the flow when it matters, the belly-safety questions only when
belly work could be planned (and belly work only once they are answered), and a finished
document split back between the steps."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.backends.base import SessionBase
from django.test import Client

from tests.helpers import example, headline, words
from tests.web.intake_steps import ABOUT, SETUP, answer, html, post
from unknot.clinical.questions import belly_only
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


def _asked(page: str, question: str) -> bool:
    return words(question).replace("'", "&#x27;") in page


def test_the_health_step_asks_the_conditions_that_can_apply_and_no_red_flag(
    client: Client,
) -> None:
    answer(client, upto="safety")
    page = words(html(client.get("/start/health/")))
    kb = load_knowledge()
    assert "Step 4 of 6" in page and "<h1>Your health</h1>" in page
    assert 'href="/start/safety/"' in page and "Back to warning signs" in page
    for condition in kb.conditions.values():
        shown = f'value="{condition.id}"' in page
        assert shown == (not condition.implied_by and not belly_only(condition, kb))
        if shown:
            assert _asked(page, condition.question)
    for finding in kb.findings.values():
        assert f'value="{finding.id}"' not in page


def test_pregnancy_is_asked_unless_the_answer_was_male(client: Client) -> None:
    pregnancy = load_knowledge().conditions["pregnancy"]
    assert pregnancy.cannot_apply is not None and pregnancy.weeks_question
    for sex, asked in (("male", False), ("female", True), ("other", True), ("", True)):
        answer(client, upto="safety", about={**ABOUT, "sex": sex})
        page = words(html(client.get("/start/health/")))
        assert ('name="pregnant"' in page) is asked, sex
        assert _asked(page, pregnancy.question) is asked, sex
        assert _asked(page, pregnancy.weeks_question) is asked, sex


def test_a_pregnancy_and_its_weeks_reach_the_document_and_leave_with_a_changed_answer(
    client: Client,
) -> None:
    answer(
        client,
        about={**ABOUT, "sex": "female"},
        health={"pregnant": "yes", "pregnancy_weeks": "20", "cleared_by_clinician": "on"},
    )
    document = guest.intake(client.session)
    assert document is not None
    assert (document["pregnant"], document["pregnancy_weeks"]) == (True, 20)
    post(client, "about", {**ABOUT, "sex": "male"})
    assert wizard.document(client.session)["pregnant"] is False
    assert "pregnancy_weeks" not in wizard.document(client.session)


def test_long_lasting_pain_is_a_question_on_the_health_step_not_a_wall(client: Client) -> None:
    kb = load_knowledge()
    rule = kb.red_flags["persistent_unexamined"]
    words_ = kb.tiers.screening
    answer(client, upto="safety", about={**ABOUT, "duration_amount": "3"})
    page = words(html(client.get("/start/health/")))
    assert not _asked(page, rule.title)  # three weeks: only a spine operation would need it
    answer(client, upto="safety", about={**ABOUT, "duration_amount": "9"})
    page = words(html(client.get("/start/health/")))
    assert 'name="cleared_by_clinician"' in page and 'name="cleared_on"' in page
    assert '<fieldset class="field choices clearance">' in page  # asked outright
    assert _asked(page, words_.clearance_legend) and _asked(page, rule.title)
    answer(client, about={**ABOUT, "duration_amount": "9"})  # health: examined, no date
    assert headline("self_care") in words(html(client.get("/results/")))


def test_the_examination_question_waits_for_a_spine_operation_when_only_that_would_need_it(
    client: Client,
) -> None:
    kb = load_knowledge()
    surgery = kb.conditions["recent_spinal_surgery"]
    answer(client, upto="safety", about={**ABOUT, "duration_amount": "2"})
    page = words(html(client.get("/start/health/")))
    assert 'data-reveal-when="conditions=recent_spinal_surgery"' in page
    assert f"Only if you tick {surgery.short}" in page
    assert _asked(page, kb.red_flags["spinal_surgery"].title)


def test_the_belly_step_comes_only_when_belly_work_could_be_planned(client: Client) -> None:
    kb = load_knowledge()
    assert answer(client)["Location"] == "/results/"  # a firm ball and a block: no belly work
    assert "abdominal_screen_answered" not in (guest.intake(client.session) or {})
    response = answer(client, setup=BELLY_SETUP)
    assert response["Location"] == "/start/belly/"
    page = words(html(client.get("/start/belly/")))
    for condition in kb.conditions.values():
        assert (f'value="{condition.id}"' in page) == belly_only(condition, kb)


def test_without_a_belly_condition_belly_work_can_be_planned(client: Client) -> None:
    answer(client, upto="belly", setup=BELLY_SETUP)
    assert guest.intake(client.session)["abdominal_screen_answered"] is True  # type: ignore[index]
    page = html(client.get("/results/"))
    assert headline("self_care") in page
    assert _belly_items(page)


def test_a_belly_condition_on_the_belly_step_leaves_belly_work_out_of_the_plan(
    client: Client,
) -> None:
    answer(client, upto="belly", setup=BELLY_SETUP, belly={"conditions": ["abdominal_hernia"]})
    document = guest.intake(client.session)
    assert document is not None and document["conditions"] == ["abdominal_hernia"]
    page = html(client.get("/results/"))
    assert headline("self_care") in page
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


def test_restore_splits_a_document_between_the_steps() -> None:
    session = SessionBase()
    document = example(
        findings=["fever", "pain_standing_after_sitting", "saddle_numbness"],
        conditions=["osteoporosis", "abdominal_hernia"],
        cleared_by_clinician=True,
        abdominal_screen_answered=True,
    )
    wizard.restore(session, document)
    assert wizard.answers(session, "safety") == {"red_flags": ["fever", "saddle_numbness"]}
    assert wizard.answers(session, "health") == {
        "pregnant": False,
        "pregnancy_weeks": None,
        "conditions": ["osteoporosis"],
        "cleared_by_clinician": True,
        "cleared_on": None,
    }
    assert wizard.answers(session, "belly") == {"conditions": ["abdominal_hernia"]}
    assert wizard.answers(session, "pain") == {"findings": ["pain_standing_after_sitting"]}
    again = wizard.document(session)
    assert again["cleared_by_clinician"] is True
    assert "fever" in again["findings"] and "saddle_numbness" in again["findings"]
