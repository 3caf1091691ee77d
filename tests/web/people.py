"""The people web tests act as: a signed-in person's client, and a visitor holding an intake."""

from __future__ import annotations

from typing import Any

from django.test import Client

from unknot.web.accounts.models import User
from unknot.web.care import guest


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def visitor_with(document: dict[str, Any]) -> Client:
    """A visitor whose session holds ``document`` as their intake (as after the wizard)."""
    client = Client()
    session = client.session
    guest.set_intake(session, document)
    session.save()
    return client
