"""Another length of session from the results page, without answering everything again."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.helpers import example
from unknot.web.accounts.models import User
from unknot.web.care import guest, services
from unknot.web.care.models import Assessment

pytestmark = pytest.mark.django_db


def test_an_owner_gets_a_new_plan_for_the_new_length_and_keeps_the_old(client: Client) -> None:
    user = User.objects.create_user(email="alice@example.org", password="a long password 12")
    first = services.save_assessment(user, example(minutes=20))
    client.force_login(user)
    page = client.get(f"/plans/{first.pk}/").content.decode()
    assert "This plan fits 20 minutes." in page
    assert 'value="5"' in page and 'value="20"' not in page
    response = client.post(f"/plans/{first.pk}/minutes/", {"minutes": "5"})
    fresh = Assessment.objects.exclude(pk=first.pk).get()
    assert response["Location"] == f"/plans/{fresh.pk}/"
    assert fresh.intake == example(minutes=5)
    assert Assessment.objects.get(pk=first.pk).intake["minutes"] == 20
    short = services.evaluate(fresh.intake).answer.routine
    long = services.evaluate(first.intake).answer.routine
    assert short is not None and long is not None
    assert short.seconds < long.seconds
    assert "Your plan now fits 5 minutes." in client.get(response["Location"]).content.decode()


def test_a_visitor_changes_the_visits_answers_and_keeps_its_sessions(client: Client) -> None:
    session = client.session
    guest.set_intake(session, example(minutes=15))
    guest.add_session(session, {"planned_steps": 3, "done_steps": 3})
    session.save()
    response = client.post("/results/minutes/", {"minutes": "10"})
    assert response["Location"] == "/results/"
    assert guest.intake(client.session) == example(minutes=10)
    assert len(guest.sessions(client.session)) == 1


@pytest.mark.parametrize("bad", ["", "2", "61", "ten"])
def test_a_bad_length_changes_nothing_and_says_why(client: Client, bad: str) -> None:
    session = client.session
    guest.set_intake(session, example(minutes=15))
    session.save()
    response = client.post("/results/minutes/", {"minutes": bad}, follow=True)
    assert guest.intake(client.session) == example(minutes=15)
    assert "Minutes are a whole number from 3 to 60." in response.content.decode() or (
        "Choose how many minutes you have." in response.content.decode()
    )
