"""Making, finding and revoking personal access tokens: plain functions, called by the account
page and by the API's authentication alike."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from unknot.web.accounts.models import User
from unknot.web.api.models import AccessToken
from unknot.web.care.access import get_owned, owned

PREFIX = "unk_"
MAX_TOKENS = 20  # per account: enough for every script and system one person runs
TOUCH_EVERY = timedelta(minutes=5)  # how often ``last_used`` is written, at most


class TokenError(ValueError):
    """A token that cannot be made, with a sentence saying why."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def make_token(owner: User, name: str, scope: str) -> tuple[AccessToken, str]:
    """A new token for ``owner`` and its secret, which is shown once and never kept."""
    name = " ".join(name.split())[:100]
    if not name:
        raise TokenError("Give the token a name, so you know later what uses it.")
    if scope not in (AccessToken.READ, AccessToken.WRITE):
        raise TokenError("A token reads, or reads and writes.")
    if owned(AccessToken, owner).count() >= MAX_TOKENS:
        raise TokenError(f"You have {MAX_TOKENS} tokens already: revoke one you no longer use.")
    secret = PREFIX + secrets.token_urlsafe(32)
    row = AccessToken.objects.create(
        owner=owner, name=name, scope=scope, prefix=secret[:10], digest=_digest(secret)
    )
    return row, secret


def revoke_token(owner: User, pk: object) -> AccessToken:
    """Delete one of ``owner``'s tokens (404 for anyone else's); it stops working at once."""
    row = get_owned(AccessToken, owner, pk)
    row.delete()
    return row


def find_token(secret: str) -> AccessToken | None:
    """The token with this secret, its owner loaded; None when no such token exists (revoked,
    mistyped or made up). ``last_used`` is brought up to date now and then."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    row = AccessToken.objects.select_related("owner").filter(digest=_digest(secret)).first()
    if row is None or not row.owner.is_active:
        return None
    now = timezone.now()
    if row.last_used is None or now - row.last_used > TOUCH_EVERY:
        AccessToken.objects.filter(pk=row.pk).update(last_used=now)
        row.last_used = now
    return row
