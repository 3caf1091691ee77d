"""The log a finished session posts: validated at the boundary, kept for its owner only."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.helpers import example
from tests.web.people import signed_in, visitor_with
from tests.web.test_player import make_user, short_plan
from unknot.web.care import guest, services
from unknot.web.care.models import Assessment, SessionRecord

pytestmark = pytest.mark.django_db

GOOD = {
    "pain_before": 6,
    "pain_after": 3,
    "planned_steps": 6,
    "done_steps": 5,
    "seconds": 170,
    "note": "Left side felt tighter.",
    "at": "2026-11-20T18:30:00+00:00",
}


@pytest.fixture
def plan() -> Assessment:
    return services.save_assessment(make_user("alice@example.org"), short_plan())


def post_json(client: Client, url: str, data: Any) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json")


def test_it_keeps_one_session_for_the_owner(plan: Assessment) -> None:
    response = post_json(signed_in(plan.owner), f"/plans/{plan.pk}/session/log", GOOD)
    assert response.status_code == 201
    assert response.json()["ok"] is True
    record = SessionRecord.objects.get()
    assert record.owner == plan.owner and record.assessment == plan
    assert (record.pain_before, record.pain_after) == (6, 3)
    assert (record.planned_steps, record.done_steps, record.seconds) == (6, 5, 170)
    assert record.note == "Left side felt tighter."
    assert record.at == datetime(2026, 11, 20, 18, 30, tzinfo=UTC)


def test_pain_may_be_left_out_and_the_time_defaults_to_now(plan: Assessment) -> None:
    data = {"pain_before": None, "planned_steps": 6, "done_steps": 0, "seconds": 12}
    response = post_json(signed_in(plan.owner), f"/plans/{plan.pk}/session/log", data)
    assert response.status_code == 201
    record = SessionRecord.objects.get()
    assert record.pain_before is None and record.pain_after is None
    assert abs(record.at - timezone.now()) < timedelta(minutes=1)


def test_a_form_encoded_post_works_too(plan: Assessment) -> None:
    data = {"pain_before": "4", "pain_after": "", "planned_steps": "6", "done_steps": "6",
            "seconds": "170"}  # fmt: skip
    response = signed_in(plan.owner).post(f"/plans/{plan.pk}/session/log", data)
    assert response.status_code == 201
    assert SessionRecord.objects.get().pain_before == 4


def test_a_time_in_the_future_becomes_now(plan: Assessment) -> None:
    data = dict(GOOD, at=(timezone.now() + timedelta(days=3)).isoformat())
    post_json(signed_in(plan.owner), f"/plans/{plan.pk}/session/log", data)
    assert abs(SessionRecord.objects.get().at - timezone.now()) < timedelta(minutes=1)


@dataclass(frozen=True)
class Bad:
    name: str
    changes: dict[str, Any]
    message: str


BAD = [
    Bad("pain above ten", {"pain_after": 11}, "Pain is a whole number from 0"),
    Bad("negative pain", {"pain_before": -1}, "Pain is a whole number from 0"),
    Bad("pain as a fraction", {"pain_before": 2.5}, "Pain is a whole number from 0"),
    Bad("more done than planned", {"done_steps": 7}, "More steps done than planned"),
    Bad("no planned steps", {"planned_steps": None}, "The number of steps planned is missing"),
    Bad("a note too long", {"note": "x" * 2001}, "at most 2000 characters"),
    Bad("a time that is not one", {"at": "yesterday-ish"}, "not a date and time"),
]


@pytest.mark.parametrize("case", BAD, ids=[c.name for c in BAD])
def test_it_refuses_a_wrong_log_with_a_plain_message(plan: Assessment, case: Bad) -> None:
    response = post_json(
        signed_in(plan.owner), f"/plans/{plan.pk}/session/log", GOOD | case.changes
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["ok"] is False
    assert any(case.message in m for m in body["messages"]), body
    assert not SessionRecord.objects.exists()


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"\xff\xfe"])
def test_it_refuses_a_body_that_is_not_a_json_object(plan: Assessment, body: bytes) -> None:
    client = signed_in(plan.owner)
    response = client.post(f"/plans/{plan.pk}/session/log", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["messages"] == [
        "The session could not be read. Please try saving again."
    ]


def test_the_log_needs_the_csrf_token(plan: Assessment) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(plan.owner)
    response = post_json(client, f"/plans/{plan.pk}/session/log", GOOD)
    assert response.status_code == 403
    assert not SessionRecord.objects.exists()


def test_the_log_takes_posts_only(plan: Assessment) -> None:
    assert signed_in(plan.owner).get(f"/plans/{plan.pk}/session/log").status_code == 405


def test_a_visitor_s_session_is_held_until_they_sign_up() -> None:
    client = visitor_with(example())
    response = post_json(client, "/results/session/log", GOOD)
    assert response.status_code == 201
    held = guest.sessions(client.session)
    assert len(held) == 1
    assert held[0] | {"at": None} == GOOD | {"at": None}
    assert datetime.fromisoformat(held[0]["at"]) == datetime(2026, 11, 20, 18, 30, tzinfo=UTC)
    json.dumps(held)  # JSON-safe
    assert not SessionRecord.objects.exists()
    # and kept in the diary with the intake when they sign up
    user = make_user("erin@example.org")
    services.claim_guest_work(user, example(), held)
    record = SessionRecord.objects.get()
    assert record.owner == user and record.pain_after == 3


def test_a_visitor_s_wrong_log_is_refused() -> None:
    client = visitor_with(example())
    response = post_json(client, "/results/session/log", GOOD | {"pain_before": 11})
    assert response.status_code == 400
    assert guest.sessions(client.session) == []


def test_a_visitor_without_answers_cannot_log() -> None:
    response = post_json(Client(), "/results/session/log", GOOD)
    assert response.status_code == 400
    assert "no longer held on this server" in response.json()["messages"][0]


def test_a_log_sent_twice_with_its_id_is_kept_once(plan: Assessment) -> None:
    client = signed_in(plan.owner)
    data = {**GOOD, "client_id": "5f0c2a9d8e7b4c1a9d3e6f7a8b9c0d1e"}
    first = post_json(client, f"/plans/{plan.pk}/session/log", data)
    again = post_json(client, f"/plans/{plan.pk}/session/log", data)
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()["id"] == again.json()["id"]
    assert SessionRecord.objects.count() == 1


def test_two_sessions_with_different_ids_are_both_kept(plan: Assessment) -> None:
    client = signed_in(plan.owner)
    for client_id in ("aaaaaaaa11111111", "bbbbbbbb22222222"):
        post_json(client, f"/plans/{plan.pk}/session/log", {**GOOD, "client_id": client_id})
    assert SessionRecord.objects.count() == 2


def test_a_malformed_session_id_is_refused_plainly(plan: Assessment) -> None:
    data = {**GOOD, "client_id": "<script>"}
    response = post_json(signed_in(plan.owner), f"/plans/{plan.pk}/session/log", data)
    assert response.status_code == 400
    assert response.json()["messages"] == ["The session's id is not one this app makes."]
    assert not SessionRecord.objects.exists()


def test_a_visitor_sending_the_same_log_twice_holds_it_once() -> None:
    client = visitor_with(short_plan())
    data = {**GOOD, "client_id": "cccccccc33333333"}
    post_json(client, "/results/session/log", data)
    post_json(client, "/results/session/log", data)
    assert len(guest.sessions(client.session)) == 1
