"""The one place that decides who may see a row, and what they may do with it.

Two people may reach a person's rows: the person (the owner, who may read and change them), and
a practitioner the person linked to, who may read what the person agreed to share (the link's
scopes) until the person revokes the link. Nobody else: a stranger, another practitioner, or the
practitioner after a revoke gets a 404, exactly as if the row did not exist, so ids leak nothing.
Every read a practitioner makes through here is written to the client's audit log.

``get_for`` answers both questions at once, in the style of healthchecks' ``_get_check_for_user``:
the row and the asker's ``Level``. ``get_owned`` is for what only the owner may do (change,
delete, play). ``client_link`` is a practitioner's door to one client's record.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Generic, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from unknot.web.accounts.models import User
from unknot.web.care.models import Assessment, CheckIn, MeasureResult, Owned, SessionRecord
from unknot.web.practice import audit
from unknot.web.practice.models import Link

M = TypeVar("M", bound=Owned)
Asker = AbstractBaseUser | AnonymousUser

# which consent (``practice.models.SCOPES``) shares each kind of row; a kind not named here
# (access tokens, say) is never shared
SCOPE_OF: dict[type[Model], str] = {
    Assessment: "plan",
    SessionRecord: "diary",
    CheckIn: "check_ins",
    MeasureResult: "measures",
}


class Level(IntEnum):
    """What the asker may do with a row."""

    READ = 1  # a linked practitioner, with the owner's consent for this kind of row
    OWN = 2  # the owner: read, change, delete


@dataclass(frozen=True)
class Access(Generic[M]):
    row: M
    level: Level
    link: Link | None = None  # the consent a practitioner reads through

    @property
    def may_change(self) -> bool:
        return self.level is Level.OWN


def owned(model: type[M], user: Asker) -> QuerySet[M]:
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


def get_owned(model: type[M], user: Asker, pk: object) -> M:
    """The row with this id if it is ``user``'s own; otherwise 404 (also for a malformed id)."""
    try:
        return owned(model, user).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("not found") from exc


def live_links(user: Asker) -> QuerySet[Link]:
    """The links in force where ``user`` is the practitioner."""
    if not user.is_authenticated:
        return Link.objects.none()
    return Link.objects.filter(practitioner__user_id=user.pk, revoked__isnull=True)


def client_links(user: Asker, what: str) -> list[Link]:
    """Every live link of ``user`` as a practitioner, each read recorded as ``what`` in that
    client's audit log (the client list reads a summary of every client)."""
    links = list(
        live_links(user).select_related("client", "practitioner").order_by("created", "id")
    )
    for link in links:
        audit.record(link, user, audit.READ, what)
    return links


def sharing(link: Link, model: type[Model]) -> bool:
    scope = SCOPE_OF.get(model)
    return link.active and scope is not None and scope in link.scopes


def get_for(model: type[M], user: Asker, pk: object) -> Access[M]:
    """The row with this id and what ``user`` may do with it: ``OWN`` for the owner, ``READ``
    for a practitioner whose live link shares this kind of row (the read is audited); 404 for
    everyone else, and for a malformed or missing id."""
    if not user.is_authenticated:
        raise Http404("not found")
    try:
        row = model._default_manager.get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("not found") from exc
    if row.owner_id == user.pk:
        return Access(row, Level.OWN)
    link = live_links(user).filter(client_id=row.owner_id).first()
    if link is None or not sharing(link, model):
        raise Http404("not found")
    audit.record(link, user, audit.READ, f"{model._meta.verbose_name} {row.pk}")
    return Access(row, Level.READ, link)


def client_link(user: Asker, pk: object, what: str, *, change: bool = False) -> Link:
    """A practitioner's live link with this id, the way into one client's record; 404 for a
    revoked link, someone else's, or a malformed id. Records that ``what`` was read; for a
    ``change`` the service that makes it records what it changed (a refused change changes
    nothing, so nothing is recorded)."""
    try:
        link = live_links(user).select_related("practitioner").get(pk=pk)  # type: ignore[misc]
    except (Link.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("not found") from exc
    if not change:
        audit.record(link, user, audit.READ, what)
    return link


def shared(model: type[M], link: Link) -> QuerySet[M]:
    """The client's rows of ``model`` a practitioner may read through ``link``: all of them when
    the client shares that kind, none otherwise (reading them is audited by ``client_link``)."""
    if not sharing(link, model):
        return model._default_manager.none()
    return model._default_manager.filter(owner_id=link.client_id)


def own_link(user: Asker, pk: object) -> Link:
    """A link in which ``user`` is the client (to see or revoke it); 404 for anyone else's."""
    if not user.is_authenticated:
        raise Http404("not found")
    try:
        return Link.objects.select_related("practitioner").get(pk=pk, client_id=user.pk)  # type: ignore[misc]
    except (Link.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("not found") from exc
