"""Throttles for the API, counted in the database like the sign-in throttles
(``accounts.throttle``), so a limit holds across every server process and server.

A signed-in person (token or session) is counted by their account; anyone else by their address
(the real client's, behind a trusted proxy). The limits are settings (``API_LIMITS``), so a
clinic can raise them and the tests can lower them.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from unknot.web.accounts import throttle
from unknot.web.api.auth import Principal

DEFAULT_LIMITS = {"anonymous": 60, "person": 600}  # requests a minute
WINDOW = timedelta(minutes=1)


def _rule(kind: str) -> throttle.Rule:
    limits: dict[str, int] = {**DEFAULT_LIMITS, **getattr(settings, "API_LIMITS", {})}
    return throttle.Rule(f"api-{kind}", limits[kind], WINDOW)


class DatabaseThrottle(BaseThrottle):
    """One count per request, before the work, by one conditional UPDATE."""

    def allow_request(self, request: HttpRequest) -> bool:
        who: Any = getattr(request, "auth", None)
        if isinstance(who, Principal):
            return throttle.take(_rule("person"), f"user:{who.user.pk}")
        return throttle.take(_rule("anonymous"), throttle.client_ip(request))

    def wait(self) -> float | None:
        return WINDOW.total_seconds()
