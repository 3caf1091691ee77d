"""The plan's week as a calendar file, for a visitor and for the owner of a plan."""

from __future__ import annotations

import pytest
from django.test import Client
from icalendar import Calendar

from tests.helpers import example
from tests.web.people import visitor_with
from unknot.web.accounts.models import User
from unknot.web.care import services

pytestmark = pytest.mark.django_db


def test_a_visitor_downloads_the_week_at_the_time_they_chose() -> None:
    response = visitor_with(example()).get("/results/week.ics?at=18:45")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR")
    assert "RRULE:FREQ=WEEKLY" in text
    assert "T184500" in text


def test_a_malformed_time_falls_back_to_the_morning() -> None:
    text = visitor_with(example()).get("/results/week.ics?at=25:99").content.decode()
    assert "T073000" in text


def test_the_results_page_offers_the_calendar(client: Client) -> None:
    user = User.objects.create_user(email="alice@example.org", password="a long password 12")
    plan = services.save_assessment(user, example())
    client.force_login(user)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f'action="/plans/{plan.pk}/week.ics"' in page
    response = client.get(f"/plans/{plan.pk}/week.ics")
    assert response.status_code == 200
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["URL"]) == f"http://testserver/plans/{plan.pk}/session/"
    assert client.get(str(event["URL"])).status_code == 200


def test_a_visitors_calendar_starts_the_visitors_session() -> None:
    event = Calendar.from_ical(visitor_with(example()).get("/results/week.ics").content)
    assert str(event.walk("VEVENT")[0]["URL"]) == "http://testserver/results/session/"


def test_no_plan_means_no_calendar() -> None:
    client = visitor_with(example(cleared_by_clinician=False, age=70))
    assert client.get("/results/week.ics").status_code == 404


def test_without_answers_there_is_nothing_to_download(client: Client) -> None:
    assert client.get("/results/week.ics").status_code == 404
