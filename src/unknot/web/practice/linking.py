"""Profiles, invites and consent: how a practitioner and a client come to share, and stop.

An invite is a short code (and a link carrying it) that works once, until it expires; only its
hash is kept. Redeeming one is throttled per person and per address (``accounts.throttle``), so
codes cannot be tried in bulk: ten characters from a 30-letter alphabet (about 49 bits) against
ten tries an hour. The client accepts after seeing exactly what will be shared, and may revoke at
any time, after which ``care.access`` gives the practitioner nothing of theirs.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

import segno
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from unknot.web.accounts.models import User
from unknot.web.accounts.throttle import Rule
from unknot.web.care import services
from unknot.web.practice.models import SCOPE_IDS, Invite, Link, Practitioner

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: read aloud and typed by hand
CODE_LENGTH = 10
INVITE_DAYS = 7
REDEEM = Rule("invite-redeem", 10, timedelta(hours=1))
REDEEM_CLIENT = Rule("invite-redeem-client", 30, timedelta(hours=1))


class LinkError(ValueError):
    """An invite that cannot be used, with a sentence that says why."""


def professions() -> list[tuple[str, str]]:
    return [(p.id, p.name) for p in services.kb().professions.values()]


def practitioner_of(user: User) -> Practitioner | None:
    return Practitioner.objects.filter(user=user).first()


def save_profile(user: User, name: str, profession: str, practice_name: str,
                 contact: str) -> Practitioner:  # fmt: skip
    """Make or update ``user``'s practitioner profile (``profession`` a professions.yaml id)."""
    if profession not in services.kb().professions:
        raise LinkError(f"{profession!r} is not a profession unknot knows")
    fields = {"name": name, "profession": profession, "practice_name": practice_name,
              "contact": contact}  # fmt: skip
    profile, _ = Practitioner.objects.update_or_create(user=user, defaults=fields)
    return profile


def normalise(code: str) -> str:
    """A code as typed: case, spaces and dashes do not matter."""
    return "".join(c for c in code.upper() if c.isalnum())


def _digest(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def pretty(code: str) -> str:
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def make_invite(practitioner: Practitioner) -> tuple[Invite, str]:
    """A new invite and its code (shown once; only its hash is kept)."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    invite = Invite.objects.create(
        practitioner=practitioner,
        digest=_digest(code),
        expires=timezone.now() + timedelta(days=INVITE_DAYS),
    )
    return invite, pretty(code)


def find_invite(code: str) -> Invite:
    """The invite this code opens; raises ``LinkError`` for an unknown, used or expired one
    (the same sentence for all three, so a code's state leaks nothing)."""
    cleaned = normalise(code)
    invite = None
    if len(cleaned) == CODE_LENGTH:
        invite = (Invite.objects.select_related("practitioner")
                  .filter(digest=_digest(cleaned)).first())  # fmt: skip
    if invite is None or invite.used is not None or invite.expires <= timezone.now():
        raise LinkError(
            "This code does not work: it may be mistyped, already used or out of date. "
            "Ask your practitioner for a new one."
        )
    return invite


@transaction.atomic
def accept(client: User, code: str, scopes: Iterable[str]) -> Link:
    """Link ``client`` to the invite's practitioner, sharing ``scopes``; the invite is used up.
    Raises ``LinkError`` for a code that does not work, an empty choice, or one's own code."""
    chosen = [s for s in SCOPE_IDS if s in set(scopes)]
    invite = find_invite(code)
    # take the invite with a conditional update, so two redemptions at once cannot both win
    taken = Invite.objects.filter(pk=invite.pk, used__isnull=True).update(used=timezone.now())
    if not taken:
        raise LinkError("This code has just been used. Ask your practitioner for a new one.")
    if invite.practitioner.user_id == client.pk:
        raise LinkError("This is your own code: give it to a client.")
    if not chosen:
        raise LinkError("Choose at least one thing to share, or do not link.")
    existing = Link.objects.filter(practitioner=invite.practitioner, client=client,
                                   revoked__isnull=True).first()  # fmt: skip
    if existing is not None:
        existing.scopes = chosen
        existing.save(update_fields=["scopes"])
        return existing
    try:
        with transaction.atomic():
            return Link.objects.create(practitioner=invite.practitioner, client=client,
                                       scopes=chosen)  # fmt: skip
    except IntegrityError:
        raise LinkError("You are already linked to this practitioner.") from None


def links_of_client(client: User) -> QuerySet[Link]:
    return Link.objects.filter(client=client).select_related("practitioner").order_by("-created")


def revoke(link: Link) -> None:
    """End the sharing at once (the row stays, so the client can see who had it and when)."""
    if link.revoked is None:
        link.revoked = timezone.now()
        link.save(update_fields=["revoked"])


def qr_svg(url: str) -> str:
    """The invite link as an inline SVG QR code (no script, no style: the CSP allows it)."""
    return str(segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True))
