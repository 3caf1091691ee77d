"""Practitioner endpoints of the API (``/api/v1/practice/...``): the client list, and a client's
program, read and written. Through the same access layer as the pages (``access.client_link``:
404 unless the client's consent is in force, every read in the client's audit log) and the
same services (``practice.clients``, ``practice.programs``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from unknot.planning.program import NOTE_LENGTH, ProgramEntry, suggested_entries
from unknot.web.api.auth import PERSON, reader, writer
from unknot.web.api.paging import Page, PageQuery, page
from unknot.web.care.access import client_link, live_links
from unknot.web.practice import clients, programs
from unknot.web.practice.builder import MAX_ENTRIES, PROGRAM_NOTE_LENGTH
from unknot.web.practice.clients import ClientSummary

router = Router(tags=["practice"], auth=PERSON)
Id = Annotated[int, Path(ge=1, le=2**62)]


class MeasureLine(Schema):
    measure: str
    latest: float
    change: str | None = Field(description="The change since the first score, in plain words.")


class ClientOut(Schema):
    id: int = Field(description="The link's id: the client's consent to share with you.")
    email: str
    since: datetime
    scopes: list[str]
    warnings: list[str] = Field(description="Warning signs, newest first: look at these first.")
    last_session: datetime | None
    days_this_week: int | None
    sessions_per_week: int | None
    pain: float | None
    pain_change: str | None
    measures: list[MeasureLine]


class ClientPage(Page):
    items: list[ClientOut]


def _client(row: ClientSummary) -> dict[str, Any]:
    pain = row.pain
    return {
        "id": row.link.pk, "email": row.client.email, "since": row.link.created,
        "scopes": list(row.link.scopes), "warnings": [w.what for w in row.warnings],
        "last_session": row.last_session,
        "days_this_week": row.adherence.this_week.days if row.adherence else None,
        "sessions_per_week": row.per_week,
        "pain": pain.latest[1] if pain else None,
        "pain_change": pain.change.sentence if pain and pain.change else None,
        "measures": [
            {"measure": m.measure.id, "latest": m.last[1],
             "change": m.change.sentence if m.change else None}
            for m in row.measures
        ],
    }  # fmt: skip


@router.get("/practice/clients", response=ClientPage, operation_id="list_clients")
def list_clients(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """Your clients, those with a warning sign first. Empty for someone with no clients."""
    user = reader(request)
    if not live_links(user).exists():
        return page(request, [], query, _client)
    rows = clients.client_list(user, timezone.localdate())
    return page(request, rows, query, _client)


class EntryIO(Schema):
    technique: str = Field(max_length=80)
    sides: list[str] = Field(
        default_factory=list,
        max_length=2,
        description="left and right in turn, one of them, or [] for both at once.",
    )
    dose: dict[str, float] = Field(
        default_factory=dict, description="Figures changed from the written dose."
    )
    note: str = Field("", max_length=NOTE_LENGTH)


class ProgramIn(Schema):
    entries: list[EntryIO] = Field(min_length=1, max_length=MAX_ENTRIES)
    note: str = Field("", max_length=PROGRAM_NOTE_LENGTH)


class ProgramOut(Schema):
    version: int | None = Field(description="null: no program yet; entries are the suggestion.")
    by: str
    note: str
    updated: datetime | None
    entries: list[EntryIO]


def _entry(e: ProgramEntry) -> dict[str, Any]:
    return {"technique": e.technique, "sides": list(e.sides), "dose": dict(e.dose),
            "note": e.note}  # fmt: skip


def _program_out(link: Any) -> dict[str, Any]:
    current = programs.current_for(link)
    if current is not None:
        entries = [_entry(e) for e in current.entries]
        return {"version": current.version, "by": current.by, "note": current.note,
                "updated": current.updated, "entries": entries}  # fmt: skip
    found = programs.client_evaluation(link)
    routine = found[1].answer.routine if found else None
    return {"version": None, "by": link.practitioner.name, "note": "", "updated": None,
            "entries": [_entry(e) for e in suggested_entries(routine)]}  # fmt: skip


@router.get("/practice/clients/{id}/program", response=ProgramOut, operation_id="get_program")
def get_program(request: HttpRequest, id: Id) -> dict[str, Any]:
    """Your current program for this client, or the planner's suggestion when there is none."""
    return _program_out(client_link(reader(request), id, "program"))


@router.put("/practice/clients/{id}/program", response=ProgramOut, operation_id="put_program")
def put_program(request: HttpRequest, id: Id, body: ProgramIn) -> dict[str, Any]:
    """Save a new version of your program for this client. A technique their answers rule out,
    or a dose out of range, is refused (422) with the reason; a warning sign means no program."""
    user = writer(request)
    link = client_link(user, id, "program", change=True)
    entries = [ProgramEntry(e.technique, tuple(e.sides), e.dose, e.note) for e in body.entries]
    programs.save_program(link, user, entries, body.note)
    return _program_out(link)
