"""The intake wizard, the red-flag stop page and the results pages. Thin: each view validates a
form, keeps the answers (``wizard``), asks the core through ``services`` and renders what the
``presenters`` make of it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from unknot.clinical.intake import IntakeError
from unknot.web.care import guest, services
from unknot.web.care.access import get_for, get_owned
from unknot.web.care.intake import presenters, svgs, wizard
from unknot.web.care.intake.formbase import Known
from unknot.web.care.intake.forms import FORMS
from unknot.web.care.intake.kept import results_parts
from unknot.web.care.intake.quick import QUICK_MINUTES
from unknot.web.care.intake.where import WhereForm, pain_field_name
from unknot.web.care.models import Assessment

STOP = "stop"


def _whole_number(text: str) -> bool:
    """0-9 only: ``str.isdigit`` also takes ``²`` and other digits ``int`` cannot read."""
    return text.isascii() and text.isdigit() and len(text) <= 18


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """The wizard's door: continue where the person left off. A POST starts again afresh, or,
    with ``from`` (``results`` or an assessment's id), from the answers given then."""
    if request.method == "POST":
        source = request.POST.get("from", "")
        if source not in ("", "results") and not _whole_number(source):
            message = (
                "Which answers to start from could not be read. Go back to your plan and try again."
            )
            return render(request, "400.html", {"message": message}, status=400)
        wizard.forget(request.session)
        document: dict[str, Any] | None = None
        if source == "results":
            document = guest.intake(request.session)
        elif source and request.user.is_authenticated:
            document = dict(get_owned(Assessment, request.user, int(source)).intake)
        if document is not None:
            wizard.restore(request.session, document)
            wanted = request.POST.get("step", "")
            if wanted in wizard.SLUGS:
                return redirect("intake_step", step=wanted)
    return redirect("intake_step", step=wizard.SLUGS[0])


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, step: str) -> HttpResponse:
    if step == STOP:
        return _stop_page(request)
    current = wizard.step_named(step)
    if current is None:
        raise Http404("no such step")
    session = request.session
    missing = wizard.first_missing(session, before=step)
    if missing is not None:
        return redirect("intake_step", step=missing)
    if wizard.index_of(step) > wizard.index_of(wizard.SAFETY) and wizard.must_stop(session):
        return redirect("intake_step", step=STOP)
    if current not in wizard.applicable(session):
        return redirect("intake_step", step=wizard.SLUGS[0])
    form_class = FORMS[step]
    known = _known(session, step)
    if request.method == "POST":
        form = form_class(request.POST, known=known)
        if form.is_valid():
            wizard.keep(session, step, form.answers())
            past_safety = wizard.index_of(step) >= wizard.index_of(wizard.SAFETY)
            if past_safety and wizard.must_stop(session):
                _keep_stop(request)
                return redirect("intake_step", step=STOP)
            following = _after(session, current)
            if following is not None:
                return redirect("intake_step", step=following.slug)
            finished = _finish(request, form)
            if finished is not None:
                return finished
    else:
        initial = form_class.initial_from(wizard.answers(session, step) or {})
        form = form_class(initial=initial, known=known)
    return render(request, "care/intake/step.html", _step_context(session, current, form))


def _known(session: Any, step: str) -> Known:
    about = wizard.answers(session, "about") or {}
    sex = about.get("sex") if isinstance(about.get("sex"), str) else None
    return Known(sex=sex or None, intake=wizard.known_before(session, step))


def _after(session: Any, current: wizard.Step) -> wizard.Step | None:
    steps = wizard.applicable(session)
    later = [s for s in steps if wizard.index_of(s.slug) > wizard.index_of(current.slug)]
    return later[0] if later else None


def _step_context(session: Any, current: wizard.Step, form: forms.Form) -> dict[str, Any]:
    steps = wizard.applicable(session)
    index = steps.index(current)
    context: dict[str, Any] = {
        "step": current,
        "number": index + 1,
        "count": len(steps),
        "previous": steps[index - 1] if index > 0 else None,
        "last": index + 1 == len(steps),
        "form": form,
        "template": f"care/intake/steps/{current.slug}.html",
        "words": services.kb().tiers.screening,
    }
    if isinstance(form, WhereForm):
        marked = _marked(form)
        context["maps"] = [
            {
                "view": view,
                "svg": svgs.intake_map(view, marked, f"map-{view}"),
                "regions": form.region_list(view),
            }
            for view in WhereForm.VIEWS
        ]
        context["scores"] = range(1, 11)
    return context


def _marked(form: WhereForm) -> dict[tuple[str, str], int]:
    """The pain the form holds now (posted or initial), for drawing on the map."""
    marked: dict[tuple[str, str], int] = {}
    for view in WhereForm.VIEWS:
        for region_id in form.placed[view]:
            for side in ("left", "right", "center"):
                name = pain_field_name(region_id, side)
                if name not in form.fields:
                    continue
                raw = form.data.get(name) if form.is_bound else form.initial.get(name)
                if isinstance(raw, str) and _whole_number(raw) and 1 <= int(raw) <= 10:
                    marked[(region_id, side)] = int(raw)
    return marked


def _finish(request: HttpRequest, form: forms.Form) -> HttpResponse | None:
    """Build the document, check it with the core, keep it; None (with the problems added to the
    form) when the core refuses it."""
    try:
        return _keep(request, wizard.document(request.session))
    except IntakeError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return None


def _keep(request: HttpRequest, document: dict[str, Any]) -> HttpResponse:
    """Keep the answers (an assessment, or the visit's) once the core accepts them; raises
    ``IntakeError`` and keeps nothing when it does not."""
    if request.user.is_authenticated:
        kept = services.save_assessment(request.user, document)  # evaluates it first
        return redirect("assessment", pk=kept.pk)
    services.evaluate(document)
    guest.set_intake(request.session, document)
    return redirect("results")


def _keep_stop(request: HttpRequest) -> None:
    """Keep what is known when a red flag stops the intake, so no older plan is shown anywhere."""
    _keep(request, wizard.document(request.session))


def _stop_page(request: HttpRequest) -> HttpResponse:
    if not wizard.must_stop(request.session):
        return redirect("intake_start")
    evaluation = services.evaluate(wizard.document(request.session))
    context = presenters.results_context(evaluation, session_url="", visitor=True)
    return render(request, "care/intake/stop.html", context)


# --- results ------------------------------------------------------------------------------


def _results(
    request: HttpRequest,
    document: dict[str, Any],
    *,
    session_url: str,
    visitor: bool,
    source: str = "results",
    kept: Assessment | None = None,
    read_only: bool = False,
) -> HttpResponse:
    try:
        evaluation = services.evaluate_kept(kept) if kept else services.evaluate(document)
    except IntakeError as exc:
        problems = {"problems": exc.messages}
        return render(request, "care/results/unusable.html", problems)

    def build() -> dict[str, Any]:
        context = presenters.results_context(evaluation, session_url=session_url, visitor=visitor)
        context["source"] = source
        context["calendar_url"] = (
            reverse("guest_calendar")
            if visitor
            else reverse("calendar", kwargs={"pk": int(source)})
        )
        context["minutes_url"] = (
            reverse("guest_minutes") if visitor else reverse("minutes", kwargs={"pk": int(source)})
        )
        context["handout_url"] = presenters.handout_url(source)
        context["quick_minutes"] = QUICK_MINUTES
        context["offline"] = "plan" if evaluation.steps else ""  # kept for offline use
        context["minutes_now"] = int(document.get("minutes", 15))
        context["read_only"] = read_only
        context["program"] = evaluation.program
        context["program_refused"] = evaluation.program_refused
        context["clearances"] = presenters.clearances(evaluation)
        return context

    where = (session_url, visitor, source, read_only, evaluation.additions_key)
    context = results_parts(evaluation, where, build)
    return render(request, "care/results/results.html", context)


@require_safe
def guest_results(request: HttpRequest) -> HttpResponse:
    document = guest.intake(request.session)
    if document is None:
        return redirect("intake_start")
    return _results(request, document, session_url=reverse("guest_session"), visitor=True)


@require_safe
def plan(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        latest = services.latest_assessment(request.user)
        if latest is not None:
            return redirect("assessment", pk=latest.pk)
    if guest.intake(request.session) is not None:
        return redirect("results")
    return redirect("intake_start")


@require_safe
@login_required
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    """An owner's plan; a linked practitioner sees it read-only (``access.get_for``)."""
    access = get_for(Assessment, request.user, pk)
    kept = access.row
    if not access.may_change:
        return _results(request, dict(kept.intake), session_url="", visitor=False,
                        source=str(kept.pk), kept=kept, read_only=True)  # fmt: skip
    later = services.paused_by(kept)
    if later is not None:
        messages.warning(
            request,
            "This plan is paused: your latest answers include a warning sign. "
            "Here is what they say to do.",
        )
        return redirect("assessment", pk=later.pk)
    url = reverse("session", kwargs={"pk": kept.pk})
    return _results(
        request, dict(kept.intake), session_url=url, visitor=False, source=str(kept.pk), kept=kept
    )
