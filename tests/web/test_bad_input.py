"""The inputs a fuzzer once turned into server errors: each now gets a 400 (or the form again)
with a plain message, and nothing already saved is lost."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.helpers import example
from tests.web.intake_steps import WHERE, answer
from tests.web.people import signed_in, visitor_with
from unknot.web.accounts.models import User
from unknot.web.care import guest, services
from unknot.web.care.models import SessionRecord

pytestmark = pytest.mark.django_db
LOG = {"planned_steps": 3, "done_steps": 3}


def _log(client: Client, url: str, body: str) -> tuple[int, list[str]]:
    response = client.post(url, body, content_type="application/json")
    return response.status_code, response.json().get("messages", [])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (json.dumps({**LOG, "at": 0}), "not a date and time"),
        (json.dumps({**LOG, "at": ["2026-01-01"]}), "a number or a piece of text"),
        (json.dumps({**LOG, "planned_steps": {"a": 1}}), "a number or a piece of text"),
        (json.dumps({**LOG, "at": "0001-01-01T00:00:00+14:00"}), "not a date this app can keep"),
        (json.dumps({**LOG, "at": "0001-01-02T00:00:00Z"}), "before 2000"),
        (json.dumps({**LOG, "planned_steps": True}), "whole number"),
        ("[" * 1000 + "]" * 1000, "could not be read"),
        ('{"a":' * 1000 + "1" + "}" * 1000, "could not be read"),
    ],
    ids=["at-number", "at-list", "steps-object", "year-1-east", "year-1", "bool", "deep-list",
         "deep-object"],
)  # fmt: skip
def test_a_bad_session_log_gets_a_400_and_a_message(alice: User, body: str, message: str) -> None:
    plan = services.save_assessment(alice, example())
    status, messages = _log(signed_in(alice), f"/plans/{plan.pk}/session/log", body)
    assert status == 400
    assert any(message in m for m in messages), messages
    assert not SessionRecord.objects.exists()


def test_a_visitors_bad_log_is_refused_and_sign_up_still_works() -> None:
    visitor = visitor_with(example())
    ok = _log(visitor, "/results/session/log", json.dumps(LOG))
    bad = _log(
        visitor, "/results/session/log", json.dumps({**LOG, "at": "0001-01-01T00:00:00+14:00"})
    )
    assert (ok[0], bad[0]) == (201, 400)
    response = visitor.post(
        "/signup/", {"email": "dana@example.org", "password": "a long password 77"}
    )
    assert response.status_code == 302
    assert SessionRecord.objects.count() == 1


def test_a_session_held_by_an_older_version_with_a_year_1_date_does_not_break_sign_up() -> None:
    visitor = visitor_with(example())
    session = visitor.session
    session[guest.SESSIONS] = [
        {**LOG, "at": "0001-01-01T00:00:00+14:00"},
        {**LOG, "at": "2026-11-20T08:00:00+00:00", "pain_before": 5},
    ]
    session.save()
    response = visitor.post(
        "/signup/", {"email": "dana@example.org", "password": "a long password 77"}
    )
    assert response.status_code == 302
    assert list(SessionRecord.objects.values_list("pain_before", flat=True)) == [5]


def test_a_superscript_two_on_the_where_step_is_a_plain_form_error(client: Client) -> None:
    response = client.post("/start/where/", {**WHERE, "pain-low_back-left": "²"})
    assert response.status_code == 200
    assert "Choose a number from 1 to 10, or no pain." in response.content.decode()


@pytest.mark.parametrize("source", ["²", "١", "1" * 40, "-1", "1.0"])
def test_a_start_from_that_is_not_an_id_is_a_400_and_keeps_the_draft(
    alice: User, source: str
) -> None:
    client = signed_in(alice)
    answer(client, upto="about")
    response = client.post("/start/", {"from": source})
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    assert client.get("/start/safety/").status_code == 200  # the earlier answers are still there
