"""The intake wizard end to end over HTTP: six screens (seven when belly work could be
planned), answers kept in the session between them, and the INTAKE.md document it makes."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.intake_steps import ABOUT, SETUP, STEPS, WHERE, answer, html, post
from unknot.web.accounts.models import User
from unknot.web.care import guest
from unknot.web.care.intake import wizard
from unknot.web.care.models import Assessment

pytestmark = pytest.mark.django_db

EXPECTED = {
    "age": 48,
    "sex": "male",
    "pregnant": False,
    "duration_weeks": 26.0,
    "pain": [{"region": "low_back", "side": "right", "intensity": 6}],
    "findings": ["pain_standing_after_sitting", "eased_lying_hips_bent"],
    "conditions": [],
    "cleared_by_clinician": True,
    "props": ["firm_ball", "yoga_block"],
    "minutes": 15,
    "floor_ok": True,
    "experience": "new",
}


def test_start_opens_the_first_step(client: Client) -> None:
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"] == "/start/where/"


def test_a_visitor_finishes_and_the_session_holds_the_intake_document(client: Client) -> None:
    response = answer(client)
    assert response.status_code == 302
    assert response["Location"] == "/results/"
    assert guest.intake(client.session) == EXPECTED


def test_a_signed_in_person_finishes_and_their_assessment_is_kept(client: Client) -> None:
    alice = User.objects.create_user(email="alice@example.org", password="alice's password 1")
    client.force_login(alice)
    response = answer(client)
    kept = Assessment.objects.get(owner=alice)
    assert response["Location"] == f"/plans/{kept.pk}/"
    assert kept.intake == EXPECTED
    assert kept.verdict == "self_care"


def test_every_step_says_where_it_is_and_links_back(client: Client) -> None:
    assert [s.slug for s in wizard.STEPS] == [slug for slug, _ in STEPS]
    for number, (step, data) in enumerate(STEPS[:-1], 1):
        page = html(client.get(f"/start/{step}/"))
        assert f"Step {number} of 6" in page
        if number > 1:
            before = wizard.STEPS[number - 2]
            assert f'href="/start/{before.slug}/"' in page and f"Back to {before.short}" in page
        post(client, step, data)
    # with nothing soft to press on the belly and no experience, there is no belly step
    assert client.get("/start/belly/")["Location"] == "/start/where/"


def test_belly_work_within_reach_adds_a_last_step_of_belly_safety_questions(
    client: Client,
) -> None:
    answer(client, setup={**SETUP, "props": ["belly_ball"]})
    assert guest.intake(client.session) is None  # not finished yet
    page = html(client.get("/start/belly/"))
    assert "Step 7 of 7" in page and "See my plan" in page
    assert 'href="/start/setup/"' in page
    response = post(client, "belly", {"conditions": ["abdominal_hernia"]})
    assert response["Location"] == "/results/"
    document = guest.intake(client.session)
    assert document is not None and document["abdominal_screen_answered"] is True
    assert document["conditions"] == ["abdominal_hernia"]
    # Going back and giving the ball away leaves the belly answers out, and belly work with them.
    post(client, "setup", SETUP)
    document = guest.intake(client.session)
    assert document is not None and "abdominal_screen_answered" not in document
    assert document["conditions"] == []


def test_a_later_step_cannot_be_reached_before_the_earlier_ones(client: Client) -> None:
    response = client.get("/start/setup/")
    assert response["Location"] == "/start/where/"
    post(client, "where", WHERE)
    assert client.get("/start/pain/")["Location"] == "/start/about/"


def test_going_back_shows_the_answers_given(client: Client) -> None:
    answer(client, upto="about")
    where = html(client.get("/start/where/"))
    assert '<option value="6" selected>' in where
    about = html(client.get("/start/about/"))
    assert 'value="48"' in about
    assert 'value="male" id="id_sex_1" checked' in about


def test_changing_one_step_keeps_the_others(client: Client) -> None:
    answer(client)
    post(client, "about", {**ABOUT, "age": "60"})
    answer_again = client.post(
        "/start/setup/",
        {"minutes_choice": "other", "minutes_other": "12", "floor_ok": "no", "experience": "some"},
    )
    assert answer_again["Location"] == "/start/belly/"  # some experience: fingertip belly work
    post(client, "belly", {})
    document = guest.intake(client.session)
    assert document is not None
    assert document["age"] == 60
    assert document["minutes"] == 12
    assert document["floor_ok"] is False
    assert document["pain"] == EXPECTED["pain"]
    assert document["findings"] == EXPECTED["findings"]


def test_start_again_clears_the_answers(client: Client) -> None:
    answer(client, upto="about")
    response = client.post("/start/")
    assert response["Location"] == "/start/where/"
    assert client.get("/start/about/")["Location"] == "/start/where/"


def test_paired_sides_both_marked_become_two_entries(client: Client) -> None:
    answer(
        client,
        where={"pain-si_joint-left": "4", "pain-si_joint-right": "5", "pain-sacrum-center": "2"},
    )
    document = guest.intake(client.session)
    assert document is not None
    assert document["pain"] == [
        {"region": "sacrum", "side": "center", "intensity": 2},
        {"region": "si_joint", "side": "left", "intensity": 4},
        {"region": "si_joint", "side": "right", "intensity": 5},
    ]


def test_a_quick_choice_of_minutes_and_no_props_are_kept(client: Client) -> None:
    answer(
        client,
        upto="belly",
        setup={"minutes_choice": "5", "floor_ok": "yes", "experience": "experienced"},
    )
    document = guest.intake(client.session)
    assert document is not None
    assert document["minutes"] == 5
    assert document["props"] == []
    assert document["experience"] == "experienced"


def test_an_unknown_step_is_404(client: Client) -> None:
    assert client.get("/start/nowhere/").status_code == 404


def test_an_owner_changes_their_answers_starting_from_the_kept_ones(client: Client) -> None:
    alice = User.objects.create_user(email="alice@example.org", password="alice's password 1")
    client.force_login(alice)
    answer(client)
    kept = Assessment.objects.get(owner=alice)
    other = Client()  # another device: no draft in this session
    other.force_login(alice)
    assert other.get("/start/about/")["Location"] == "/start/where/"
    response = other.post("/start/", {"from": str(kept.pk)})
    assert response["Location"] == "/start/where/"
    assert 'value="48"' in html(other.get("/start/about/"))
    response = other.post(
        "/start/setup/", {"minutes_choice": "10", "floor_ok": "yes", "experience": "new"}
    )
    newest = Assessment.objects.filter(owner=alice).first()
    assert newest is not None and newest.pk != kept.pk
    assert response["Location"] == f"/plans/{newest.pk}/"
    assert newest.intake == {**EXPECTED, "minutes": 10, "props": []}


def test_nobody_restores_someone_elses_answers(client: Client) -> None:
    alice = User.objects.create_user(email="alice@example.org", password="alice's password 1")
    bob = User.objects.create_user(email="bob@example.org", password="bob's password 22")
    client.force_login(alice)
    answer(client)
    kept = Assessment.objects.get(owner=alice)
    stranger = Client()
    stranger.force_login(bob)
    assert stranger.post("/start/", {"from": str(kept.pk)}).status_code == 404
    anonymous = Client()
    assert anonymous.post("/start/", {"from": str(kept.pk)})["Location"] == "/start/where/"
    assert anonymous.get("/start/about/")["Location"] == "/start/where/"
