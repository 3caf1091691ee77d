"""The person's diary over the API: guided sessions, check-ins and outcome measures.

Reads go through ``care.access``; writes through the same services the pages call, checked by
the same forms, so a rule (pain 0-10, a session no later than now, a measure's answers) holds
whichever way the data comes in. A check-in that reports a warning sign is screened exactly as
on the page, and when self-care is no longer advised it pauses the person's plans.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.forms import Form
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import StrictBool, StrictInt, StrictStr

from unknot.clinical.document import ScreeningDocument
from unknot.clinical.outcomes import OutcomeInputError
from unknot.knowledge.models import FindingKind
from unknot.web.api.auth import PERSON, reader, writer
from unknot.web.api.me import MAX_ID, Id
from unknot.web.api.paging import Page, PageQuery, page
from unknot.web.care import services
from unknot.web.care.access import get_owned, owned
from unknot.web.care.diary import services as diary
from unknot.web.care.diary.forms import CheckInForm
from unknot.web.care.diary.scoring import score_answers
from unknot.web.care.models import Assessment, CheckIn, MeasureResult, SessionRecord
from unknot.web.care.player.forms import SessionLogForm

router = Router(tags=["diary"], auth=PERSON)


def _refuse(form: Form) -> ValidationError:
    """A form's errors as the API's 422 problem, one entry per message, naming the field."""
    errors = [
        {"loc": ("body",) if field == "__all__" else ("body", field), "msg": str(message)}
        for field, messages in form.errors.items()
        for message in messages
    ]
    return ValidationError(errors)


# --- sessions ------------------------------------------------------------------------------------


class SessionIn(Schema):
    """One guided session, as the player logs it."""

    assessment: StrictInt | None = Field(
        None, ge=1, le=MAX_ID, description="The plan it was played from."
    )
    planned_steps: StrictInt
    done_steps: StrictInt
    seconds: StrictInt | None = None
    pain_before: StrictInt | None = None
    pain_after: StrictInt | None = None
    note: StrictStr = ""
    client_id: StrictStr | None = Field(
        None, description="Your own id for this session: a log sent twice is kept once."
    )
    at: datetime | None = Field(None, description="When it ended; now when left out.")


class SessionOut(Schema):
    id: int
    at: datetime
    assessment: int | None
    planned_steps: int
    done_steps: int
    seconds: int
    pain_before: int | None
    pain_after: int | None
    note: str
    completed: bool


class SessionPage(Page):
    items: list[SessionOut]


def _session(s: SessionRecord) -> dict[str, Any]:
    return {"id": s.pk, "at": s.at, "assessment": s.assessment_id,
            "planned_steps": s.planned_steps, "done_steps": s.done_steps, "seconds": s.seconds,
            "pain_before": s.pain_before, "pain_after": s.pain_after, "note": s.note,
            "completed": s.completed}  # fmt: skip


def _as_field(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, datetime) else str(value)


@router.get("/me/sessions", response=SessionPage, operation_id="list_sessions")
def list_sessions(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """The guided sessions the person did, newest first."""
    rows = owned(SessionRecord, reader(request)).order_by("-at", "-id")
    return page(request, rows, query, _session)


@router.post("/me/sessions", response={201: SessionOut}, operation_id="log_session")
def log_session(request: HttpRequest, body: SessionIn) -> Status[dict[str, Any]]:
    """Keep a guided session in the diary, as the player does."""
    owner = writer(request)
    plan = get_owned(Assessment, owner, body.assessment) if body.assessment else None
    fields = body.model_dump(exclude={"assessment"})
    form = SessionLogForm({k: v for k, v in ((k, _as_field(v)) for k, v in fields.items())
                           if v is not None})  # fmt: skip
    if not form.is_valid():
        raise _refuse(form)
    return Status(201, _session(services.record_session(owner, plan, form.cleaned_data)))


@router.get("/me/sessions/{id}", response=SessionOut, operation_id="get_session")
def get_session(request: HttpRequest, id: Id) -> dict[str, Any]:
    return _session(get_owned(SessionRecord, reader(request), id))


@router.delete("/me/sessions/{id}", response={204: None}, operation_id="delete_session")
def delete_session(request: HttpRequest, id: Id) -> Status[None]:
    get_owned(SessionRecord, writer(request), id).delete()
    return Status(204, None)


# --- check-ins -----------------------------------------------------------------------------------


class CheckInIn(Schema):
    pain: StrictInt | None = Field(None, description="Pain now, 0 (none) to 10.")
    findings: list[StrictStr] = Field(
        [], max_length=100, description="Symptom and warning-sign finding ids noticed today."
    )
    note: StrictStr = ""


class CheckInOut(Schema):
    id: int
    at: datetime
    pain: int | None
    findings: list[str]
    note: str


class CheckInResult(Schema):
    """The kept check-in and, when it reported a warning sign, the screening of it."""

    check_in: CheckInOut
    screening: ScreeningDocument | None
    pauses_plans: bool = Field(description="True when the person's plans are now paused.")


class CheckInPage(Page):
    items: list[CheckInOut]


def _check_in(c: CheckIn) -> dict[str, Any]:
    symptoms = c.symptoms if isinstance(c.symptoms, list) else []
    return {"id": c.pk, "at": c.at, "pain": c.pain, "findings": [str(f) for f in symptoms],
            "note": c.note}  # fmt: skip


@router.get("/me/check-ins", response=CheckInPage, operation_id="list_check_ins")
def list_check_ins(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    rows = owned(CheckIn, reader(request)).order_by("-at", "-id")
    return page(request, rows, query, _check_in)


@router.post("/me/check-ins", response={201: CheckInResult}, operation_id="add_check_in")
def add_check_in(request: HttpRequest, body: CheckInIn) -> Status[dict[str, Any]]:
    """Keep a check-in. A warning sign in it is screened with the person's latest answers,
    as on the page; when self-care is no longer advised, their plans pause."""
    owner = writer(request)
    kb = services.kb()
    kinds = {f: kb.findings[f].kind for f in body.findings if f in kb.findings}
    form = CheckInForm({
        "pain": _as_field(body.pain) or "",
        "symptoms": [f for f in body.findings if kinds.get(f) is not FindingKind.red_flag],
        "warning_signs": [f for f in body.findings if kinds.get(f) is FindingKind.red_flag],
        "note": body.note,
    })  # fmt: skip
    if not form.is_valid():
        raise _refuse(form)
    data = form.cleaned_data
    row, screening = diary.save_check_in(owner, data["pain"], form.findings(), data["note"])
    pauses = screening is not None and kb.tiers.of(screening.verdict).pauses_plans
    document = ScreeningDocument.of(screening, kb) if screening is not None else None
    return Status(201, {"check_in": _check_in(row), "screening": document, "pauses_plans": pauses})


@router.get("/me/check-ins/{id}", response=CheckInOut, operation_id="get_check_in")
def get_check_in(request: HttpRequest, id: Id) -> dict[str, Any]:
    return _check_in(get_owned(CheckIn, reader(request), id))


@router.delete("/me/check-ins/{id}", response={204: None}, operation_id="delete_check_in")
def delete_check_in(request: HttpRequest, id: Id) -> Status[None]:
    get_owned(CheckIn, writer(request), id).delete()
    return Status(204, None)


# --- outcome measures ----------------------------------------------------------------------------


class NprsIn(Schema):
    measure: Literal["nprs"]
    rating: StrictInt


class RmdqIn(Schema):
    """The 24 yes/no answers in item order, or the total from the person's own copy."""

    measure: Literal["rmdq"]
    answers: list[StrictBool] | None = Field(None, max_length=100)
    total: StrictInt | None = None


class OdiIn(Schema):
    """The 10 section scores from the person's own copy, null for a skipped section."""

    measure: Literal["odi"]
    sections: list[StrictInt | None] = Field(max_length=100)


class StartBackIn(Schema):
    """Items 1-8 agreed (true) or not, then item 9's choice (e.g. very_much)."""

    measure: Literal["startback"]
    answers: list[StrictBool | StrictStr] = Field(max_length=100)


class PsfsIn(Schema):
    """Up to five activities the person finds hard, each with a rating."""

    measure: Literal["psfs"]
    activities: list[tuple[Annotated[StrictStr, Field(max_length=80)], StrictInt]] = Field(
        max_length=100
    )


AnyMeasureIn = NprsIn | RmdqIn | OdiIn | StartBackIn | PsfsIn
MeasureIn = Annotated[AnyMeasureIn, Field(discriminator="measure")]


class MeasureOut(Schema):
    id: int
    at: datetime
    measure: str
    score: float
    band: str | None
    interpretation: str | None
    answers: dict[str, Any] = Field(description="The answers as kept (docs/api.md).")


class MeasurePage(Page):
    items: list[MeasureOut]


class MeasureQuery(PageQuery):
    measure: Literal["nprs", "rmdq", "odi", "startback", "psfs"] | None = None


def _measure(row: MeasureResult) -> dict[str, Any]:
    answers = row.answers if isinstance(row.answers, dict) else {}
    try:
        score = score_answers(row.measure, answers)
    except (OutcomeInputError, AttributeError, TypeError):
        score = None
    return {
        "id": row.pk,
        "at": row.at,
        "measure": row.measure,
        "score": row.score,
        "band": score.band if score else None,
        "interpretation": score.interpretation if score else None,
        "answers": answers,
    }


def _stored(body: AnyMeasureIn) -> dict[str, Any]:
    """The answers in the shape the diary keeps them (``diary.scoring``)."""
    data: dict[str, Any] = body.model_dump(exclude={"measure"}, exclude_none=True)
    if isinstance(body, PsfsIn):
        data["activities"] = [list(pair) for pair in body.activities]
    return data


@router.get("/me/measures", response=MeasurePage, operation_id="list_measures")
def list_measures(request: HttpRequest, query: Query[MeasureQuery]) -> dict[str, Any]:
    rows = owned(MeasureResult, reader(request)).order_by("-at", "-id")
    if query.measure is not None:
        rows = rows.filter(measure=query.measure)
    return page(request, rows, query, _measure)


@router.post("/me/measures", response={201: MeasureOut}, operation_id="add_measure")
def add_measure(request: HttpRequest, body: MeasureIn) -> Status[dict[str, Any]]:
    """Score an outcome measure with the core and keep it; answers it cannot score are a 422
    with the core's own sentence."""
    row, _ = diary.save_measure(writer(request), body.measure, _stored(body))
    return Status(201, _measure(row))


@router.get("/me/measures/{id}", response=MeasureOut, operation_id="get_measure")
def get_measure(request: HttpRequest, id: Id) -> dict[str, Any]:
    return _measure(get_owned(MeasureResult, reader(request), id))


@router.delete("/me/measures/{id}", response={204: None}, operation_id="delete_measure")
def delete_measure(request: HttpRequest, id: Id) -> Status[None]:
    get_owned(MeasureResult, writer(request), id).delete()
    return Status(204, None)
