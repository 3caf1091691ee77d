"""A warning sign reported after a plan was made pauses that plan everywhere: results, player,
calendar and a new length of session all lead to the latest answers and what they say to do."""

from __future__ import annotations

import pytest

from tests.helpers import example, words
from tests.web.people import signed_in
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.models import Assessment

pytestmark = pytest.mark.django_db


def test_a_warning_sign_at_a_check_in_pauses_the_plan(alice: User) -> None:
    plan = services.save_assessment(alice, example())
    client = signed_in(alice)
    client.post("/diary/check-in/", {"pain": "7", "warning_signs": ["saddle_numbness"]})
    latest = services.latest_assessment(alice)
    assert latest is not None and latest.pk != plan.pk
    assert latest.verdict == "emergency"
    assert "saddle_numbness" in latest.intake["findings"]

    assert client.get("/plan/")["Location"] == f"/plans/{latest.pk}/"
    old = client.get(f"/plans/{plan.pk}/")
    assert old["Location"] == f"/plans/{latest.pk}/"
    player = words(client.get(f"/plans/{plan.pk}/session/").content.decode())
    assert "This plan is paused" in player
    assert 'id="timeline"' not in player
    assert client.get(f"/plans/{plan.pk}/week.ics").status_code == 404
    client.post(f"/plans/{plan.pk}/minutes/", {"minutes": "5"})
    assert services.latest_assessment(alice) == latest


def test_a_see_clinician_sign_at_a_check_in_pauses_it_too(alice: User) -> None:
    services.save_assessment(alice, example(cleared_by_clinician=True))
    signed_in(alice).post("/diary/check-in/", {"warning_signs": ["pain_worsening_steadily"]})
    latest = services.latest_assessment(alice)
    assert latest is not None and latest.verdict == "see_clinician"


def test_ordinary_check_ins_leave_the_plan_alone(alice: User) -> None:
    plan = services.save_assessment(alice, example())
    client = signed_in(alice)
    client.post("/diary/check-in/", {"pain": "3", "symptoms": ["morning_stiffness"]})
    assert Assessment.objects.count() == 1
    assert client.get(f"/plans/{plan.pk}/session/").status_code == 200


def test_a_newer_self_care_plan_does_not_pause_the_older_one(alice: User) -> None:
    old = services.save_assessment(alice, example(minutes=20))
    services.save_assessment(alice, example(minutes=10))
    assert services.paused_by(old) is None
    assert signed_in(alice).get(f"/plans/{old.pk}/").status_code == 200
