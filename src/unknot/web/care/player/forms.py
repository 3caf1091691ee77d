"""The log a guided session sends when it ends: validated here, at the boundary.

The player posts JSON (``application/json``); an ordinary form post works the same way. Every
message is a plain sentence the person can read on their phone.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils import timezone

PAIN_MESSAGE = "Pain is a whole number from 0 (no pain) to 10 (the worst you can imagine)."
MAX_STEPS = 500
MAX_SECONDS = 24 * 60 * 60
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)  # before any phone that runs the player
UNREADABLE = "The session could not be read. Please try saving again."


def _pain(label: str) -> forms.IntegerField:
    errors = {"min_value": PAIN_MESSAGE, "max_value": PAIN_MESSAGE, "invalid": PAIN_MESSAGE}
    return forms.IntegerField(
        label=label, min_value=0, max_value=10, required=False, error_messages=errors
    )


def _count(label: str, maximum: int, *, required: bool = True) -> forms.IntegerField:
    message = f"{label} is a whole number from 0 to {maximum}."
    errors = {
        "required": f"{label} is missing.",
        "min_value": message,
        "max_value": message,
        "invalid": message,
    }
    return forms.IntegerField(
        label=label, min_value=0, max_value=maximum, required=required, error_messages=errors
    )


class SessionLogForm(forms.Form):
    """One session: pain before and after (0-10, each may be left out), the steps planned and
    done, the seconds spent (pauses left out; 0 when missing), an optional note, when it
    ended, and an optional id the phone made for it (a log sent twice is kept once).

    Edge cases: ``done_steps`` may not exceed ``planned_steps``; ``at`` is optional (now when
    missing) and a time in the future (a phone clock that runs fast) becomes now, because a
    session kept offline and sent later must not be lost over a clock; a time before 2000 (or
    one that cannot be placed in UTC at all, like year 1 at +14:00) is refused, as no phone that
    runs the player can have made it, and the diary must be able to show it in any zone.
    """

    pain_before = _pain("Pain before")
    pain_after = _pain("Pain after")
    planned_steps = _count("The number of steps planned", MAX_STEPS)
    done_steps = _count("The number of steps done", MAX_STEPS)
    seconds = _count("The time spent in seconds", MAX_SECONDS, required=False)
    note = forms.CharField(
        required=False,
        max_length=2000,
        error_messages={"max_length": "The note can be at most 2000 characters."},
    )
    client_id = forms.RegexField(
        regex=r"^[A-Za-z0-9-]{8,40}$",
        required=False,
        error_messages={"invalid": "The session's id is not one this app makes."},
    )
    at = forms.DateTimeField(
        required=False,
        error_messages={"invalid": "The time of the session is not a date and time."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        planned, done = data.get("planned_steps"), data.get("done_steps")
        if planned is not None and done is not None and done > planned:
            self.add_error("done_steps", "More steps done than planned: that cannot be right.")
        at = data.get("at")
        now = timezone.now()
        try:
            at = None if at is None else at.astimezone(UTC)
        except OverflowError:
            self.add_error("at", "The time of the session is not a date this app can keep.")
            return data
        if at is not None and at < EARLIEST:
            self.add_error("at", "The time of the session is before 2000: check the phone's clock.")
        elif at is None or at > now + timedelta(minutes=1):
            data["at"] = now
        else:
            data["at"] = at
        return data

    def json_safe(self) -> dict[str, Any]:
        """The cleaned values with ``at`` as an ISO string, to hold in a visitor's session."""
        data = dict(self.cleaned_data)
        data["at"] = data["at"].isoformat()
        if not data.get("client_id"):
            data.pop("client_id", None)
        return data

    def messages(self) -> list[str]:
        """Every error as one plain sentence, without field names or markup."""
        return [str(m) for errors in self.errors.values() for m in errors]


def _unreadable(message: str = UNREADABLE) -> SessionLogForm:
    form = SessionLogForm({})
    form.is_valid()
    form.errors.clear()
    form.add_error(None, message)
    return form


def _as_field(value: Any) -> str | None:
    """A JSON value as the text a form field reads: numbers and text as they are written, null
    as missing. A list or an object fits no field (ValueError)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"  # read as a number, it is refused
    if isinstance(value, int | float | str):
        return str(value)
    raise ValueError(type(value).__name__)


def log_form(request: HttpRequest) -> SessionLogForm:
    """A bound form from the request body: JSON when it says so, else the form fields.

    A body that is not a JSON object (or nests too deep to read, or has a list or an object
    where a value belongs) gives a form with one error, so the caller answers 400.
    """
    content_type = request.content_type or ""
    if content_type != "application/json":
        return SessionLogForm(request.POST)
    try:
        payload = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):
        payload = None
    if not isinstance(payload, dict):
        return _unreadable()
    try:
        fields = {
            str(k): _as_field(v) for k, v in payload.items() if k in SessionLogForm.base_fields
        }
    except ValueError:
        return _unreadable("Each part of the session is a number or a piece of text.")
    return SessionLogForm({k: v for k, v in fields.items() if v is not None})


def held_session(data: Any) -> dict[str, Any] | None:
    """A session held in a visitor's session, checked again as if it were posted now (it may
    have been kept by an older version); None when it cannot be kept."""
    if not isinstance(data, dict):
        return None
    try:
        fields = {str(k): _as_field(v) for k, v in data.items() if k in SessionLogForm.base_fields}
    except ValueError:
        return None
    form = SessionLogForm({k: v for k, v in fields.items() if v is not None})
    return dict(form.cleaned_data) if form.is_valid() else None
