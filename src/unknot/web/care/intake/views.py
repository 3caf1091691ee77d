"""STUB, to be replaced: the intake wizard and the results pages."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def start(request: HttpRequest) -> HttpResponse:
    raise Http404("not built yet")


def step(request: HttpRequest, step: str) -> HttpResponse:
    raise Http404("not built yet")


def guest_results(request: HttpRequest) -> HttpResponse:
    raise Http404("not built yet")


def plan(request: HttpRequest) -> HttpResponse:
    raise Http404("not built yet")


def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404("not built yet")
