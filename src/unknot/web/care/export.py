"""Everything a person has kept, as one JSON document or one CSV table.

The JSON keeps each record whole (the intake as the INTAKE.md document); the CSV has one row per
diary record, for a spreadsheet. Both are built from ``access.owned`` queries only.
"""

from __future__ import annotations

import csv
import io
import json
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


def export_document(user: User) -> dict[str, Any]:
    """All of ``user``'s records, oldest first within each kind."""
    return {
        "format": FORMAT,
        "account": {"email": user.email, "joined": _when(user.date_joined)},
        "assessments": [
            {"id": a.pk, "created": _when(a.created), "verdict": a.verdict, "intake": a.intake}
            for a in owned(Assessment, user).order_by("created", "id")
        ],
        "sessions": [
            {
                "id": s.pk,
                "at": _when(s.at),
                "assessment": s.assessment_id,
                "planned_steps": s.planned_steps,
                "done_steps": s.done_steps,
                "seconds": s.seconds,
                "pain_before": s.pain_before,
                "pain_after": s.pain_after,
                "note": s.note,
            }
            for s in owned(SessionRecord, user).order_by("at", "id")
        ],
        "check_ins": [
            {"id": c.pk, "at": _when(c.at), "pain": c.pain, "symptoms": c.symptoms, "note": c.note}
            for c in owned(CheckIn, user).order_by("at", "id")
        ],
        "measures": [
            {"id": m.pk, "at": _when(m.at), "measure": m.measure, "score": m.score,
             "answers": m.answers}
            for m in owned(MeasureResult, user).order_by("at", "id")
        ],
        "practitioners": practice_export(user),
    }  # fmt: skip


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
    doc = export_document(user)
    out = io.StringIO()
    writer: csv.DictWriter[str] = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()

    def write(row: dict[str, Any]) -> None:
        writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})

    for a in doc["assessments"]:
        write({"record": "assessment", "id": a["id"], "at": a["created"],
               "verdict": a["verdict"], "details": json.dumps(a["intake"])})  # fmt: skip
    for s in doc["sessions"]:
        write({"record": "session", **s})
    for c in doc["check_ins"]:
        write({"record": "check_in", **c, "symptoms": " ".join(c["symptoms"])})
    for m in doc["measures"]:
        write({"record": "measure", **m, "details": json.dumps(m["answers"])})
    return out.getvalue()
