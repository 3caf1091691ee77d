"""The API's addresses (``/api/v1/``) and the account page's token pages.

Every answer under ``/api/`` is JSON or a problem document: an address the API does not have
is a 404 problem, and a method it does not take a 405 problem (with ``Allow``), not Django's
HTML pages.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, re_path

from unknot.web.api import problems, views
from unknot.web.api.main import api

View = Callable[..., HttpResponse]


def _methods_as_problems(view: View) -> View:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not str(response.get("Content-Type", "")).startswith(
            problems.MEDIA_TYPE
        ):
            allowed = response.get("Allow", "")
            detail = f"{request.method} is not taken here; this address takes {allowed}."
            return problems.problem(405, detail, headers={"Allow": allowed})
        return response

    return wrapped


def _api_patterns() -> tuple[list[Any], str, str]:
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _methods_as_problems(pattern.callback)
    return patterns, app_name, namespace


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problems.problem(404, "The API has no such address; see /api/v1/docs.")


not_found.csrf_exempt = True  # type: ignore[attr-defined]

urlpatterns = [
    path("api/v1/", _api_patterns()),
    re_path(r"^api/(?P<rest>.*)$", not_found),
    path("account/tokens/", views.tokens, name="api_tokens"),
    path("account/tokens/<int:pk>/revoke/", views.revoke, name="api_token_revoke"),
]
