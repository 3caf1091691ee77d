"""STUB, to be replaced: the diary, check-ins and outcome measures."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def diary(request: HttpRequest) -> HttpResponse:
    raise Http404("not built yet")


def check_in(request: HttpRequest) -> HttpResponse:
    raise Http404("not built yet")


def measure(request: HttpRequest, measure: str) -> HttpResponse:
    raise Http404("not built yet")
