"""The guided session player and the endpoint its log is posted to.

A visitor plays the plan from the intake held in their session (``/results/session/``); a signed-in
person plays one of their own assessments (``/plans/<pk>/session/``; anyone else gets a 404). The
page itself is static once loaded: the script ``care/player/main.js`` runs the session from the
timeline embedded in it. Adding ``?speed=N`` (1 to 100) to the page's address makes the timers run
N times faster, for tests and demonstrations.

The log endpoints answer JSON: 201 when kept, 400 with plain ``messages`` when the log is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from unknot.clinical.intake import IntakeError
from unknot.web.care import guest, services
from unknot.web.care.access import get_owned, person
from unknot.web.care.models import Assessment
from unknot.web.care.player.forms import SessionLogForm, log_form
from unknot.web.care.player.page import no_session_context, player_context


def _player(
    request: HttpRequest,
    document: Mapping[str, Any],
    urls: dict[str, str],
    kept: Assessment | None = None,
) -> HttpResponse:
    try:
        evaluation = services.evaluate_kept(kept) if kept else services.evaluate(document)
    except IntakeError as exc:
        context = {"headline": "This plan cannot be played any more", "problems": exc.messages}
        return render(request, "care/player/no_session.html", {**context, **urls})
    if not evaluation.steps:
        context = no_session_context(evaluation)
        return render(request, "care/player/no_session.html", {**context, **urls})
    return render(request, "care/player/session.html", {**player_context(evaluation), **urls})


def _invalid(form: SessionLogForm) -> JsonResponse:
    return JsonResponse({"ok": False, "messages": form.messages()}, status=400)


@require_safe
def guest_session(request: HttpRequest) -> HttpResponse:
    document = guest.intake(request.session)
    if document is None:
        return redirect("intake_start")
    urls = {"log_url": reverse("guest_session_log"), "back_url": reverse("results")}
    return _player(request, document, urls)


@require_POST
def guest_session_log(request: HttpRequest) -> JsonResponse:
    if guest.intake(request.session) is None:
        message = (
            "Your answers are no longer held on this server (the visit ended), so this session "
            "could not be kept. Start again to see your plan."
        )
        return JsonResponse({"ok": False, "messages": [message]}, status=400)
    form = log_form(request)
    if not form.is_valid():
        return _invalid(form)
    guest.add_session(request.session, form.json_safe())
    return JsonResponse({"ok": True, "kept": "visit"}, status=201)


@login_required
@require_safe
def session(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_owned(Assessment, request.user, pk)
    later = services.paused_by(assessment)
    if later is not None:
        context = {
            "headline": "This plan is paused",
            "problems": [
                "Your latest answers include a warning sign, so this plan is not played until "
                "it has been looked at. Your latest results say what to do."
            ],
            "back_url": reverse("assessment", args=[later.pk]),
        }
        return render(request, "care/player/no_session.html", context)
    urls = {
        "log_url": reverse("session_log", args=[assessment.pk]),
        "back_url": reverse("assessment", args=[assessment.pk]),
    }
    return _player(request, assessment.intake, urls, kept=assessment)


@login_required
@require_POST
def session_log(request: HttpRequest, pk: int) -> JsonResponse:
    owner = person(request)
    assessment = get_owned(Assessment, owner, pk)
    form = log_form(request)
    if not form.is_valid():
        return _invalid(form)
    record = services.record_session(owner, assessment, form.cleaned_data)
    return JsonResponse({"ok": True, "kept": "diary", "id": record.pk}, status=201)
