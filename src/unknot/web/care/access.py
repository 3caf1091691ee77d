"""The one place that decides what a person may see: their own rows, and nothing else.

Every view that reads a person's data goes through ``owned`` or ``get_owned``. A stranger asking
for someone else's row gets a 404, exactly as if it did not exist, so ids leak nothing.
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from unknot.web.accounts.models import User
from unknot.web.care.models import Owned

M = TypeVar("M", bound=Owned)


def owned(model: type[M], user: AbstractBaseUser | AnonymousUser) -> QuerySet[M]:
    """``model``'s rows that belong to ``user``; none at all for a visitor who is not signed in."""
    if not user.is_authenticated:
        return model._default_manager.none()
    return model._default_manager.filter(owner=user)


def person(request: HttpRequest) -> User:
    """The signed-in person making ``request`` (use behind ``login_required``)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("sign in first")
    return user


def get_owned(model: type[M], user: AbstractBaseUser | AnonymousUser, pk: object) -> M:
    """The row with this id if it is ``user``'s own; otherwise 404 (also for a malformed id)."""
    try:
        return owned(model, user).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("not found") from exc
