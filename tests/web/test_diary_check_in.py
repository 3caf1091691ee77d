"""Checking in: pain now, symptoms, a note; a warning sign is screened and answered at once."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils.text import capfirst

from tests.helpers import example, headline, words
from tests.web.people import signed_in
from unknot.web.care import services
from unknot.web.care.models import CheckIn
from unknot.web.care.services import kb

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_alice(alice: Any) -> Client:
    return signed_in(alice)


def test_the_form_offers_a_0_to_10_scale_symptoms_and_warning_signs(client_alice: Client) -> None:
    page = words(client_alice.get("/diary/check-in/").content.decode())
    for n in range(11):
        assert f'type="radio" name="pain" value="{n}"' in page
    assert "Numbness between the legs (saddle area)" in page
    assert "New problems passing urine" in page
    assert capfirst(kb().findings["fever"].short) in page
    assert "Numb or tingling leg" in page
    assert "style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page), "no inline script (the CSP forbids it)"


def test_a_check_in_is_saved_and_leads_back_to_the_diary(client_alice: Client, alice: Any) -> None:
    response = client_alice.post(
        "/diary/check-in/",
        {"pain": "4", "symptoms": ["morning_stiffness"], "note": "stiff after the drive"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/diary/"
    page = words(response.content.decode())
    assert "Your check-in is in your diary." in page
    assert "stiff after the drive" in page and "stiff in the morning" in page
    check = CheckIn.objects.get(owner=alice)
    assert (check.pain, check.symptoms) == (4, ["morning_stiffness"])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Pick your pain from 0 to 10, tick a symptom or write a note."),
        ({"pain": "11"}, "Select a valid choice."),
        ({"pain": "3", "note": "x" * 2001}, "at most 2000 characters"),
        ({"pain": "3", "symptoms": ["not_a_finding"]}, "Select a valid choice."),
    ],
)
def test_bad_input_shows_the_form_again_with_a_message(
    client_alice: Client, data: dict[str, Any], message: str
) -> None:
    response = client_alice.post("/diary/check-in/", data)
    assert response.status_code == 200
    assert message in words(response.content.decode())
    assert not CheckIn.objects.exists()


def test_a_note_is_kept_when_the_form_comes_back(client_alice: Client) -> None:
    response = client_alice.post("/diary/check-in/", {"pain": "12", "note": "keep me"})
    assert "keep me" in response.content.decode()


def test_saddle_numbness_stops_at_once_with_the_emergency_message(
    client_alice: Client, alice: Any
) -> None:
    services.save_assessment(alice, example())
    response = client_alice.post(
        "/diary/check-in/", {"pain": "5", "warning_signs": ["saddle_numbness"]}
    )
    assert response.status_code == 200
    page = words(response.content.decode())
    assert headline("emergency") in page
    assert "cauda equina" in page  # the rule's action, from red_flags.yaml
    assert "Your check-in is saved" in page
    assert CheckIn.objects.get(owner=alice).symptoms == ["saddle_numbness"]


def test_fever_without_any_assessment_is_screened_on_the_findings(client_alice: Client) -> None:
    response = client_alice.post("/diary/check-in/", {"warning_signs": ["fever"]})
    page = words(response.content.decode())
    assert headline("urgent") in page
    assert CheckIn.objects.count() == 1


def test_a_see_clinician_sign_books_an_appointment_without_the_stop(client_alice: Client) -> None:
    response = client_alice.post(
        "/diary/check-in/", {"pain": "6", "warning_signs": ["pain_worsening_steadily"]}
    )
    page = words(response.content.decode())
    assert "Book an appointment with a clinician" in page
    assert "Stop:" not in page


def test_ordinary_symptoms_do_not_trigger_screening(client_alice: Client) -> None:
    response = client_alice.post("/diary/check-in/", {"pain": "3", "symptoms": ["limping"]})
    assert response.status_code == 302


def test_an_earlier_clearance_does_not_cover_a_new_warning_sign(
    client_alice: Client, alice: Any
) -> None:
    services.save_assessment(alice, example(cleared_by_clinician=True))
    response = client_alice.post(
        "/diary/check-in/", {"pain": "6", "warning_signs": ["pain_worsening_steadily"]}
    )
    page = words(response.content.decode())
    assert "Book an appointment with a clinician" in page
