"""What practitioners add to a client's own answers, read when the client's intake is evaluated
(``care.services.evaluate_kept``): the clearances they recorded, given to the core as
``recorded_clearances``, and the program of a practitioner the client is linked to now.
Imports no service module, so ``care.services`` can import it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from unknot.planning.program import ProgramEntry
from unknot.web.practice.models import Link, ProgramVersion, RecordedClearance


@dataclass(frozen=True)
class CurrentProgram:
    """The program a client follows now, as every face shows it."""

    by: str  # the practitioner's name
    practice: str
    entries: tuple[ProgramEntry, ...]
    note: str
    version: int
    updated: datetime


@dataclass(frozen=True)
class Additions:
    clearances: tuple[dict[str, Any], ...]  # as ``Intake.recorded_clearances`` reads them
    program: CurrentProgram | None


def clearances_json(client_id: int) -> tuple[dict[str, Any], ...]:
    rows = RecordedClearance.objects.filter(client_id=client_id).order_by("examined_on", "id")
    return tuple(
        {
            "rules": list(r.rules),
            "examined_on": r.examined_on.isoformat(),
            "profession": r.profession,
            "by": r.by,
        }
        for r in rows
    )


def current_program(client_id: int) -> CurrentProgram | None:
    """The latest version of the latest-changed program of a practitioner the client is linked
    to now (a revoked link's program is no longer followed). One query."""
    live = Link.objects.filter(client_id=client_id, revoked__isnull=True).values("practitioner")
    version = (
        ProgramVersion.objects.filter(
            program__client_id=client_id, program__practitioner_id__in=live
        )
        .select_related("program__practitioner")
        .order_by("-program__updated", "-program_id", "-number")
        .first()
    )
    if version is None:
        return None
    practitioner = version.program.practitioner
    return CurrentProgram(
        by=practitioner.name,
        practice=practitioner.practice_name,
        entries=tuple(ProgramEntry.from_json(e) for e in version.entries),
        note=version.note,
        version=version.number,
        updated=version.created,
    )


def additions(client_id: int) -> Additions:
    """Two queries: the clearances, and the current program."""
    return Additions(clearances_json(client_id), current_program(client_id))
