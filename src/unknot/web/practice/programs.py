"""Programs and clearances: what practitioners add to a client's own answers.

``additions`` is what ``care.services.evaluate_kept`` asks for when it evaluates a client's stored
intake: the clearances practitioners recorded (put into the intake as ``recorded_clearances``;
never taken from the person's own document) and the current program of a practitioner the client
is linked to. Saving a program checks it with the core (``planning.program``) against the
client's latest answers and keeps it as a new version: who, what, when.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from unknot.clinical.intake import IntakeError
from unknot.knowledge.models import ClearedBy, RedFlagRule
from unknot.planning.program import ProgramEntry, ProgramError, check_program
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.access import shared
from unknot.web.care.diary.scoring import score_answers
from unknot.web.care.models import Assessment, MeasureResult
from unknot.web.practice import audit
from unknot.web.practice.additions import CurrentProgram
from unknot.web.practice.models import (
    Link,
    Practitioner,
    Program,
    ProgramVersion,
    RecordedClearance,
)


def program_for(link: Link) -> Program | None:
    return Program.objects.filter(practitioner_id=link.practitioner_id,
                                  client_id=link.client_id).first()  # fmt: skip


def current_for(link: Link) -> CurrentProgram | None:
    """This practitioner's program for this client, as the client sees it."""
    program = program_for(link)
    version = program.versions.order_by("-number").first() if program else None
    if version is None:
        return None
    return CurrentProgram(
        by=link.practitioner.name, practice=link.practitioner.practice_name,
        entries=tuple(ProgramEntry.from_json(e) for e in version.entries), note=version.note,
        version=version.number, updated=version.created,
    )  # fmt: skip


def history(link: Link) -> list[ProgramVersion]:
    program = program_for(link)
    if program is None:
        return []
    return list(program.versions.select_related("author").order_by("-number"))


def latest_assessment(link: Link) -> Assessment | None:
    """The client's latest answers, when they share their plan with this practitioner."""
    return shared(Assessment, link).order_by("-created", "-id").first()


def client_evaluation(link: Link) -> tuple[Assessment, services.Evaluation] | None:
    """The client's latest answers as the core reads them today, with recorded clearances
    but without any program (the planner's own suggestion); None without usable answers."""
    latest = latest_assessment(link)
    if latest is None:
        return None
    try:
        return latest, services.evaluate_kept(latest, with_program=False)
    except IntakeError:
        return None


def describe_change(old: Sequence[ProgramEntry], new: Sequence[ProgramEntry]) -> str:
    """What changed between two versions, in a few words."""
    before, after = [e.technique for e in old], [e.technique for e in new]
    parts = []
    added = [t for t in after if t not in before]
    removed = [t for t in before if t not in after]
    if added:
        parts.append("added " + ", ".join(added))
    if removed:
        parts.append("removed " + ", ".join(removed))
    kept = [t for t in after if t in before]
    if kept != [t for t in before if t in after]:
        parts.append("reordered")
    old_by = {e.technique: e for e in old}
    changed = [e.technique for e in new if e.technique in old_by and e != old_by[e.technique]]
    if changed:
        parts.append("changed " + ", ".join(changed))
    return "; ".join(parts) or "program note"


@transaction.atomic
def save_program(
    link: Link, author: User, entries: Sequence[ProgramEntry], note: str
) -> ProgramVersion:
    """Check ``entries`` against the client's latest answers and keep them as the program's next
    version. Raises ``ProgramError`` (with every reason) when any entry may not be given, and
    when there are no usable answers or they carry a warning sign (no program at all then)."""
    found = client_evaluation(link)
    if found is None:
        raise ProgramError(["The client has no usable answers yet: ask them to do the intake."])
    latest, evaluation = found
    check_program(entries, evaluation.intake, evaluation.answer.assessment, services.kb())
    program, _ = Program.objects.select_for_update().get_or_create(
        practitioner_id=link.practitioner_id, client_id=link.client_id
    )
    previous = program.versions.order_by("-number").first()
    old = [ProgramEntry.from_json(e) for e in previous.entries] if previous else []
    change = describe_change(old, entries) if previous else "first version"
    if previous is not None and previous.note != note and change == "program note":
        change = "program note"
    number = (program.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ProgramVersion.objects.create(
        program=program, number=number, entries=[e.as_json() for e in entries], note=note,
        change=change, author=author, assessment=latest,
    )  # fmt: skip
    program.updated = timezone.now()
    program.save(update_fields=["updated"])
    audit.record(link, author, audit.CHANGE, f"program, version {number}: {change}")
    return version


# --- clearances ---------------------------------------------------------------------------------


def clearable_rules() -> list[RedFlagRule]:
    """The red-flag rules a clinician's recorded examination may lift (red_flags.yaml)."""
    return [
        r for r in services.kb().red_flags.values()
        if r.clearance is not None and r.clearance.by is ClearedBy.clinician_record
    ]  # fmt: skip


def may_record(practitioner: Practitioner) -> tuple[bool, str]:
    """Whether this practitioner's profession may record a clearance, and why (or why not)."""
    profession = services.kb().professions.get(practitioner.profession)
    if profession is None:
        return False, "unknot does not know this profession."
    return profession.records_clearance, profession.why


def record_clearance(link: Link, author: User, rules: Sequence[str],
                     examined_on: date) -> RecordedClearance:  # fmt: skip
    """Keep a dated clearance for the client. Raises ``ProgramError`` when the profession may
    not record one, a rule is not one a recorded examination may lift, or the date is ahead."""
    practitioner = link.practitioner
    allowed, why = may_record(practitioner)
    if not allowed:
        raise ProgramError([f"Your profession may not record a clearance: {why}"])
    known = {r.id for r in clearable_rules()}
    wrong = [r for r in rules if r not in known]
    if not rules or wrong:
        raise ProgramError(["Choose the warning signs your examination settled, from the list."])
    if examined_on > timezone.localdate():
        raise ProgramError(["The examination cannot be in the future."])
    row = RecordedClearance.objects.create(
        client_id=link.client_id, practitioner=practitioner, by=practitioner.name,
        profession=practitioner.profession, rules=list(dict.fromkeys(rules)),
        examined_on=examined_on,
    )  # fmt: skip
    audit.record(link, author, audit.CHANGE, f"clearance of {', '.join(row.rules)}")
    services.refresh_verdicts(link.client_id)
    return row


def clearances_for(client_id: int) -> list[RecordedClearance]:
    """The clearances recorded for a client, oldest examination first."""
    return list(RecordedClearance.objects.filter(client_id=client_id).order_by("examined_on", "id"))


# --- measures -----------------------------------------------------------------------------------


def record_measure(link: Link, author: User, measure_id: str,
                   answers: Mapping[str, Any]) -> MeasureResult:  # fmt: skip
    """Score ``answers`` with the core and keep them in the client's diary, marked as entered
    by ``author`` (the Oswestry from the clinic's licensed form, say). Raises
    ``OutcomeInputError`` on answers the measure cannot score."""
    score = score_answers(measure_id, answers)
    row = MeasureResult.objects.create(
        owner_id=link.client_id, measure=measure_id, answers=dict(answers),
        score=float(score.value), recorded_by=author,
    )  # fmt: skip
    audit.record(link, author, audit.CHANGE, f"measure {measure_id} {score.value:g}")
    return row
