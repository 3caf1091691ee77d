"""Login throttling kept in the database, so it holds across processes and servers.

After ``LIMIT`` failed sign-ins for one email address, or ``IP_LIMIT`` from one client address,
within ``WINDOW``, further attempts are refused until the oldest failure ages out. A correct
password does not get through while throttled: that is the point. A successful sign-in clears the
address's failures.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from unknot.web.accounts.models import LoginFailure

LIMIT = 5
IP_LIMIT = 20
WINDOW = timedelta(minutes=15)


def client_ip(request: HttpRequest) -> str:
    """The peer address. Behind a proxy, Django's REMOTE_ADDR is the proxy; that is fine here:
    the per-address limit then guards the whole proxy and the per-email limit still holds."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")[:64]


def _recent(**match: str) -> int:
    since = timezone.now() - WINDOW
    return LoginFailure.objects.filter(at__gte=since, **match).count()


def is_throttled(email: str, ip: str) -> bool:
    return _recent(email=email.lower()) >= LIMIT or _recent(ip=ip) >= IP_LIMIT


def record_failure(email: str, ip: str) -> None:
    LoginFailure.objects.filter(at__lt=timezone.now() - WINDOW).delete()
    LoginFailure.objects.create(email=email.lower()[:254], ip=ip)


def clear_failures(email: str) -> None:
    LoginFailure.objects.filter(email=email.lower()).delete()
