"""Hosted sign-up: an emailed link, and a page that answers the same whether or not the address
already has an account, so nobody can use it to find out who uses unknot."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tests.helpers import example
from unknot.web.accounts.models import User
from unknot.web.care import guest
from unknot.web.care.models import Assessment

pytestmark = pytest.mark.django_db
PASSWORD = "slow breaths on the floor 7"


@pytest.fixture(autouse=True)
def _by_email(settings: Any) -> None:
    settings.SIGNUP_BY_EMAIL = True


def _link(message: mail.EmailMessage) -> str:
    found = re.search(r"http://testserver(/signup/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_the_page_answers_the_same_for_a_new_and_a_known_address(alice: User) -> None:
    pages = []
    for email in ("alice@example.org", "nobody@example.org"):
        response = Client().post("/signup/", {"email": email})
        pages.append(response.content.decode().replace(email, "ADDRESS"))
        assert response.status_code == 200
    assert pages[0] == pages[1]
    assert "Check your email" in pages[0]
    known, new = mail.outbox
    assert "already has one" in known.body and "/password-reset/" in known.body
    assert "/signup/" not in known.body
    assert "choose your password" in new.body
    assert User.objects.count() == 1  # nothing made until the link is opened


def test_the_link_makes_the_account_and_keeps_the_visitors_plan(client: Client) -> None:
    session = client.session
    guest.set_intake(session, example())
    session.save()
    client.post("/signup/", {"email": "Dana@Example.org"})
    link = _link(mail.outbox[0])
    page = client.get(link)
    assert "Your account will be dana@example.org" in page.content.decode()
    response = client.post(link, {"password": PASSWORD})
    kept = Assessment.objects.get()
    assert response["Location"] == f"/plans/{kept.pk}/"
    assert kept.owner.email == "dana@example.org"
    assert kept.owner.check_password(PASSWORD)
    assert "_auth_user_id" in client.session


def test_a_weak_password_on_the_link_page_is_refused_with_a_reason(client: Client) -> None:
    client.post("/signup/", {"email": "dana@example.org"})
    response = client.post(_link(mail.outbox[0]), {"password": "short"})
    assert "too short" in response.content.decode()
    assert not User.objects.exists()


def test_a_link_for_an_address_that_has_an_account_since_leads_to_sign_in(
    client: Client,
) -> None:
    client.post("/signup/", {"email": "dana@example.org"})
    User.objects.create_user(email="dana@example.org", password=PASSWORD)
    response = client.post(_link(mail.outbox[0]), {"password": "another password 55"})
    assert response["Location"] == "/login/"
    assert User.objects.get().check_password(PASSWORD)


@pytest.mark.parametrize("token", ["nonsense", "ZGFuYUBleGFtcGxlLm9yZw:1abcde:forged"])
def test_a_forged_or_broken_link_is_refused_plainly(client: Client, token: str) -> None:
    response = client.get(f"/signup/{token}/")
    assert response.status_code == 400
    assert "This link no longer works" in response.content.decode()
