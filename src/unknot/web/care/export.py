"""Everything a person has kept, as one JSON document or one CSV table.

The JSON keeps each record whole (the intake as the INTAKE.md document); the CSV has one row per
diary record, for a spreadsheet. Both are built from ``access.owned`` queries only, and both can
be written piece by piece (``export_json``, ``export_csv_rows``) so that a long diary streams
with bounded memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from unknot.web.accounts.models import User
from unknot.web.care.access import owned
from unknot.web.care.models import Assessment, CheckIn, MeasureResult, SessionRecord
from unknot.web.practice.exports import practice_export

FORMAT = "unknot-export/1"
CSV_COLUMNS = (
    "record", "id", "at", "verdict", "pain_before", "pain_after", "pain",
    "planned_steps", "done_steps", "seconds", "measure", "score", "symptoms", "note", "details",
)  # fmt: skip


def _when(value: datetime) -> str:
    return value.isoformat()


CHUNK = 2000  # rows read from the database at a time


def _assessment(a: Assessment) -> dict[str, Any]:
    return {"id": a.pk, "created": _when(a.created), "verdict": a.verdict, "intake": a.intake}


def _session(s: SessionRecord) -> dict[str, Any]:
    return {"id": s.pk, "at": _when(s.at), "assessment": s.assessment_id,
            "planned_steps": s.planned_steps, "done_steps": s.done_steps, "seconds": s.seconds,
            "pain_before": s.pain_before, "pain_after": s.pain_after, "note": s.note}  # fmt: skip


def _check_in(c: CheckIn) -> dict[str, Any]:
    return {"id": c.pk, "at": _when(c.at), "pain": c.pain, "symptoms": c.symptoms, "note": c.note}


def _measure(m: MeasureResult) -> dict[str, Any]:
    return {"id": m.pk, "at": _when(m.at), "measure": m.measure, "score": m.score,
            "answers": m.answers}  # fmt: skip


def _records(user: User) -> dict[str, Iterator[dict[str, Any]]]:
    """Each kind of record, oldest first, read ``CHUNK`` rows at a time (never all at once)."""

    def rows(model: Any, order: str, shape: Any) -> Iterator[dict[str, Any]]:
        return (shape(r) for r in owned(model, user).order_by(order, "id").iterator(CHUNK))

    return {
        "assessments": rows(Assessment, "created", _assessment),
        "sessions": rows(SessionRecord, "at", _session),
        "check_ins": rows(CheckIn, "at", _check_in),
        "measures": rows(MeasureResult, "at", _measure),
    }


def export_document(user: User) -> dict[str, Any]:
    """All of ``user``'s records, oldest first within each kind."""
    head: dict[str, Any] = {
        "format": FORMAT,
        "account": {"email": user.email, "joined": _when(user.date_joined)},
    }
    records = {kind: list(rows) for kind, rows in _records(user).items()}
    return head | records | {"practitioners": practice_export(user)}


def export_json(user: User) -> Iterator[str]:
    """``export_document`` as indented JSON text, the same text ``json.dumps(..., indent=2,
    ensure_ascii=False)`` gives, written piece by piece: memory stays bounded however long the
    diary."""

    def dumps(value: Any, depth: int) -> str:
        text = json.dumps(value, indent=2, ensure_ascii=False)
        return text.replace("\n", "\n" + "  " * depth)

    yield "{\n"
    yield f'  "format": {dumps(FORMAT, 1)},\n'
    account = {"email": user.email, "joined": _when(user.date_joined)}
    yield f'  "account": {dumps(account, 1)},\n'
    for kind, rows in _records(user).items():
        yield f'  "{kind}": ['
        first = True
        for row in rows:
            yield ("\n" if first else ",\n") + "    " + dumps(row, 2)
            first = False
        yield "]" if first else "\n  ]"
        yield ",\n"
    yield f'  "practitioners": {dumps(practice_export(user), 1)}\n'
    yield "}"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return) gets a leading apostrophe, which spreadsheets show as
    text. Numbers and empty cells are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(user: User) -> str:
    """One row per record, columns ``CSV_COLUMNS``; empty cells where a column does not apply.
    Every text cell passes ``spreadsheet_safe``."""
    return "".join(export_csv_rows(user))


def export_csv_rows(user: User) -> Iterator[str]:
    """``export_csv`` a few rows at a time, for a streamed download with bounded memory."""
    out = io.StringIO()
    writer: csv.DictWriter[str] = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()

    def flush() -> str:
        text = out.getvalue()
        out.seek(0)
        out.truncate()
        return text

    def write(row: dict[str, Any]) -> None:
        writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})

    records = _records(user)
    shapes: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
        "assessments": lambda a: {"record": "assessment", "id": a["id"], "at": a["created"],
                                  "verdict": a["verdict"], "details": json.dumps(a["intake"])},
        "sessions": lambda s: {"record": "session", **s},
        "check_ins": lambda c: {"record": "check_in", **c, "symptoms": " ".join(c["symptoms"])},
        "measures": lambda m: {"record": "measure", **m, "details": json.dumps(m["answers"])},
    }  # fmt: skip
    for kind, shape in shapes.items():
        for count, row in enumerate(records[kind], start=1):
            write(shape(row))
            if count % 500 == 0:
                yield flush()
    yield flush()
