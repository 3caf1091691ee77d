"""The signed-in person's own assessments and plans, and their whole record as FHIR.

Every row is read through ``care.access`` (``owned``, ``get_owned``): someone else's id is a
404, exactly as if it did not exist. A new intake goes through ``services.save_assessment``,
which screens it as the pages do; a plan that later answers paused is never handed out.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status

from unknot.clinical.intake import IntakeError
from unknot.knowledge.models import Tier
from unknot.planning import AnswerDocument, answer_document
from unknot.planning.document import PlanDocument
from unknot.planning.schedule import schedule_ics
from unknot.web.api.assess import read_intake
from unknot.web.api.auth import PERSON, principal, reader, writer
from unknot.web.api.paging import Page, PageQuery, page
from unknot.web.care import services
from unknot.web.care.access import get_owned, owned
from unknot.web.care.fhir import fhir_bundle
from unknot.web.care.models import Assessment

router = Router(tags=["me"], auth=PERSON)
MAX_ID = 2**62
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
FHIR = "application/fhir+json"
CALENDAR = "text/calendar"
MEDIA: dict[str, str] = {"fhir_record": FHIR, "plan_calendar": CALENDAR}


class Account(Schema):
    email: str
    joined: datetime
    may_write: bool = Field(description="False for a token that may only read.")


@router.get("/me", response=Account, operation_id="get_account")
def get_account(request: HttpRequest) -> dict[str, Any]:
    """Who the token or session belongs to."""
    who = principal(request)
    return {"email": who.user.email, "joined": who.user.date_joined, "may_write": who.may_write}


class AssessmentSummary(Schema):
    id: int
    created: datetime
    verdict: Tier
    paused_by: int | None = Field(
        description="The later assessment that pauses this one's plan, if any."
    )


class AssessmentOut(AssessmentSummary):
    intake: dict[str, Any] = Field(description="The intake document as it was kept.")
    answer: AnswerDocument | None = Field(
        description="The answer worked out now from the kept intake; null when the knowledge "
        "base no longer accepts it (problems says why)."
    )
    problems: list[str]


class AssessmentPage(Page):
    items: list[AssessmentSummary]


def _paused_by(kept: Assessment) -> int | None:
    later = services.paused_by(kept)
    return later.pk if later is not None else None


def _summary(kept: Assessment) -> dict[str, Any]:
    return {"id": kept.pk, "created": kept.created, "verdict": kept.verdict,
            "paused_by": _paused_by(kept)}  # fmt: skip


def _assessment(kept: Assessment) -> dict[str, Any]:
    data = {**_summary(kept), "intake": kept.intake, "answer": None, "problems": []}
    try:
        evaluation = services.evaluate_kept(kept)
    except IntakeError as exc:
        data["problems"] = list(exc.messages)
    else:
        data["answer"] = answer_document(evaluation.answer, services.kb())
    return data


@router.get("/me/assessments", response=AssessmentPage, operation_id="list_assessments")
def list_assessments(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """The person's assessments, newest first."""
    rows = owned(Assessment, reader(request)).order_by("-created", "-id")
    return page(request, rows, query, _summary)


@router.post(
    "/me/assessments", response={201: AssessmentOut}, by_alias=True,
    operation_id="create_assessment",
)  # fmt: skip
def create_assessment(request: HttpRequest) -> Status[dict[str, Any]]:
    """Keep a new intake (screened as the pages screen it) and give its answer. When it no
    longer allows self-care, it pauses the person's earlier plans, as on the pages."""
    kept = services.save_assessment(writer(request), read_intake(request))
    return Status(201, _assessment(kept))


@router.get(
    "/me/assessments/{id}", response=AssessmentOut, by_alias=True, operation_id="get_assessment"
)
def get_assessment(request: HttpRequest, id: Id) -> dict[str, Any]:
    return _assessment(get_owned(Assessment, reader(request), id))


class PlanOut(Schema):
    """The plan of one assessment, or why there is none to follow."""

    assessment: int
    status: Literal["active", "paused", "no_plan", "unusable"]
    paused_by: int | None
    note: str | None = Field(description="What to do instead, when there is no plan to follow.")
    plan: PlanDocument | None
    session_url: str | None = Field(description="The page that plays the guided session.")


def _plan(request: HttpRequest, kept: Assessment) -> dict[str, Any]:
    kb = services.kb()
    data: dict[str, Any] = {"assessment": kept.pk, "status": "active", "paused_by": None,
                            "note": None, "plan": None, "session_url": None}  # fmt: skip
    later = services.paused_by(kept)
    if later is not None:
        note = kb.tiers.of(later.verdict).paused_note
        return data | {"status": "paused", "paused_by": later.pk, "note": note}
    try:
        evaluation = services.evaluate_kept(kept)
    except IntakeError as exc:
        return data | {"status": "unusable", "note": " ".join(exc.messages)}
    document = answer_document(evaluation.answer, kb)
    if document.plan is None:
        tier = kb.tiers.of(document.screening.verdict)
        return data | {"status": "no_plan", "note": tier.detail or tier.headline}
    url = request.build_absolute_uri(reverse("session", args=[kept.pk]))
    return data | {"plan": document.plan, "session_url": url}


@router.get("/me/plans/{id}", response=PlanOut, operation_id="get_plan")
def get_plan(request: HttpRequest, id: Id) -> dict[str, Any]:
    """The plan of assessment ``id``. A plan that later answers paused is not given."""
    return _plan(request, get_owned(Assessment, reader(request), id))


class CalendarQuery(Schema):
    at: str = Field("07:30", pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
                    description="The time of day, HH:MM.")  # fmt: skip


@router.get("/me/plans/{id}/calendar.ics", operation_id="plan_calendar")
def plan_calendar(request: HttpRequest, id: Id, query: Query[CalendarQuery]) -> HttpResponse:
    """The plan's week as an iCalendar file; each event links to the guided session."""
    kept = get_owned(Assessment, reader(request), id)
    if services.paused_by(kept) is not None:
        raise Http404("this plan is paused")
    try:
        result = services.evaluate_kept(kept).answer
    except IntakeError as exc:
        raise Http404("no plan") from exc
    if result.routine is None or result.schedule is None:
        raise Http404("no plan: nothing to put in a calendar")
    session = request.build_absolute_uri(reverse("session", args=[kept.pk]))
    start = timezone.localdate() + timedelta(days=1)
    text = schedule_ics(result.schedule, result.routine, start, time.fromisoformat(query.at),
                        timezone.now(), f"unknot-plan-{kept.pk}", session_url=session)  # fmt: skip
    return HttpResponse(text, content_type=f"{CALENDAR}; charset=utf-8")


@router.get("/me/fhir", operation_id="fhir_record")
def fhir_record(request: HttpRequest) -> HttpResponse:
    """Everything the person kept, as a FHIR R4 Bundle (docs/fhir.md)."""
    bundle = fhir_bundle(reader(request))
    return HttpResponse(json.dumps(bundle, ensure_ascii=False), content_type=FHIR)
