"""STUB, to be replaced: the guided session player and its log endpoint."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def guest_session(request: HttpRequest) -> HttpResponse:
    raise Http404("not built yet")


def guest_session_log(request: HttpRequest) -> HttpResponse:
    raise Http404("not built yet")


def session(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404("not built yet")


def session_log(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404("not built yet")
