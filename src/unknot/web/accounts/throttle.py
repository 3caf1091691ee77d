"""Throttles kept in the database, so they hold across server processes and servers.

Each rule allows ``limit`` attempts per ``window`` for one key (an address tried, a client). An
attempt is counted *before* the work it guards (checking a password, sending an email) by one
conditional ``UPDATE ... SET count = count + 1 WHERE count < limit``: the database applies such
updates one at a time, so forty parallel requests get exactly ``limit`` through, on SQLite and
PostgreSQL alike. A refused attempt is not counted. Keys are stored as keyed hashes, so the table
holds no email address or client address in clear.

Sign-in has three rules, so that guessing is slow and yet a stranger cannot lock an owner out:

- ``SIGN_IN``: 5 tries per 15 minutes for one account *from one client address*. This is the
  tight limit; a stranger's wrong guesses use up the stranger's own tries, not the owner's.
- ``SIGN_IN_CLIENT``: 30 tries per 15 minutes from one client address, whatever the accounts
  (one address spraying passwords over many accounts).
- ``SIGN_IN_ACCOUNT``: 100 tries per hour for one account from everywhere (guessing spread
  over many addresses). Reaching it takes 20 addresses; it lasts at most an hour, and a
  password reset by the owner (which proves they read the account's email) lifts it at once.

Behind a proxy the client address is the real client's (``TrustedProxyMiddleware``), so one
person's typos never lock out everyone behind the same proxy. A successful sign-in clears its
account-and-client count.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from unknot.web.accounts.models import Attempt


@dataclass(frozen=True)
class Rule:
    name: str
    limit: int
    window: timedelta
    refusal: str = "Too many attempts from here. Please wait {wait} and try again."

    def key(self, *parts: str) -> str:
        """The stored key: the rule's name and a keyed hash of what it counts by."""
        material = "\x1f".join(p.strip().lower() for p in parts).encode()
        digest = hmac.new(settings.SECRET_KEY.encode(), material, hashlib.sha256).hexdigest()
        return f"{self.name}:{digest}"

    @property
    def message(self) -> str:
        """What the person is told when this rule refuses them."""
        minutes = int(self.window.total_seconds() // 60)
        return self.refusal.format(wait="an hour" if minutes == 60 else f"{minutes} minutes")


SIGN_IN = Rule("sign-in", 5, timedelta(minutes=15))
SIGN_IN_CLIENT = Rule("sign-in-client", 30, timedelta(minutes=15))
SIGN_IN_ACCOUNT = Rule(
    "sign-in-account",
    100,
    timedelta(hours=1),
    "This account has had too many attempts to sign in. Please wait up to {wait}, or choose a "
    "new password (Forgot your password?) to sign in at once.",
)
RESET_CLIENT = Rule("reset-client", 10, timedelta(hours=1))
SIGN_UP_CLIENT = Rule("sign-up-client", 10, timedelta(hours=1))
MAIL_TO = Rule("mail-to", 3, timedelta(hours=1))  # sign-in links sent to one address
RULES = (SIGN_IN, SIGN_IN_CLIENT, SIGN_IN_ACCOUNT, RESET_CLIENT, SIGN_UP_CLIENT, MAIL_TO)

LIMIT = SIGN_IN.limit
WINDOW = SIGN_IN.window


def client_ip(request: HttpRequest) -> str:
    """The client's address: the peer's, or behind a trusted proxy the one it forwarded."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")[:64]


def take(rule: Rule, *parts: str) -> bool:
    """Count one attempt under ``rule`` for ``parts``; False (and nothing counted) when the
    limit is reached. A window that has run out starts afresh."""
    key = rule.key(*parts)
    now = timezone.now()
    if not Attempt.objects.filter(key=key).exists():
        try:
            with transaction.atomic():
                Attempt.objects.create(key=key, since=now, count=0)
        except IntegrityError:
            pass  # a parallel request made it first
    Attempt.objects.filter(key=key, since__lte=now - rule.window).update(since=now, count=0)
    return Attempt.objects.filter(key=key, count__lt=rule.limit).update(count=F("count") + 1) == 1


def clear(rule: Rule, *parts: str) -> None:
    Attempt.objects.filter(key=rule.key(*parts)).delete()


def take_sign_in(email: str, ip: str) -> Rule | None:
    """Count one sign-in try; the rule that refuses it, or None when the password may be
    checked. Rules are taken tightest first, and a refused try stops there."""
    for rule, parts in ((SIGN_IN, (email, ip)), (SIGN_IN_CLIENT, (ip,)),
                        (SIGN_IN_ACCOUNT, (email,))):  # fmt: skip
        if not take(rule, *parts):
            return rule
    return None


def signed_in(email: str, ip: str) -> None:
    """A correct password from this client: its tries for this account start again."""
    clear(SIGN_IN, email, ip)


def account_recovered(email: str) -> None:
    """The owner proved they read the account's email (a password reset): lift the
    account-wide limit, so whoever kept guessing cannot keep them out."""
    clear(SIGN_IN_ACCOUNT, email)


def forget_account(email: str) -> None:
    """Drop the counts kept under an address (the account is being deleted)."""
    clear(SIGN_IN_ACCOUNT, email)
    clear(MAIL_TO, email)


def purge_expired() -> int:
    """Delete counters whose window ended (the longest window bounds them all)."""
    longest = max(rule.window for rule in RULES)
    deleted, _ = Attempt.objects.filter(since__lt=timezone.now() - longest).delete()
    return deleted
