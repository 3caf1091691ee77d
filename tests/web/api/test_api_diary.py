"""Writes over the API go through the pages' services, with the pages' rules and screening: a
warning sign at a check-in pauses the plan for the API and the pages alike."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.helpers import example
from tests.web.people import signed_in
from unknot.knowledge import load_knowledge
from unknot.web.accounts.models import User
from unknot.web.api.tokens import make_token
from unknot.web.care import services
from unknot.web.care.diary.scoring import score_answers
from unknot.web.care.models import Assessment, SessionRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice() -> tuple[User, dict[str, str]]:
    user = User.objects.create_user(email="alice@example.org", password="alice's password 1")
    return user, {"HTTP_AUTHORIZATION": f"Bearer {make_token(user, 'script', 'write')[1]}"}


def post(client: Client, url: str, body: Any, headers: dict[str, str]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def test_a_warning_sign_at_a_check_in_pauses_the_plan_everywhere(
    client: Client, alice: tuple[User, dict[str, str]]
) -> None:
    user, headers = alice
    plan = post(client, "/api/v1/me/assessments", example(), headers).json()
    assert plan["answer"]["plan"] is not None
    checked = post(client, "/api/v1/me/check-ins", {"pain": 6, "findings": ["fever"]}, headers)
    assert checked.status_code == 201
    result = checked.json()
    assert result["pauses_plans"] is True
    assert result["screening"]["verdict"] == "urgent"
    paused = client.get(f"/api/v1/me/plans/{plan['id']}", **headers).json()
    assert paused["status"] == "paused"
    assert paused["plan"] is None
    assert client.get(f"/api/v1/me/plans/{plan['id']}/calendar.ics", **headers).status_code == 404
    page = signed_in(user).get(f"/plans/{plan['id']}/session/").content.decode()
    assert "paused" in page
    latest = services.latest_assessment(user)
    assert latest is not None and latest.verdict == "urgent"


def test_a_new_intake_with_a_red_flag_keeps_no_plan(
    client: Client, alice: tuple[User, dict[str, str]]
) -> None:
    _, headers = alice
    kept = post(client, "/api/v1/me/assessments", example(findings=["saddle_numbness"]), headers)
    assert kept.status_code == 201
    data = kept.json()
    assert data["verdict"] == "emergency"
    assert data["answer"]["plan"] is None
    plan = client.get(f"/api/v1/me/plans/{data['id']}", **headers).json()
    assert plan["status"] == "no_plan"
    assert plan["note"] == load_knowledge().tiers.of("emergency").detail


def test_a_session_logged_by_the_api_is_in_the_diary_once(
    client: Client, alice: tuple[User, dict[str, str]]
) -> None:
    user, headers = alice
    plan = services.save_assessment(user, example())
    body = {
        "assessment": plan.pk,
        "planned_steps": 6,
        "done_steps": 6,
        "seconds": 900,
        "pain_before": 5,
        "pain_after": 3,
        "client_id": "phone-1234-abcd",
    }
    first = post(client, "/api/v1/me/sessions", body, headers)
    again = post(client, "/api/v1/me/sessions", body, headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert SessionRecord.objects.filter(owner=user).count() == 1
    assert signed_in(user).get(f"/diary/sessions/{first.json()['id']}/").status_code == 200


def test_the_pages_rules_hold_for_a_session(
    client: Client, alice: tuple[User, dict[str, str]]
) -> None:
    _, headers = alice
    refused = post(
        client,
        "/api/v1/me/sessions",
        {"planned_steps": 2, "done_steps": 5, "pain_before": 11},
        headers,
    )
    assert refused.status_code == 422
    where = {e["where"] for e in refused.json()["errors"]}
    assert {"body.done_steps", "body.pain_before"} <= where


@pytest.mark.parametrize(
    "body",
    [
        {"measure": "nprs", "rating": 6},
        {"measure": "rmdq", "answers": [True] * 9 + [False] * 15},
        {"measure": "odi", "sections": [2, 1, 3, None, 2, 1, 2, 2, 1, 2]},
        {
            "measure": "startback",
            "answers": [True, False, True, True, False, True, False, False, "very_much"],
        },
        {"measure": "psfs", "activities": [["walking", 4], ["sitting", 6]]},
    ],
    ids=lambda b: b["measure"],
)
def test_a_measure_is_scored_by_the_core(
    client: Client, alice: tuple[User, dict[str, str]], body: dict[str, Any]
) -> None:
    _, headers = alice
    kept = post(client, "/api/v1/me/measures", body, headers)
    assert kept.status_code == 201
    data = kept.json()
    expected = score_answers(body["measure"], data["answers"])
    assert data["score"] == pytest.approx(float(expected.value))
    assert data["interpretation"] == expected.interpretation


def test_a_measure_the_core_cannot_score_is_refused_in_its_words(
    client: Client, alice: tuple[User, dict[str, str]]
) -> None:
    _, headers = alice
    refused = post(client, "/api/v1/me/measures", {"measure": "nprs", "rating": 11}, headers)
    assert refused.status_code == 422
    assert "0-10" in refused.json()["detail"]
    assert not Assessment.objects.exists()
