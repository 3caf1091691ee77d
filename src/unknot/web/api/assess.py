"""``POST /assess``: an intake in, the answer out, exactly as ``unknot assess --json`` gives it.

Stateless: nothing is kept, no account is needed (throttled by address). The intake is read as
the core reads it (``parse_intake``), so a refusal carries the same plain sentences as the
command line and the pages, and the answer is the core's, screening first: a warning sign never
reaches a plan. An intake sent to the API may not carry ``recorded_clearances``: only a
practitioner records those, in practitioner mode (a clearance one records oneself is not one).
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from unknot.clinical.intake import IntakeError, parse_intake
from unknot.planning import AnswerDocument, answer, answer_document
from unknot.web.care import services

router = Router(tags=["assess"])
# set only by practitioner mode: a clearance someone records for themselves is not one
PRACTITIONER_ONLY = frozenset({"recorded_clearances"})
# operation id -> the intake is its request body (main.py puts the schema in)
INTAKE_BODY = {"assess", "create_assessment"}


def read_intake(request: HttpRequest) -> dict[str, Any]:
    """The request's body as a JSON object, or the problem that says why it is not one."""
    limit = services.kb().intake_limits.document_bytes
    if len(request.body) > limit:
        raise HttpError(413, f"An intake is at most {limit // 1024} KB.")
    if request.content_type not in ("application/json", ""):
        raise HttpError(400, "Send the intake as JSON (Content-Type: application/json).")
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, RecursionError):
        raise HttpError(400, "The body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise HttpError(400, "An intake is a JSON object with at least 'age' and 'pain'.")
    if PRACTITIONER_ONLY & data.keys():
        raise IntakeError([
            "recorded_clearances are added by a practitioner in unknot, never sent with an "
            "intake: ask the person's practitioner to record the examination"
        ])  # fmt: skip
    return data


@router.post("/assess", response=AnswerDocument, by_alias=True, operation_id="assess")
def assess(request: HttpRequest) -> AnswerDocument:
    """Screen an intake, rank the muscles and plan, as the command line does. The intake's
    schema is ``docs/schema/intake.schema.json``; the answer's ``answer.schema.json``."""
    kb = services.kb()
    intake = parse_intake(read_intake(request), kb, today=timezone.localdate())
    return answer_document(answer(intake, kb), kb)
