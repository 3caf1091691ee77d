"""Sessions: deleted with the account, short for visitors, purged by the app itself."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.helpers import example
from tests.web.intake_steps import WHERE
from unknot.web import housekeeping
from unknot.web.accounts.models import Session, User
from unknot.web.care.models import Assessment

pytestmark = pytest.mark.django_db


def _holding(text: str) -> list[Session]:
    """Every stored session whose data mentions ``text``."""
    return [s for s in Session.objects.all() if text in str(s.get_decoded())]


def test_deleting_the_account_deletes_every_session_it_had(alice: User, bob: User) -> None:
    phone, laptop, bobs = Client(), Client(), Client()
    for device in (phone, laptop):
        device.post("/login/", {"email": "alice@example.org", "password": "alice password 42"})
        device.post("/start/where/", WHERE)  # an intake draft, held in the session
    bobs.force_login(bob)
    assert len([s for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY)]) == 3

    response = phone.post("/account/delete/", {"password": "alice password 42"})
    assert response.status_code == 302
    left = [s.get_decoded() for s in Session.objects.all()]
    assert not [d for d in left if d.get(SESSION_KEY) == str(alice.pk)]
    assert [d.get(SESSION_KEY) for d in left if d.get(SESSION_KEY)] == [str(bob.pk)]
    assert laptop.get("/account/").status_code == 302  # signed out there too
    assert not _holding("low_back")


def test_a_visitors_answers_are_kept_for_days_not_a_month(client: Client) -> None:
    client.post("/start/where/", WHERE)
    session = Session.objects.get()
    assert session.expire_date < timezone.now() + timedelta(days=4)
    assert client.cookies["sessionid"]["max-age"] <= 3 * 24 * 3600


def test_signing_in_gives_the_usual_month(client: Client, alice: User) -> None:
    client.post("/start/where/", WHERE)
    client.post("/login/", {"email": "alice@example.org", "password": "alice password 42"})
    assert Session.objects.get().expire_date > timezone.now() + timedelta(days=29)


def test_expired_sessions_are_purged(client: Client) -> None:
    client.post("/start/where/", WHERE)
    fresh = Client()
    fresh.post("/start/where/", WHERE)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    assert housekeeping.run().sessions == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        fresh.session.session_key
    ]


def test_a_password_reset_signs_out_every_other_device(alice: User) -> None:
    other = Client()
    other.force_login(alice)
    Assessment.objects.create(owner=alice, intake=example(), verdict="self_care")
    client = Client()
    client.post("/password-reset/", {"email": "alice@example.org"})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/password-reset/" in line)
    page = client.get(link.replace("http://testserver", ""), follow=True)
    new = "a new and longer password 7"
    client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert not Session.objects.filter(user_pk=alice.pk).exists()
    assert other.get("/account/").status_code == 302


def test_the_app_purges_expired_sessions_by_itself(client: Client) -> None:
    client.post("/start/where/", WHERE)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    Client().get("/healthz")  # a fresh server process's first request sweeps
    assert not Session.objects.exists()
