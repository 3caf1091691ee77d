"""Red flags stop the intake at once, right after the safety step (before the health step is shown),
with what to do now and no plan anywhere; a see-clinician verdict shows no plan until a
clinician's all-clear is ticked on the health step."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.helpers import headline, words
from tests.web.intake_steps import ABOUT, answer, html, post
from unknot.knowledge import load_knowledge
from unknot.web.accounts.models import User
from unknot.web.care import guest, services
from unknot.web.care.intake import wizard
from unknot.web.care.models import Assessment

pytestmark = pytest.mark.django_db

PLAN_MARKERS = ('id="plan-title"', "Start the guided session", "plan-item", "technique-picture")


def _no_plan(page: str) -> None:
    for marker in PLAN_MARKERS:
        assert marker not in page


def test_the_safety_step_asks_only_the_red_flags_in_the_knowledge_bases_words(
    client: Client,
) -> None:
    answer(client, upto="about")
    page = words(html(client.get("/start/safety/")))
    kb = load_knowledge()
    assert "Step 3 of 6" in page and "<h1>Warning signs</h1>" in page
    for finding in kb.findings.values():
        if finding.kind.value == "red_flag":
            assert f'value="{finding.id}"' in page
            short = words(finding.short[:1].upper() + finding.short[1:])
            assert f'<strong class="choice-short">{short}</strong>' in page.replace("'", "&#x27;")
            assert words(finding.question).replace("'", "&#x27;") in page
        else:
            assert f'value="{finding.id}"' not in page
    for condition in kb.conditions.values():
        assert f'value="{condition.id}"' not in page
    assert "cleared_by_clinician" not in page


def test_a_red_flag_on_the_safety_step_stops_before_the_health_step_is_shown(
    client: Client,
) -> None:
    response = answer(client, upto="safety", safety={"red_flags": ["leg_weakness"]})
    assert response["Location"] == "/start/stop/"
    assert client.get("/start/health/")["Location"] == "/start/stop/"
    assert post(client, "health", {"conditions": ["osteoporosis"]})["Location"] == "/start/stop/"
    assert wizard.answers(client.session, "health") is None
    page = words(html(client.get("/start/stop/")))
    assert headline("emergency") in page
    assert 'value="osteoporosis"' not in page and "cleared_by_clinician" not in page
    _no_plan(page)


def test_saddle_numbness_goes_straight_to_the_stop_page(client: Client) -> None:
    response = answer(client, upto="safety", safety={"red_flags": ["saddle_numbness"]})
    assert response["Location"] == "/start/stop/"
    page = words(html(client.get("/start/stop/")))
    assert headline("emergency") in page
    assert "emergency department" in page
    assert "My answers were wrong" in page
    _no_plan(page)


def test_after_a_red_flag_no_question_and_no_plan_is_shown_anywhere(client: Client) -> None:
    answer(client)  # a first, safe intake with a plan
    assert "Start the guided session" in html(client.get("/results/"))
    post(client, "safety", {"red_flags": ["bladder_changes"]})
    for step in ("health", "pain", "setup"):
        assert client.get(f"/start/{step}/")["Location"] == "/start/stop/"
        assert post(client, step, {})["Location"] == "/start/stop/"
    results = words(html(client.get("/results/")))
    assert headline("emergency") in results
    _no_plan(results)
    assert "Muscles that may be involved" not in results
    assert client.get("/plan/")["Location"] == "/results/"


def test_a_signed_in_persons_red_flag_replaces_their_plan(client: Client) -> None:
    alice = User.objects.create_user(email="alice@example.org", password="alice's password 1")
    client.force_login(alice)
    answer(client)
    post(client, "safety", {"red_flags": ["fever"]})
    latest = Assessment.objects.filter(owner=alice).first()
    assert latest is not None and latest.verdict == "urgent"
    response = client.get("/plan/")
    assert response["Location"] == f"/plans/{latest.pk}/"
    page = words(html(client.get(response["Location"])))
    assert headline("urgent") in page
    _no_plan(page)


def test_going_back_and_unticking_the_red_flag_carries_on(client: Client) -> None:
    answer(client, upto="safety", safety={"red_flags": ["saddle_numbness"]})
    assert client.get("/start/safety/").status_code == 200
    assert post(client, "safety", {})["Location"] == "/start/health/"
    assert client.get("/start/stop/")["Location"] == "/start/"


def test_a_red_flag_found_only_with_the_pain_answers_still_stops_without_a_plan(
    client: Client,
) -> None:
    response = answer(
        client,
        upto="pain",
        safety={"red_flags": ["pain_worsening_steadily"]},
        pain={"findings_symptom": ["leg_numbness_tingling"]},
    )
    assert response["Location"] == "/start/stop/"
    assert headline("urgent") in words(html(client.get("/start/stop/")))
    page = words(html(client.get("/results/")))
    assert headline("urgent") in page
    _no_plan(page)


def test_see_clinician_shows_no_plan_and_offers_the_all_clear(client: Client) -> None:
    """New pain at 70: an examination for this bout of pain settles it (self-report)."""
    answer(client, about={**ABOUT, "age": "70", "duration_amount": "3"}, health={})
    document = guest.intake(client.session)
    assert document is not None and document["cleared_by_clinician"] is False
    page = words(html(client.get("/results/")))
    assert headline("see_clinician") in page
    assert words(services.kb().tiers.of("see_clinician").detail or "") in page
    assert 'name="step" value="health"' in page
    _no_plan(page)
    # Once cleared, the plan is made; the button opens the health step with the answers given.
    response = client.post("/start/", {"from": "results", "step": "health"})
    assert response["Location"] == "/start/health/"
    health = html(client.get("/start/health/"))
    assert 'name="cleared_by_clinician"' in health
    assert 'name="cleared_on"' in health
    post(client, "health", {"cleared_by_clinician": "on"})
    answer_now = post(client, "pain", {})
    assert answer_now["Location"] == "/start/setup/"
    post(client, "setup", {"minutes_choice": "15", "floor_ok": "yes", "experience": "new"})
    page = words(html(client.get("/results/")))
    assert headline("self_care") in page
    assert "Start the guided session" in page


def test_a_reported_all_clear_does_not_lift_a_sign_of_possible_cancer(client: Client) -> None:
    answer(
        client,
        about={**ABOUT, "age": "70"},
        health={"conditions": ["cancer_history"], "cleared_by_clinician": "on"},
    )
    page = words(html(client.get("/results/")))
    assert headline("see_clinician") in page
    assert "Start the guided session" not in page
    # no button that promises a plan once cleared: only a clinician's record can lift this
    assert 'name="step" value="health"' not in page
    rule = services.kb().red_flags["past_cancer"]
    assert rule.clearance is not None
    assert words(rule.clearance.why).replace("'", "&#x27;") in page


def test_an_examination_from_before_this_bout_of_pain_does_not_cover_it(client: Client) -> None:
    long_ago = (timezone.localdate() - timedelta(weeks=40)).isoformat()
    answer(
        client,
        about={**ABOUT, "duration_amount": "26"},
        health={"cleared_by_clinician": "on", "cleared_on": long_ago},
    )
    document = guest.intake(client.session)
    assert document is not None and document["cleared_on"] == long_ago
    page = words(html(client.get("/results/")))
    assert headline("see_clinician") in page
    assert "Start the guided session" not in page
    assert f"You said the examination was on {long_ago}" in page


def test_a_future_examination_date_is_refused_with_a_message(client: Client) -> None:
    answer(client, upto="safety")
    later = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = post(client, "health", {"cleared_by_clinician": "on", "cleared_on": later})
    assert response.status_code == 200
    assert "That date is still to come" in html(response)


def test_the_stop_page_without_a_red_flag_sends_back_to_the_start(client: Client) -> None:
    assert client.get("/start/stop/")["Location"] == "/start/"


def test_an_owner_on_another_device_can_correct_a_red_flag_answer(client: Client) -> None:
    alice = User.objects.create_user(email="alice@example.org", password="alice's password 1")
    client.force_login(alice)
    answer(client, upto="safety", safety={"red_flags": ["fever"]})
    kept = Assessment.objects.get(owner=alice)
    other = Client()
    other.force_login(alice)
    page = html(other.get(f"/plans/{kept.pk}/"))
    assert "My answers were wrong" in page and f'name="from" value="{kept.pk}"' in page
    response = other.post("/start/", {"from": str(kept.pk), "step": "safety"})
    assert response["Location"] == "/start/safety/"
    assert re.search(
        r'value="fever" id="id_red_flags_\d+" checked', html(other.get("/start/safety/"))
    )
