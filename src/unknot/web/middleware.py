"""The app's own middleware: who the client really is behind a proxy, HEAD without a body, no
caching of private pages, short-lived visitor sessions, a strict Content-Security-Policy, and the
housekeeping the app does for itself."""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from unknot.web import housekeeping

log = logging.getLogger("unknot.web")
GetResponse = Callable[[HttpRequest], HttpResponse]
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


class TrustedProxyMiddleware:
    """Believe ``X-Forwarded-For`` and ``X-Forwarded-Proto`` only from ``settings.TRUSTED_PROXIES``.

    From a trusted proxy, the client is the right-most address in ``X-Forwarded-For`` that is not
    itself a trusted proxy (each hop appends the address it saw, so only those entries are known
    to be true; anything further left was written by the client and may be made up). That
    address becomes ``REMOTE_ADDR``, so throttles and logs see the person, not the proxy.
    From anyone else the forwarded headers are removed before Django reads them: a client that
    talks to the server directly cannot claim HTTPS or another address.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.trusted = tuple(settings.TRUSTED_PROXIES)

    def _is_trusted(self, address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
        return address is not None and any(address in network for network in self.trusted)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        if not self._is_trusted(_address(str(meta.get("REMOTE_ADDR") or ""))):
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
            return self.get_response(request)
        hops = [h for h in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",") if h.strip()]
        for hop in reversed(hops):
            address = _address(hop)
            if address is None:
                break  # a malformed entry: keep the last address known to be true
            meta["REMOTE_ADDR"] = str(address)
            if not self._is_trusted(address):
                break
        return self.get_response(request)


class HeadWithoutBodyMiddleware:
    """A HEAD response carries the headers a GET would, and no body: a body sent after a HEAD
    would be read as the start of the next response on a kept-alive connection."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method == "HEAD" and not response.streaming:
            if not response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response


class NoStoreMiddleware:
    """Every page the app makes may hold someone's health data or their session: no browser or
    proxy keeps a copy (``Cache-Control: no-store``) unless the view said otherwise. Static
    files are answered before this, by WhiteNoise, with their own long caching."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response


class VisitorSessionMiddleware:
    """A visitor's session (their answers, without an account) lasts
    ``settings.VISITOR_SESSION_AGE`` after its last change; a signed-in person's lasts the
    usual ``SESSION_COOKIE_AGE``. Only a session being saved anyway is touched."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.visitor_age = int(settings.VISITOR_SESSION_AGE)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.modified or session.is_empty():
            return response
        signed_in = request.user.is_authenticated
        custom = session.get("_session_expiry") is not None
        if not signed_in and not custom:
            session.set_expiry(self.visitor_age)
        elif signed_in and custom:
            session.set_expiry(None)
        return response


class HousekeepingMiddleware:
    """Remove expired sessions and old throttle counts after each server process's first request
    and then at most once every ``settings.HOUSEKEEPING_SECONDS``, so nothing outlives its
    purpose even where no scheduler runs (gunicorn replaces its workers now and then, and a new
    one starts with a sweep). Each sweep is a few indexed DELETEs. A failure is logged and the
    request still answered."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.every = float(settings.HOUSEKEEPING_SECONDS)
        self.last = -self.every
        self.lock = threading.Lock()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        now = time.monotonic()
        if now - self.last >= self.every and self.lock.acquire(blocking=False):
            try:
                self.last = now
                housekeeping.run()
            except Exception:
                log.exception("housekeeping failed; it will be tried again later")
            finally:
                self.lock.release()
        return response


class ContentSecurityPolicyMiddleware:
    """Sets ``Content-Security-Policy`` from ``settings.CSP_POLICY`` unless a view set its own."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.policy: str = settings.CSP_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
