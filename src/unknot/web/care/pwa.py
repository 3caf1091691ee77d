"""What makes unknot an app a phone can install and use offline: the service worker at the root
of the site (so it may look after every page), the favicon browsers ask for at /favicon.ico,
and the page shown for a page that was never kept when the network is down. The worker and the
icon are the app's own static files, read once and served as they are."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

STATIC = Path(__file__).resolve().parent / "static" / "care"


@cache
def _read(name: str) -> bytes:
    return (STATIC / name).read_bytes()


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_read("js/sw.js"), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # a new version reaches phones at once
    return response


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_read("icons/favicon.ico"), content_type="image/vnd.microsoft.icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "care/offline.html")


urlpatterns = [
    path("sw.js", service_worker, name="service_worker"),
    path("favicon.ico", favicon, name="favicon"),
    path("offline/", offline, name="offline"),
]
