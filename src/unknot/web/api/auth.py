"""Who is asking: a personal access token (``Authorization: Bearer unk_...``) or the app's own
signed-in session (with Django's CSRF check on every write, as the pages have).

A token reads, or reads and writes; the session may do both. A token that is sent but not known
(revoked, mistyped) is refused outright, never mistaken for the session beside it. What a person
may see is still decided by ``care.access`` alone: these only say who the person is.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer, SessionAuth

from unknot.web.accounts.models import User
from unknot.web.api.tokens import find_token


@dataclass(frozen=True)
class Principal:
    """The person an API request acts for, and whether it may change anything."""

    user: User
    may_write: bool
    token: int | None = None  # the token's id; None for the app's own session


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Principal:
        row = find_token(token.strip())
        if row is None:
            raise AuthenticationError(
                401, "This token is not known: it may have been revoked, or mistyped."
            )
        return Principal(row.owner, row.may_write, row.pk)


class CookieAuth(SessionAuth):
    """The signed-in session of the app's own pages; writes need the CSRF token too."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Principal | None:
        user = request.user
        return Principal(user, True) if isinstance(user, User) and user.is_active else None


PERSON = [TokenAuth(), CookieAuth()]


def principal(request: HttpRequest) -> Principal:
    found = getattr(request, "auth", None)
    if not isinstance(found, Principal):
        raise AuthenticationError()
    return found


def reader(request: HttpRequest) -> User:
    """The person whose data a read may return."""
    return principal(request).user


def writer(request: HttpRequest) -> User:
    """The person whose data a write may change; 403 for a token that may only read."""
    who = principal(request)
    if not who.may_write:
        raise AuthorizationError(
            403, "This token may only read. Make a read-and-write token on the account page."
        )
    return who.user
