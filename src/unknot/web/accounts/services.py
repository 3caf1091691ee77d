"""Account actions as plain functions: sign up (keeping a visitor's work), sign up by an emailed
link, delete everything. They take explicit arguments (addresses, absolute links), never a
request, so a CLI command could call them the same way."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from unknot.web.accounts import throttle
from unknot.web.accounts.models import User
from unknot.web.accounts.sessions import delete_sessions_of
from unknot.web.care.models import Assessment
from unknot.web.care.services import claim_guest_work

SIGN_UP_SALT = "unknot.accounts.sign-up"


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


def has_account(email: str) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exists()


def sign_up_token(email: str) -> str:
    """A signed, dated token naming the address; whoever opens the link can read that mail."""
    return signing.dumps(email.strip().lower(), salt=SIGN_UP_SALT)


def email_from_sign_up_token(token: str) -> str | None:
    """The address a sign-up link was sent to, or None when the link is forged or too old
    (``PASSWORD_RESET_TIMEOUT``)."""
    try:
        value = signing.loads(token, salt=SIGN_UP_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) else None


def send_sign_up_mail(email: str, *, link: str, sign_in_url: str, reset_url: str) -> bool:
    """Email the address what to do next: a link to choose a password, or, when it already has an
    account, a note saying so (with where to sign in or reset the password). The person asking
    sees the same page either way. At most ``throttle.MAIL_TO.limit`` messages an hour go to one
    address; False when this one was held back."""
    address = email.strip().lower()
    if not throttle.take(throttle.MAIL_TO, address):
        return False
    context = {"email": address, "link": link, "sign_in_url": sign_in_url, "reset_url": reset_url}
    template = (
        "accounts/sign_up_exists_email.txt"
        if has_account(address)
        else ("accounts/sign_up_email.txt")
    )
    send_mail(
        "Your unknot account",
        render_to_string(template, context),
        None,
        [address],
    )
    return True


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete the person, every row they own (all owned rows cascade with the user), every
    session they had on any device (and the answers those held), and the counts kept under
    their address."""
    delete_sessions_of(user.pk)
    throttle.forget_account(user.email)
    user.delete()


def password_was_reset(user: User) -> None:
    """The owner chose a new password through an emailed link: sign out every device (the new
    session is made after this) and lift the account-wide sign-in limit."""
    delete_sessions_of(user.pk)
    throttle.account_recovered(user.email)
