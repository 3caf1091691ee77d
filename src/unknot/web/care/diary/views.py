"""The diary, check-ins and outcome measures: thin views over ``diary.services``.

Every view needs a signed-in person and reads rows only through ``care.access``; someone
else's row is a 404, as if it did not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from unknot.clinical.outcomes import OutcomeInputError
from unknot.knowledge.measures import load_measures
from unknot.knowledge.models import Tier
from unknot.web.care.access import get_for, get_owned, person
from unknot.web.care.diary import presenters, services
from unknot.web.care.diary.forms import FORMS, CheckInForm, PsfsForm, SessionNoteForm
from unknot.web.care.diary.scoring import score_answers
from unknot.web.care.models import CheckIn, MeasureResult, SessionRecord
from unknot.web.care.services import kb

MAX_PAGE = 10_000


def _page(raw: str | None) -> int:
    try:
        return min(max(int(raw or 1), 1), MAX_PAGE)
    except ValueError:
        return 1


@login_required
def diary(request: HttpRequest) -> HttpResponse:
    context = presenters.diary_context(person(request), _page(request.GET.get("page")),
                                       timezone.localdate())  # fmt: skip
    return render(request, "care/diary/diary.html", context)


@login_required
def check_in(request: HttpRequest) -> HttpResponse:
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _, screening = services.save_check_in(
            person(request),
            data["pain"],
            form.findings(),
            data["note"],
        )
        if screening is not None and screening.verdict is not Tier.self_care:
            tier = kb().tiers.of(screening.verdict)
            context = {"screening": screening, "tier": tier, "stop": tier.stops_intake}
            return render(request, "care/diary/check_in_screened.html", context)
        messages.success(request, "Your check-in is in your diary.")
        return redirect("diary")
    return render(request, "care/diary/check_in.html", {"form": form})


@login_required
def delete_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (GET), deletes on POST: one stray tap on the diary deletes nothing."""
    check = get_owned(CheckIn, person(request), pk)
    if request.method == "POST":
        check.delete()
        messages.success(request, "The check-in is deleted.")
        return redirect("diary")
    context = {"check": check, "when": presenters.when(check.at)}
    return render(request, "care/diary/delete_check_in.html", context)


@login_required
def session_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """A session and its note; a linked practitioner reads it (``access.get_for``), only the
    owner changes the note."""
    if request.method == "POST":
        session = get_owned(SessionRecord, person(request), pk)
    else:
        access = get_for(SessionRecord, request.user, pk)
        session = access.row
        if not access.may_change:
            context = {"session": session, "when": presenters.when(session.at), "read_only": True}
            return render(request, "care/diary/session.html", context)
    form = SessionNoteForm(
        request.POST if request.method == "POST" else None, initial={"note": session.note}
    )
    if request.method == "POST" and form.is_valid():
        session.note = form.cleaned_data["note"]
        session.save(update_fields=["note"])
        messages.success(request, "Your note is saved.")
        return redirect("diary")
    context = {"session": session, "form": form, "when": presenters.when(session.at)}
    return render(request, "care/diary/session.html", context)


@login_required
@require_POST
def delete_session(request: HttpRequest, pk: int) -> HttpResponse:
    """Deletes one session on POST (the session's own page has the button, below its note)."""
    get_owned(SessionRecord, person(request), pk).delete()
    messages.success(request, "The session is deleted from your diary.")
    return redirect("diary")


@login_required
def measure(request: HttpRequest, measure: str) -> HttpResponse:
    form_class = FORMS.get(measure)
    if form_class is None:
        raise Http404("no such measure")
    extra: dict[str, Any] = {}
    if form_class is PsfsForm:
        extra["activities"] = services.psfs_activities(person(request))
    form = form_class(request.POST if request.method == "POST" else None, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            row, _ = services.save_measure(person(request), measure, form.answers())
        except OutcomeInputError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("measure_result", pk=row.pk)
    m = load_measures()[measure]
    return render(request, "care/diary/measure.html", {"form": form, "measure": m})


@login_required
def measure_result(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_for(MeasureResult, request.user, pk)
    result = access.row
    if result.measure not in load_measures():
        raise Http404("no such measure")
    try:
        score = score_answers(result.measure, result.answers)
    except (OutcomeInputError, AttributeError):
        score = None
    context = presenters.result_context(result.owner, result, score)
    context["read_only"] = not access.may_change
    return render(request, "care/diary/measure_result.html", context)


@login_required
@require_POST
def delete_measure_result(request: HttpRequest, pk: int) -> HttpResponse:
    get_owned(MeasureResult, person(request), pk).delete()
    messages.success(request, "The result is deleted.")
    return redirect("diary")
