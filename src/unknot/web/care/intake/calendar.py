"""The weekly schedule as a calendar file (.ics) the person adds to their phone's calendar.

``?at=HH:MM`` sets the time of day (07:30 when missing or malformed); the first session is
tomorrow, in the server's time zone; the core writes the file (``schedule_ics``), with the
address that starts the guided session on every event.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from unknot.clinical.intake import IntakeError
from unknot.planning.schedule import schedule_ics
from unknot.web.care import guest, services
from unknot.web.care.access import get_owned
from unknot.web.care.models import Assessment

DEFAULT_AT = time(7, 30)


def _time_of_day(raw: str) -> time:
    try:
        return time.fromisoformat(raw) if raw else DEFAULT_AT
    except ValueError:
        return DEFAULT_AT


def _calendar(
    request: HttpRequest,
    document: Mapping[str, Any],
    uid_seed: str,
    session: str,
    kept: Assessment | None = None,
) -> HttpResponse:
    try:
        evaluation = services.evaluate_kept(kept) if kept else services.evaluate(document)
    except IntakeError as exc:
        raise Http404("no plan") from exc
    result = evaluation.answer
    if result.routine is None or result.schedule is None:
        raise Http404("no plan: nothing to put in a calendar")
    start = timezone.localdate() + timedelta(days=1)
    at = _time_of_day(request.GET.get("at", ""))
    text = schedule_ics(
        result.schedule, result.routine, start, at, timezone.now(), uid_seed,
        session_url=request.build_absolute_uri(session),
    )  # fmt: skip
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="unknot-week.ics"'
    return response


@require_safe
def guest_calendar(request: HttpRequest) -> HttpResponse:
    document = guest.intake(request.session)
    if document is None:
        raise Http404("no answers in this visit")
    return _calendar(request, document, "unknot-visit", reverse("guest_session"))


@require_safe
@login_required
def calendar(request: HttpRequest, pk: int) -> HttpResponse:
    kept = get_owned(Assessment, request.user, pk)
    if services.paused_by(kept) is not None:
        raise Http404("this plan is paused")
    session = reverse("session", args=[kept.pk])
    return _calendar(request, kept.intake, f"unknot-plan-{kept.pk}", session, kept)
