"""The audit log: every read or change a practitioner makes of a client's data, for the client.

Written by ``care.access`` (every read through it) and by ``practice.services`` (every change);
read by the client on their practitioners page and in their export.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from unknot.web.practice.models import AuditEntry, Link

READ = AuditEntry.READ
CHANGE = AuditEntry.CHANGE


def record(link: Link, actor: AbstractBaseUser | AnonymousUser, action: str, what: str) -> None:
    """Write one entry in ``link``'s client's log: ``actor`` (the practitioner) did ``action``
    (``READ`` or ``CHANGE``) to ``what`` (a few words: "program", "session 12")."""
    AuditEntry.objects.create(
        client_id=link.client_id,
        actor_id=actor.pk,
        actor_name=link.practitioner.name,
        action=action,
        what=what[:300],
    )


def log_of(client: AbstractBaseUser) -> QuerySet[AuditEntry]:
    """The client's whole log, newest first."""
    return AuditEntry.objects.filter(client_id=client.pk).order_by("-at", "-id")


def log_json(client: AbstractBaseUser) -> list[dict[str, Any]]:
    """The log as the account's JSON export gives it."""
    return [
        {"at": e.at.isoformat(), "who": e.actor_name, "action": e.action, "what": e.what}
        for e in log_of(client)
    ]
