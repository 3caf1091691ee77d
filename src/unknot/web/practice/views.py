"""The practitioner's pages: profile, invites, the client list, a client's record, the program
builder, clearances and measures. Thin: each view reads a form, calls one service, renders.
Every page about a client comes through ``access.client_link``, which 404s unless the client's
consent is in force, and writes the read (or change) to the client's audit log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from unknot.clinical.outcomes import OutcomeInputError
from unknot.knowledge.measures import load_measures
from unknot.planning.program import ProgramError, suggested_entries
from unknot.web.care import services
from unknot.web.care.access import client_link, person
from unknot.web.care.diary.forms import FORMS
from unknot.web.practice import builder, clients, linking, programs
from unknot.web.practice.forms import ClearanceForm, ProfileForm
from unknot.web.practice.models import SCOPES, Practitioner


def _profile_or_none(request: HttpRequest) -> Practitioner | None:
    return linking.practitioner_of(person(request))


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    profile = _profile_or_none(request)
    if profile is None:
        return redirect("practice_profile")
    rows = clients.client_list(person(request), timezone.localdate())
    return render(request, "practice/clients.html", {"profile": profile, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    current = _profile_or_none(request)
    initial = {} if current is None else {
        "name": current.name, "profession": current.profession,
        "practice_name": current.practice_name, "contact": current.contact,
    }  # fmt: skip
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        linking.save_profile(person(request), **form.cleaned_data)
        messages.success(request, "Your practitioner profile is saved.")
        return redirect("practice")
    return render(request, "practice/profile.html", {"form": form, "profile": current})


@login_required
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    profile = _profile_or_none(request)
    if profile is None:
        return redirect("practice_profile")
    _, code = linking.make_invite(profile)
    url = request.build_absolute_uri(reverse("practice_accept", args=[code]))
    context = {"code": code, "url": url, "qr": linking.qr_svg(url), "days": linking.INVITE_DAYS}
    return render(request, "practice/invite.html", context)


@login_required
@require_safe
def record(request: HttpRequest, pk: int) -> HttpResponse:
    link = client_link(request.user, pk, "client record")
    today = timezone.localdate()
    context = {
        "link": link,
        "summary": clients.summary(link, today),
        "entries": clients.entries(link),  # what the client shares, through access.shared
        "measures": clients.measures_of(link),
        "latest": programs.latest_assessment(link),
        "program": programs.program_for(link),
        "scopes": [label for s, label in SCOPES if s in link.scopes],
        "fillable": [m for m in load_measures().values() if m.id in FORMS],
    }
    return render(request, "practice/record.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def program(request: HttpRequest, pk: int) -> HttpResponse:
    change = request.method == "POST"
    link = client_link(request.user, pk, "program", change=change)
    kb = services.kb()
    found = programs.client_evaluation(link)
    if found is None:
        context = {"link": link, "headline": "No answers to build on yet",
                   "why": ["Ask your client to answer the questions in unknot, and to share "
                           "their answers and plan with you."]}  # fmt: skip
        return render(request, "practice/no_program.html", context)
    _, evaluation = found
    if evaluation.answer.routine is None:
        screening = evaluation.answer.assessment.screening
        why = [f"{r.title} {r.action}" for r in screening.reasons]
        context = {"link": link, "headline": kb.tiers.of(screening.verdict).headline, "why": why}
        return render(request, "practice/no_program.html", context)
    current = programs.current_for(link)
    entries = list(current.entries) if current else suggested_entries(evaluation.answer.routine)
    note = current.note if current else ""
    problems: list[str] = []
    if change:
        entries, note, problems = builder.read_post(request.POST, kb)
        if not problems:
            try:
                programs.save_program(link, person(request), entries, note)
            except ProgramError as exc:
                problems = list(exc.messages)
            else:
                messages.success(request, "The program is saved. Your client sees it now.")
                return redirect("client_program", pk=link.pk)
    context = {
        "link": link,
        "rows": builder.template_rows(builder.rows(entries, kb)),
        "note": note,
        "problems": problems,
        "choices": builder.choices(entries, evaluation.intake, evaluation.answer.assessment, kb),
        "history": programs.history(link),
        "suggested": current is None,
        "limits": kb.planning.program_doses,
    }
    return render(request, "practice/program.html", context, status=400 if problems else 200)


@login_required
@require_http_methods(["GET", "POST"])
def clearance(request: HttpRequest, pk: int) -> HttpResponse:
    change = request.method == "POST"
    link = client_link(request.user, pk, "clearances", change=change)
    allowed, why = programs.may_record(link.practitioner)
    form = ClearanceForm(request.POST if change else None)
    status = 200
    if change and not allowed:
        form.add_error(None, f"Your profession may not record a clearance: {why}")
        status = 403
    elif change and form.is_valid():
        try:
            programs.record_clearance(link, person(request), form.cleaned_data["rules"],
                                      form.cleaned_data["examined_on"])  # fmt: skip
        except ProgramError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "The clearance is recorded. Your client sees it.")
            return redirect("client_record", pk=link.pk)
    if form.errors and status == 200:
        status = 400
    context = {"link": link, "form": form, "allowed": allowed, "why": why,
               "recorded": programs.clearances_for(link.client_id)}  # fmt: skip
    return render(request, "practice/clearance.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def measure(request: HttpRequest, pk: int, measure: str) -> HttpResponse:
    form_class = FORMS.get(measure)
    if form_class is None:
        raise Http404("no such measure")
    change = request.method == "POST"
    link = client_link(request.user, pk, f"measure {measure}", change=change)
    if "measures" not in link.scopes:
        raise Http404("not shared")
    form = form_class(request.POST if change else None)
    if change and form.is_valid():
        try:
            programs.record_measure(link, person(request), measure, form.answers())
        except OutcomeInputError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The score is kept in your client's diary.")
            return redirect("client_record", pk=link.pk)
    context = {"form": form, "measure": load_measures()[measure],
               "back_url": reverse("client_record", args=[link.pk])}  # fmt: skip
    return render(request, "care/diary/measure.html", context, status=400 if form.errors else 200)
