"""What the app cleans up by itself: sessions past their expiry (a visitor's answers among
them) and throttle counts whose window has ended. Run at ``unknot serve`` start, then by
``HousekeepingMiddleware`` after each server process's first request and at most hourly after
that; each step is a plain DELETE, so running it twice at once does no harm."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.utils import timezone

from unknot.web.accounts import throttle
from unknot.web.accounts.models import Session

log = logging.getLogger("unknot.web")


@dataclass(frozen=True)
class Swept:
    sessions: int
    attempts: int


def run() -> Swept:
    sessions, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    swept = Swept(sessions=sessions, attempts=throttle.purge_expired())
    if swept.sessions or swept.attempts:
        log.info(
            "housekeeping: %d expired sessions and %d old counts removed", *vars(swept).values()
        )
    return swept
