"""Plain functions the views call: work out an answer, keep an assessment, keep a session.

They take explicit arguments (a user, a document), never a request, so a CLI command or an API
endpoint can call them the same way.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache, cached_property
from pathlib import Path
from threading import Lock
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
from unknot.web.practice.additions import Additions, CurrentProgram, additions


@cache
def kb() -> KnowledgeBase:
    return load_knowledge()


@cache
def core_version(kb_version: str) -> str:
    """What an answer is worked out with: the knowledge base's version and the core's code
    (knowledge, clinical, planning). A kept answer made with another is worked out again."""
    import unknot.clinical
    import unknot.knowledge
    import unknot.planning

    digest = hashlib.sha256(kb_version.encode())
    for package in (unknot.knowledge, unknot.clinical, unknot.planning):
        for path in sorted(Path(str(package.__file__)).parent.glob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def intake_digest(document: Mapping[str, Any]) -> str:
    """The same digest for the same answers, whatever the order of their keys."""
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def answer_key(document: Mapping[str, Any], knowledge: KnowledgeBase, today: date) -> str:
    """Everything an answer depends on, as one key: the intake, the knowledge base and the core's
    code, and the day the answers count as given (today, unless the intake says its day)."""
    day = document.get("answered_on") or today.isoformat()
    return f"{core_version(knowledge.version)}:{intake_digest(document)}:{day}"


@dataclass(frozen=True)
class Evaluation:
    """An intake document and what the core makes of it; for a kept assessment, with what the
    person's practitioners added (``evaluate_kept``): their program, when it may be given."""

    document: Mapping[str, Any]
    intake: Intake
    answer: Answer
    program: CurrentProgram | None = None  # the practitioner's program the routine follows
    program_refused: tuple[str, ...] = ()  # why a practitioner's program is not followed now

    @cached_property
    def additions_key(self) -> str:
        """What the practitioners added beyond the intake (their recorded clearances are in
        ``document``): the program followed, or why it is not. Pages kept per answer
        (``intake.kept``) add it to their key, so a new program version is never missed."""
        if self.program is None and not self.program_refused:
            return ""
        said = repr((self.program, self.program_refused))
        return hashlib.sha256(said.encode()).hexdigest()[:24]

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

    @cached_property
    def _timeline(self) -> tuple[dict[str, Any], ...]:
        return tuple(timeline_json(self.steps))

    def timeline_json(self) -> list[dict[str, Any]]:
        """The steps as JSON values, worked out once per answer (read them, do not change them:
        the answer is kept for other requests)."""
        return list(self._timeline)


class _Answers:
    """The answers worked out in this process, newest kept, by ``answer_key``: a results page,
    its player and its diary ask for the same intake's answer again and again. A key names
    every input, so a changed intake, knowledge base or core never meets an old answer."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.kept: OrderedDict[str, Evaluation] = OrderedDict()
        self.lock = Lock()

    def get(self, key: str) -> Evaluation | None:
        with self.lock:
            found = self.kept.get(key)
            if found is not None:
                self.kept.move_to_end(key)
            return found

    def put(self, key: str, evaluation: Evaluation) -> None:
        with self.lock:
            self.kept[key] = evaluation
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.kept.clear()


ANSWERS = _Answers(size=512)


def evaluate(
    document: Mapping[str, Any], *, knowledge: KnowledgeBase | None = None, fresh: bool = False
) -> Evaluation:
    """Parse and answer an intake document. Raises ``IntakeError`` (with ``.messages``) when the
    document breaks the contract; a stored document that the knowledge base no longer accepts
    (an id was removed) raises the same way, and views show that as a message, not a crash.

    The answer for the same ``answer_key`` is worked out once per process and kept;
    ``fresh=True`` works it out again whatever is kept (a new intake is always screened).
    """
    knowledge = knowledge or kb()
    today = timezone.localdate()
    key = answer_key(document, knowledge, today)
    if not fresh:
        found = ANSWERS.get(key)
        if found is not None:
            return found
    kept = copy.deepcopy(dict(document))
    intake = parse_intake(dict(kept), knowledge, today=today)
    evaluation = Evaluation(document=kept, intake=intake, answer=answer(intake, knowledge))
    ANSWERS.put(key, evaluation)
    return evaluation


def _kept_document(assessment: Assessment) -> tuple[dict[str, Any], Additions]:
    """The kept intake with what practitioners added for its owner: the clearances they
    recorded, as ``recorded_clearances`` (the person's own document never carries one:
    ``save_assessment`` drops it)."""
    extra = additions(assessment.owner_id)
    document = dict(assessment.intake)
    clearances = extra.clearances
    if assessment.from_check_in:  # a sign new at a check-in: only a later examination saw it
        since = timezone.localtime(assessment.created).date().isoformat()
        clearances = tuple(c for c in clearances if str(c["examined_on"]) >= since)
    if clearances:
        document["recorded_clearances"] = [dict(c) for c in clearances]
        # Answers dated by the person (with their own clearance) and examined later: the
        # examination saw what those answers say, so they are read as of its day.
        latest = max(str(c["examined_on"]) for c in clearances)
        answered = document.get("answered_on")
        if isinstance(answered, str) and answered < latest:
            document["answered_on"] = latest
    return document, extra


def _keep_answer(kept: Assessment, document: Mapping[str, Any], evaluation: Evaluation) -> None:
    """Keep the verdict and the answer with the assessment, with the key they were worked out
    with (``answer_key``: the intake with the clearances, the knowledge base, the core, the
    day). When any of them changed since, both are kept anew, so the verdict that pauses older
    plans (``paused_by``), the diary and the client list always follow the current rules."""
    key = answer_key(document, kb(), timezone.localdate())
    if kept.answer_key != key:
        kept.verdict, kept.answer_key = evaluation.verdict, key
        kept.answer = evaluation.answer_json()
        Assessment.objects.filter(pk=kept.pk).update(
            verdict=kept.verdict, answer=kept.answer, answer_key=key
        )


def evaluate_kept(assessment: Assessment, *, with_program: bool = True) -> Evaluation:
    """Evaluate a kept assessment with what practitioners added for its owner
    (``_kept_document``), keeping its verdict and answer up to date (``_keep_answer``), and,
    when the verdict allows self-care, with the current program in place of the planner's
    routine. A program the answers no longer allow (a new condition rules a technique out) is
    not followed: the planner's routine is, and ``program_refused`` says why. Raises
    ``IntakeError`` as ``evaluate`` does."""
    document, extra = _kept_document(assessment)
    evaluation = evaluate(document)
    _keep_answer(assessment, document, evaluation)
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
        before = kept.verdict
        with contextlib.suppress(IntakeError):
            evaluate_kept(kept, with_program=False)
        changed += kept.verdict != before
    return changed


def save_assessment(
    owner: User, document: Mapping[str, Any], *, from_check_in: bool = False
) -> Assessment:
    """Keep an intake for ``owner`` with the verdict it gets now. An intake with a dated
    examination (``cleared_on``) is kept with the day of the answers (``answered_on``), so a
    later look at it judges the examination against that day, not the day it is looked at."""
    kept = dict(document)
    kept.pop("recorded_clearances", None)  # only a practitioner records one (evaluate_kept)
    if kept.get("cleared_on") and not kept.get("answered_on"):
        kept["answered_on"] = timezone.localdate().isoformat()
    evaluation = evaluate(kept, fresh=True)  # a new intake is always screened anew
    return Assessment.objects.create(
        owner=owner, intake=kept, verdict=evaluation.verdict, answer=evaluation.answer_json(),
        answer_key=answer_key(kept, kb(), timezone.localdate()), from_check_in=from_check_in,
    )  # fmt: skip


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


def latest_assessment(owner: User | int) -> Assessment | None:
    """The person's latest assessment (``owner`` a user or their id)."""
    # the kept answer document is not needed to know which is latest: not read, not decoded
    owner_id = owner if isinstance(owner, int) else owner.pk
    latest = Assessment.objects.filter(owner_id=owner_id).defer("answer")
    return latest.order_by("-created", "-id").first()


def paused_by(assessment: Assessment) -> Assessment | None:
    """The owner's newer assessment that pauses this plan, if any: when the latest answers
    (a later intake, or a check-in that reported a warning sign) no longer allow self-care, an
    older plan must not be played. None when this is the latest, or the latest allows it."""
    latest = latest_assessment(assessment.owner_id)  # the id: no query for the person
    if latest is None or latest.pk == assessment.pk:
        return None
    with contextlib.suppress(IntakeError):  # its verdict by the current rules (evaluate_kept)
        evaluate_kept(latest, with_program=False)
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
