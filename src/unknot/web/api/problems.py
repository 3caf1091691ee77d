"""Errors as ``application/problem+json`` (RFC 9457), for every status the API can give.

Each problem has ``type`` (a link to where the API's docs page explains it), ``title`` (the same
for every problem of that type), ``status``, ``detail`` (this occurrence, in plain words) and,
for input that breaks the rules, ``errors``: one entry per problem found, with where it is when
that is known. Intake and outcome-measure refusals carry the core's own sentences, the same a
person sees on the pages and the command line. Nothing ever answers with a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from unknot.clinical.intake import IntakeError
from unknot.clinical.outcomes import OutcomeInputError
from unknot.planning.program import ProgramError

log = logging.getLogger("unknot.web")
MEDIA_TYPE = "application/problem+json"
DOCS = "/api/v1/docs"

# status -> (slug of its type, title)
KINDS: dict[int, tuple[str, str]] = {
    400: ("bad-request", "The request could not be read"),
    401: ("not-authenticated", "Authentication needed"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    413: ("too-large", "Request too large"),
    422: ("invalid", "The input breaks the rules"),
    429: ("too-many-requests", "Too many requests"),
    500: ("server-error", "Something went wrong inside unknot"),
}
# every operation may answer these; the OpenAPI document says so for each (main.py)
DECLARED = (400, 401, 403, 404, 422, 429)


class ProblemDetail(Schema):
    """One thing wrong with the input."""

    where: str | None = None
    message: str


class Problem(Schema):
    """An error, as RFC 9457 describes it."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemDetail] = Field(default_factory=list)


def problem(
    status: int,
    detail: str,
    errors: Iterable[tuple[str | None, str]] = (),
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    slug, title = KINDS.get(status, KINDS[400] if status < 500 else KINDS[500])
    body = {
        "type": f"{DOCS}#problem-{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "errors": [{"where": where, "message": message} for where, message in errors],
    }
    response = HttpResponse(json.dumps(body, ensure_ascii=False), status=status,
                            content_type=MEDIA_TYPE)  # fmt: skip
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _where(loc: Iterable[Any]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [(_where(e.get("loc", ())), str(e.get("msg", "is not valid"))) for e in exc.errors]
    count = "one problem" if len(errors) == 1 else f"{len(errors)} problems"
    return problem(422, f"The request has {count}; each is listed in errors.", errors)


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    headers: dict[str, str] = {}
    if isinstance(exc, AuthenticationError):
        headers["WWW-Authenticate"] = 'Bearer realm="unknot"'
    if isinstance(exc, Throttled) and exc.wait:
        headers["Retry-After"] = str(max(1, round(exc.wait)))
    detail = str(exc)
    if isinstance(exc, AuthenticationError) and detail == "Unauthorized":
        detail = (
            "Send a personal access token (Authorization: Bearer unk_...), made on the account "
            "page, or sign in."
        )
    return problem(exc.status_code, detail, headers=headers)


def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(404, "There is nothing at this address, or it is not yours to see.")


def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(403, str(exc) or "Not allowed.")


def _intake(request: HttpRequest, exc: IntakeError) -> HttpResponse:
    count = "one problem" if len(exc.messages) == 1 else f"{len(exc.messages)} problems"
    return problem(422, f"The intake has {count}.", [(None, m) for m in exc.messages])


def _outcome(request: HttpRequest, exc: OutcomeInputError) -> HttpResponse:
    return problem(422, str(exc), [(None, str(exc))])


def _program(request: HttpRequest, exc: ProgramError) -> HttpResponse:
    count = "one problem" if len(exc.messages) == 1 else f"{len(exc.messages)} problems"
    return problem(422, f"The program has {count}.", [(None, m) for m in exc.messages])


def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.error("API error on %s %s", request.method, request.path, exc_info=exc)
    return problem(500, "Something went wrong inside unknot. Nothing you sent was kept.")


HANDLERS: tuple[tuple[type[Exception], Any], ...] = (
    (ValidationError, _validation),
    (HttpError, _http_error),
    (Http404, _not_found),
    (PermissionDenied, _forbidden),
    (IntakeError, _intake),
    (OutcomeInputError, _outcome),
    (ProgramError, _program),
    (Exception, _unexpected),
)


def install(api: NinjaAPI) -> None:
    """Make every error ``api`` gives a problem document."""
    for kind, handler in HANDLERS:
        api.add_exception_handler(kind, handler)
