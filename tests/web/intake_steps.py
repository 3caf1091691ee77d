"""Answers for the web intake's steps, posted the way the browser posts them, for the intake
and results tests. The belly step comes only when belly work could be planned (never with these
answers' setup), so ``answer`` posts it only when the setup step leads there."""

from __future__ import annotations

from typing import Any

from django.test import Client

WHERE: dict[str, Any] = {"pain-low_back-right": "6"}
ABOUT: dict[str, Any] = {
    "age": "48",
    "sex": "male",
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
BELLY: dict[str, Any] = {}  # no belly-only condition
STEPS = (
    ("where", WHERE),
    ("about", ABOUT),
    ("safety", SAFETY),
    ("health", HEALTH),
    ("pain", PAIN),
    ("setup", SETUP),
    ("belly", BELLY),
)


def post(client: Client, step: str, data: dict[str, Any]) -> Any:
    return client.post(f"/start/{step}/", data)


def answer(client: Client, upto: str = "setup", **changes: dict[str, Any]) -> Any:
    """Post every step up to and including ``upto``; ``changes`` replace a step's answers
    (``health={...}``). Returns the last response."""
    response = None
    for step, data in STEPS:
        if step == "belly" and response is not None and response.get("Location") != "/start/belly/":
            break
        response = post(client, step, changes.get(step, data))
        if step == upto:
            break
    return response


def html(response: Any) -> str:
    return str(response.content.decode())
