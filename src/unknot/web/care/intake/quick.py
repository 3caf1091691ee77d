"""Another length of session without answering everything again: the same answers with a
different number of minutes make a new plan (a new assessment for an owner, so the earlier plan
stays in their history; the visit's answers for a visitor)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from unknot.web.care import guest, services
from unknot.web.care.access import get_owned, person
from unknot.web.care.models import Assessment

_LIMITS = services.kb().intake_limits
QUICK_MINUTES = _LIMITS.quick_minutes
_RANGE = f"Minutes are a whole number from {_LIMITS.minutes.min:g} to {_LIMITS.minutes.max:g}."


class MinutesForm(forms.Form):
    minutes = forms.IntegerField(
        min_value=int(_LIMITS.minutes.min),
        max_value=int(_LIMITS.minutes.max),
        error_messages={
            "required": "Choose how many minutes you have.",
            "invalid": _RANGE,
            "min_value": _RANGE,
            "max_value": _RANGE,
        },
    )


def _minutes(request: HttpRequest) -> int | None:
    form = MinutesForm(request.POST)
    if form.is_valid():
        return int(form.cleaned_data["minutes"])
    for error in form.errors.get("minutes", []):
        messages.error(request, str(error))
    return None


def _with_minutes(document: dict[str, Any], minutes: int) -> dict[str, Any]:
    return {**document, "minutes": minutes}


@require_POST
def guest_minutes(request: HttpRequest) -> HttpResponse:
    document = guest.intake(request.session)
    if document is None:
        return redirect("intake_start")
    minutes = _minutes(request)
    if minutes is not None:
        guest.replace_intake(request.session, _with_minutes(document, minutes))
        messages.success(request, f"Your plan now fits {minutes} minutes.")
    return redirect("results")


@require_POST
@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    owner = person(request)
    kept = get_owned(Assessment, owner, pk)
    later = services.paused_by(kept)
    if later is not None:  # a stale page: an older plan cannot be remade past a warning sign
        return redirect("assessment", pk=later.pk)
    chosen = _minutes(request)
    if chosen is None:
        return redirect("assessment", pk=kept.pk)
    fresh = services.save_assessment(owner, _with_minutes(dict(kept.intake), chosen))
    messages.success(request, f"Your plan now fits {chosen} minutes.")
    return redirect("assessment", pk=fresh.pk)
