"""Account actions as plain functions: sign up (keeping a visitor's work), delete everything."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from unknot.web.accounts.models import LoginFailure, User
from unknot.web.care.models import Assessment
from unknot.web.care.services import claim_guest_work


@transaction.atomic
def sign_up(
    email: str,
    password: str,
    guest_intake: dict[str, Any] | None = None,
    guest_sessions: list[dict[str, Any]] | None = None,
) -> tuple[User, Assessment | None]:
    """Create the account and keep what the person did before signing up."""
    user = User.objects.create_user(email=email, password=password)
    kept = claim_guest_work(user, guest_intake, guest_sessions or [])
    return user, kept


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete the person and every row they own (all owned rows cascade with the user), and the
    failed sign-in records under their address."""
    LoginFailure.objects.filter(email=user.email).delete()
    user.delete()
