"""What a visitor without an account has done, held in their (server-side) session until they
sign up and keep it, or leave and it expires."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.base import SessionBase

INTAKE = "unknot_intake"
SESSIONS = "unknot_guest_sessions"
MAX_SESSIONS = 50


def intake(session: SessionBase) -> dict[str, Any] | None:
    value = session.get(INTAKE)
    return value if isinstance(value, dict) else None


def set_intake(session: SessionBase, document: dict[str, Any]) -> None:
    session[INTAKE] = document
    session[SESSIONS] = []


def replace_intake(session: SessionBase, document: dict[str, Any]) -> None:
    """Change the visit's answers (another length of session, say), keeping its sessions."""
    session[INTAKE] = document


def sessions(session: SessionBase) -> list[dict[str, Any]]:
    value = session.get(SESSIONS)
    return list(value) if isinstance(value, list) else []


def add_session(session: SessionBase, data: dict[str, Any]) -> None:
    """Hold a logged session (JSON-safe values only) until the visitor signs up."""
    kept = sessions(session)[-(MAX_SESSIONS - 1) :]
    client_id = data.get("client_id")
    if client_id and any(s.get("client_id") == client_id for s in kept):
        return  # the same session sent twice
    kept.append(data)
    session[SESSIONS] = kept


def take(session: SessionBase) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """Remove and return the visitor's intake and sessions (at sign-up)."""
    found = intake(session), sessions(session)
    session.pop(INTAKE, None)
    session.pop(SESSIONS, None)
    return found
