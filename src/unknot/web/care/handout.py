"""The one-page handout of a plan as a PDF: the visit's (``/results/handout.pdf``) and an
owner's (``/plans/<pk>/handout.pdf``, through ``access.get_for``: the owner, or a linked
practitioner).

No PDF for a verdict without a plan or for a paused plan: a plain page says why instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from unknot.clinical.intake import IntakeError
from unknot.handout import handout_pdf
from unknot.web.care import guest, services
from unknot.web.care.access import get_for
from unknot.web.care.models import Assessment


def _no_handout(request: HttpRequest, headline: str, why: list[str], back: str) -> HttpResponse:
    context = {"headline": headline, "why": why, "back_url": back}
    return render(request, "care/results/no_handout.html", context)


def _handout(
    request: HttpRequest,
    document: Mapping[str, Any],
    session: str,
    back: str,
    name: str,
    kept: Assessment | None = None,
) -> HttpResponse:
    try:
        evaluation = services.evaluate_kept(kept) if kept else services.evaluate(document)
    except IntakeError as exc:
        return _no_handout(
            request, "These answers cannot be used any more", list(exc.messages), back
        )
    result = evaluation.answer
    if result.routine is None or not result.routine.items:
        screening = result.assessment.screening
        tier = services.kb().tiers.of(screening.verdict)
        headline = tier.headline if not tier.gives_plan else "There is no routine to print"
        why = [f"{r.title} {r.action}" for r in screening.reasons] or [
            "Nothing in the library fits these answers today."
        ]
        return _no_handout(request, headline, why, back)
    url = request.build_absolute_uri(session)
    program = evaluation.program
    pdf = handout_pdf(
        result,
        services.kb(),
        session_url=url,
        program_by=program.by if program else None,
        program_note=program.note if program else "",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_safe
def guest_handout(request: HttpRequest) -> HttpResponse:
    document = guest.intake(request.session)
    if document is None:
        return redirect("intake_start")
    back = reverse("results")
    return _handout(request, document, reverse("guest_session"), back, "unknot-plan.pdf")


@require_safe
@login_required
def handout(request: HttpRequest, pk: int) -> HttpResponse:
    """An owner's handout; a linked practitioner may print it for them (``access.get_for``)."""
    kept = get_for(Assessment, request.user, pk).row
    later = services.paused_by(kept)
    if later is not None:
        why = [services.kb().tiers.of(later.verdict).paused_note or "This plan is paused."]
        back = reverse("assessment", kwargs={"pk": later.pk})
        return _no_handout(request, "This plan is paused", why, back)
    session = reverse("session", kwargs={"pk": kept.pk})
    back = reverse("assessment", kwargs={"pk": kept.pk})
    return _handout(request, kept.intake, session, back, f"unknot-plan-{kept.pk}.pdf", kept)
