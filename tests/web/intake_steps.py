"""Answers for the web intake's six steps, posted the way the browser posts them, for the intake
and results tests."""

from __future__ import annotations

from typing import Any

from django.test import Client

WHERE: dict[str, Any] = {"pain-low_back-right": "6"}
ABOUT: dict[str, Any] = {
    "age": "48",
    "sex": "male",
    "pregnant": "no",
    "duration_amount": "26",
    "duration_unit": "weeks",
}
SAFETY: dict[str, Any] = {}  # no warning sign
HEALTH: dict[str, Any] = {"cleared_by_clinician": "on"}
PAIN: dict[str, Any] = {
    "findings_behaviour": ["pain_standing_after_sitting", "eased_lying_hips_bent"]
}
SETUP: dict[str, Any] = {
    "props": ["firm_ball", "yoga_block"],
    "minutes_choice": "15",
    "floor_ok": "yes",
    "experience": "new",
}
STEPS = (
    ("where", WHERE),
    ("about", ABOUT),
    ("safety", SAFETY),
    ("health", HEALTH),
    ("pain", PAIN),
    ("setup", SETUP),
)


def post(client: Client, step: str, data: dict[str, Any]) -> Any:
    return client.post(f"/start/{step}/", data)


def answer(client: Client, upto: str = "setup", **changes: dict[str, Any]) -> Any:
    """Post every step up to and including ``upto``; ``changes`` replace a step's answers
    (``health={...}``). Returns the last response."""
    response = None
    for step, data in STEPS:
        response = post(client, step, changes.get(step, data))
        if step == upto:
            break
    return response


def html(response: Any) -> str:
    return str(response.content.decode())
