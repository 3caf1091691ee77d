"""Changing a password, and choosing a new one through an emailed link when it is forgotten."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from unknot.web.accounts.models import User

pytestmark = pytest.mark.django_db
OLD = "old knees, new habits 1"
NEW = "morning walks by the sea 2"


@pytest.fixture
def alice() -> User:
    return User.objects.create_user(email="alice@example.org", password=OLD)


def test_a_person_changes_their_password(client: Client, alice: User) -> None:
    client.force_login(alice)
    response = client.post(
        "/account/password/",
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    assert "_auth_user_id" in client.session  # still signed in on this device


def test_changing_needs_the_old_password(client: Client, alice: User) -> None:
    client.force_login(alice)
    response = client.post(
        "/account/password/",
        {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 200
    assert "old password was entered incorrectly" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(OLD)


def _reset_link(client: Client, email: str) -> str:
    response = client.post("/password-reset/", {"email": email})
    assert response["Location"] == "/password-reset/sent/"
    assert len(mail.outbox) == 1
    found = re.search(r"http://testserver(/password-reset/\S+/\S+/)", mail.outbox[0].body)
    assert found, mail.outbox[0].body
    return found.group(1)


def test_a_forgotten_password_is_replaced_through_the_emailed_link(
    client: Client, alice: User
) -> None:
    link = _reset_link(client, "Alice@Example.org")
    assert mail.outbox[0].to == ["alice@example.org"]
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )
    assert response["Location"] == "/password-reset/complete/"
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    again = client.get(link, follow=True)
    assert "This link no longer works" in again.content.decode()


def test_an_unknown_address_looks_the_same_and_sends_nothing(client: Client) -> None:
    response = client.post("/password-reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []
