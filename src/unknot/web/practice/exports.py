"""What practitioner mode adds to a person's JSON export: who they shared with, the programs and
clearances practitioners gave them, and the audit log of every read and change."""

from __future__ import annotations

from typing import Any

from unknot.web.accounts.models import User
from unknot.web.practice.audit import log_json
from unknot.web.practice.models import Link, Program, RecordedClearance


def practice_export(user: User) -> dict[str, Any]:
    links = Link.objects.filter(client=user).select_related("practitioner").order_by("created")
    programs = Program.objects.filter(client=user).select_related("practitioner")
    return {
        "links": [
            {"practitioner": link.practitioner.name, "scopes": list(link.scopes),
             "since": link.created.isoformat(),
             "revoked": link.revoked.isoformat() if link.revoked else None}
            for link in links
        ],
        "programs": [
            {"by": p.practitioner.name, "versions": [
                {"number": v.number, "at": v.created.isoformat(), "entries": v.entries,
                 "note": v.note, "change": v.change}
                for v in p.versions.order_by("number")
            ]}
            for p in programs
        ],
        "clearances": [
            {"by": c.by, "profession": c.profession, "rules": list(c.rules),
             "examined_on": c.examined_on.isoformat(), "recorded": c.created.isoformat()}
            for c in RecordedClearance.objects.filter(client=user).order_by("created")
        ],
        "audit": log_json(user),
    }  # fmt: skip
