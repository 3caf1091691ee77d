"""Throttles that slow guessing and mail-bombing, and that a stranger cannot turn against the
owner of an account. Each rule is reached through the pages, as a browser would."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from unknot.web.accounts import throttle
from unknot.web.accounts.models import Attempt, User

pytestmark = pytest.mark.django_db
PASSWORD = "a calm long walk 42"


def _from(ip: str) -> Client:
    return Client(REMOTE_ADDR=ip)


def _try(client: Client, email: str = "alice@example.org", password: str = "guess") -> int:
    return client.post("/login/", {"email": email, "password": password}).status_code


def test_a_stranger_guessing_does_not_lock_the_owner_out(alice: User) -> None:
    stranger, owner = _from("203.0.113.9"), _from("198.51.100.7")
    assert [_try(stranger) for _ in range(throttle.SIGN_IN.limit + 3)][-1] == 429
    assert _try(owner, password="alice password 42") == 302


def test_one_address_spraying_many_accounts_is_stopped() -> None:
    sprayer = _from("203.0.113.9")
    statuses = [
        _try(sprayer, email=f"person{n}@example.org")
        for n in range(throttle.SIGN_IN_CLIENT.limit + 1)
    ]
    assert statuses.count(200) == throttle.SIGN_IN_CLIENT.limit
    assert statuses[-1] == 429


def test_guessing_from_many_addresses_reaches_a_ceiling_that_a_password_reset_lifts(
    alice: User,
) -> None:
    limit = throttle.SIGN_IN_ACCOUNT.limit
    statuses = [_try(_from(f"10.0.{n // 250}.{n % 250}")) for n in range(limit + 1)]
    assert statuses.count(200) == limit and statuses[-1] == 429
    owner = _from("198.51.100.7")
    held = owner.post("/login/", {"email": "alice@example.org", "password": "alice password 42"})
    assert held.status_code == 429  # held back, like everyone
    assert "choose a new password (Forgot your password?)" in held.content.decode()

    owner.post("/password-reset/", {"email": "alice@example.org"})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/password-reset/" in line)
    page = owner.get(link.replace("http://testserver", ""), follow=True)
    new = "a new and longer password 7"
    owner.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert _try(owner, password=new) == 302


def test_the_limit_lasts_its_window_only(alice: User) -> None:
    client = _from("203.0.113.9")
    for _ in range(throttle.SIGN_IN.limit):
        _try(client)
    assert _try(client, password="alice password 42") == 429
    key = throttle.SIGN_IN.key("alice@example.org", "203.0.113.9")
    window_start = timezone.now() - throttle.SIGN_IN.window - timedelta(seconds=1)
    Attempt.objects.filter(key=key).update(since=window_start)  # the window ran out
    assert _try(client, password="alice password 42") == 302


def test_password_reset_requests_are_throttled_by_client(client: Client) -> None:
    statuses = [
        client.post("/password-reset/", {"email": f"p{n}@example.org"}).status_code
        for n in range(throttle.RESET_CLIENT.limit + 1)
    ]
    assert statuses.count(302) == throttle.RESET_CLIENT.limit
    assert statuses[-1] == 429


def test_one_address_gets_a_few_reset_emails_an_hour_whoever_asks(alice: User) -> None:
    for n in range(throttle.MAIL_TO.limit + 3):
        response = _from(f"10.1.0.{n}").post("/password-reset/", {"email": "alice@example.org"})
        assert response["Location"] == "/password-reset/sent/"  # the same answer every time
    assert len(mail.outbox) == throttle.MAIL_TO.limit


def test_sign_ups_are_throttled_by_client() -> None:
    def sign_up(n: int) -> str | int:  # each from a fresh browser at the same address
        response = _from("203.0.113.9").post(
            "/signup/", {"email": f"p{n}@example.org", "password": "a long new password 9"}
        )
        return response.content.decode() if response.status_code == 429 else response.status_code

    statuses = [sign_up(n) for n in range(throttle.SIGN_UP_CLIENT.limit + 1)]
    assert statuses[:-1] == [302] * throttle.SIGN_UP_CLIENT.limit
    assert "Too many attempts from here" in str(statuses[-1])
    assert User.objects.count() == throttle.SIGN_UP_CLIENT.limit


def test_the_counts_hold_no_address_in_clear(alice: User) -> None:
    _try(_from("203.0.113.9"))
    keys = " ".join(Attempt.objects.values_list("key", flat=True))
    assert "alice" not in keys and "203.0.113.9" not in keys
