"""Plain functions the views call: work out an answer, keep an assessment, keep a session.

They take explicit arguments (a user, a document), never a request, so a CLI command or an API
endpoint can call them the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache, cached_property
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from unknot.clinical.intake import Intake, IntakeError, parse_intake
from unknot.knowledge import KnowledgeBase, load_knowledge
from unknot.planning.answer import Answer, answer, answer_json
from unknot.planning.program import ProgramError, program_routine
from unknot.planning.schedule import weekly_schedule
from unknot.planning.timeline import Step, build_timeline, timeline_json
from unknot.web.accounts.models import User
from unknot.web.care.models import Assessment, SessionRecord
from unknot.web.care.player.forms import held_session
from unknot.web.practice.additions import CurrentProgram, additions


@cache
def kb() -> KnowledgeBase:
    return load_knowledge()


@dataclass(frozen=True)
class Evaluation:
    """An intake document and what the core makes of it; for a kept assessment, with what the
    person's practitioners added (``evaluate_kept``): their program, when it may be given."""

    document: Mapping[str, Any]
    intake: Intake
    answer: Answer
    program: CurrentProgram | None = None  # the practitioner's program the routine follows
    program_refused: tuple[str, ...] = ()  # why a practitioner's program is not followed now

    @property
    def verdict(self) -> str:
        return str(self.answer.assessment.screening.verdict)

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        """The guided session's steps; empty when there is no plan."""
        if self.answer.routine is None:
            return ()
        return build_timeline(self.answer.routine, kb())

    def answer_json(self) -> dict[str, Any]:
        return answer_json(self.answer, kb())

    def timeline_json(self) -> list[dict[str, Any]]:
        return timeline_json(self.steps)


def evaluate(document: Mapping[str, Any]) -> Evaluation:
    """Parse and answer an intake document. Raises ``IntakeError`` (with ``.messages``) when the
    document breaks the contract; a stored document that the knowledge base no longer accepts
    (an id was removed) raises the same way, and views show that as a message, not a crash."""
    intake = parse_intake(dict(document), kb(), today=timezone.localdate())
    return Evaluation(document=dict(document), intake=intake, answer=answer(intake, kb()))


def evaluate_kept(assessment: Assessment, *, with_program: bool = True) -> Evaluation:
    """Evaluate a kept assessment with what practitioners added for its owner: the clearances
    they recorded go into the intake as ``recorded_clearances`` (the person's own document never
    carries one: ``save_assessment`` drops it), and, when the verdict allows self-care, the
    current program replaces the planner's routine. A program the answers no longer allow (a
    new condition rules a technique out) is not followed: the planner's routine is, and
    ``program_refused`` says why. Raises ``IntakeError`` as ``evaluate`` does."""
    extra = additions(assessment.owner_id)
    document = dict(assessment.intake)
    if extra.clearances:
        document["recorded_clearances"] = [dict(c) for c in extra.clearances]
        # Answers dated by the person (with their own clearance) and examined later: the
        # examination saw what those answers say, so they are read as of its day.
        latest = max(str(c["examined_on"]) for c in extra.clearances)
        answered = document.get("answered_on")
        if isinstance(answered, str) and answered < latest:
            document["answered_on"] = latest
    evaluation = evaluate(document)
    program = extra.program if with_program else None
    if program is None or evaluation.answer.routine is None:
        return evaluation
    result = evaluation.answer
    try:
        routine = program_routine(program.entries, evaluation.intake, result.assessment, kb(),
                                  by=program.by)  # fmt: skip
    except ProgramError as exc:
        return replace(evaluation, program_refused=exc.messages)
    changed = Answer(result.assessment, routine, weekly_schedule(routine, kb()))
    return replace(evaluation, answer=changed, program=program)


def refresh_verdicts(owner_id: int) -> int:
    """Keep each of the person's assessments with the verdict it gets now, with what their
    practitioners recorded (a clearance lifts a see-clinician rule): the diary, the plan's start
    and the client list read the kept verdict. Returns how many changed."""
    changed = 0
    for kept in Assessment.objects.filter(owner_id=owner_id):
        try:
            verdict = evaluate_kept(kept, with_program=False).verdict
        except IntakeError:
            continue
        if verdict != kept.verdict:
            Assessment.objects.filter(pk=kept.pk).update(verdict=verdict)
            changed += 1
    return changed


def save_assessment(owner: User, document: Mapping[str, Any]) -> Assessment:
    """Keep an intake for ``owner`` with the verdict it gets now. An intake with a dated
    examination (``cleared_on``) is kept with the day of the answers (``answered_on``), so a
    later look at it judges the examination against that day, not the day it is looked at."""
    kept = dict(document)
    kept.pop("recorded_clearances", None)  # only a practitioner records one (evaluate_kept)
    if kept.get("cleared_on") and not kept.get("answered_on"):
        kept["answered_on"] = timezone.localdate().isoformat()
    evaluation = evaluate(kept)
    return Assessment.objects.create(owner=owner, intake=kept, verdict=evaluation.verdict)


SESSION_FIELDS = (
    "planned_steps", "done_steps", "seconds", "pain_before", "pain_after", "note", "client_id",
)  # fmt: skip


def record_session(
    owner: User, assessment: Assessment | None, data: Mapping[str, Any]
) -> SessionRecord:
    """Keep one guided session in the diary. ``data`` has been validated by ``SessionLogForm``
    (or comes from a guest's session, validated the same way when it was first posted).

    A log carrying a ``client_id`` that this person already sent is not kept twice: the first
    record is returned (a phone retrying after a lost reply, two taps on Save).
    """
    values = {k: data[k] for k in SESSION_FIELDS if k in data and data[k] is not None}
    at = data.get("at") or timezone.now()
    if isinstance(at, str):  # a guest's session, held as JSON
        at = datetime.fromisoformat(at)
    client_id = values.get("client_id")
    if client_id:
        earlier = SessionRecord.objects.filter(owner=owner, client_id=client_id).first()
        if earlier is not None:
            return earlier
    try:
        with transaction.atomic():
            return SessionRecord.objects.create(owner=owner, assessment=assessment, at=at, **values)
    except IntegrityError:  # the same log, sent twice at once: the other request kept it
        return SessionRecord.objects.get(owner=owner, client_id=client_id)


def latest_assessment(owner: User) -> Assessment | None:
    return Assessment.objects.filter(owner=owner).order_by("-created", "-id").first()


def paused_by(assessment: Assessment) -> Assessment | None:
    """The owner's newer assessment that pauses this plan, if any: when the latest answers
    (a later intake, or a check-in that reported a warning sign) no longer allow self-care, an
    older plan must not be played. None when this is the latest, or the latest allows it."""
    latest = latest_assessment(assessment.owner)
    if latest is None or latest.pk == assessment.pk:
        return None
    if not kb().tiers.of(latest.verdict).pauses_plans:
        return None
    return latest if (latest.created, latest.pk) > (assessment.created, assessment.pk) else None


@transaction.atomic
def claim_guest_work(
    owner: User, intake: Mapping[str, Any] | None, sessions: list[dict[str, Any]]
) -> Assessment | None:
    """Keep what a visitor did before signing up: their intake and the sessions they logged.

    An intake the knowledge base no longer accepts (an id removed since the visit) cannot be
    kept; the account is still made, and None says nothing was kept. Each held session is
    checked again as if posted now; one that no longer passes (held by an older version that
    let a year-1 date through, say) is left out rather than failing the sign-up.
    """
    if intake is None:
        return None
    try:
        assessment = save_assessment(owner, intake)
    except IntakeError:
        return None
    for data in sessions:
        checked = held_session(data)
        if checked is not None:
            record_session(owner, assessment, checked)
    return assessment
