"""The session engine (``SESSION_ENGINE``): Django's database sessions, in
``accounts.Session``, each row marked with its signed-in person."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

from unknot.web.accounts.models import Session


class SessionStore(DatabaseStore):
    @classmethod
    def get_model_class(cls) -> type[Session]:
        return Session

    def create_model_instance(self, data: dict[str, Any]) -> Session:
        instance = super().create_model_instance(data)
        assert isinstance(instance, Session)
        raw = data.get("_auth_user_id")
        text = str(raw) if isinstance(raw, str | int) else ""
        instance.user_pk = int(text) if text.isascii() and text.isdigit() else None
        return instance


def delete_sessions_of(user_pk: int) -> int:
    """Delete every session of one account (all its devices); the number deleted."""
    deleted, _ = Session.objects.filter(user_pk=user_pk).delete()
    return deleted
