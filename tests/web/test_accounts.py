"""Sign up, sign in with throttling, sign out, and keeping a visitor's plan by signing up."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.helpers import example
from unknot.web.accounts.models import User
from unknot.web.accounts.throttle import LIMIT
from unknot.web.care import guest, services
from unknot.web.care.models import Assessment, SessionRecord
from unknot.web.care.services import kb

pytestmark = pytest.mark.django_db
PASSWORD = "a calm long walk 42"


def _user(email: str = "alice@example.org") -> User:
    return User.objects.create_user(email=email, password=PASSWORD)


def test_it_creates_an_account_and_signs_the_person_in(client: Client) -> None:
    response = client.post("/signup/", {"email": "Alice@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "alice@example.org"
    assert user.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_it_keeps_the_password_hashed_never_in_clear(client: Client) -> None:
    client.post("/signup/", {"email": "alice@example.org", "password": PASSWORD})
    stored = User.objects.get().password
    assert PASSWORD not in stored
    assert stored.startswith(("md5$", "argon2", "pbkdf2"))


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", "too short"),
        ("password1234", "too common"),
        ("4815162342108", "entirely numeric"),
    ],
)
def test_it_refuses_a_weak_password_with_a_reason(
    client: Client, password: str, message: str
) -> None:
    response = client.post("/signup/", {"email": "alice@example.org", "password": password})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_it_refuses_an_address_already_in_use_whatever_its_case(client: Client) -> None:
    _user()
    response = client.post("/signup/", {"email": "ALICE@example.org", "password": PASSWORD})
    assert "already an account" in response.content.decode()
    assert User.objects.count() == 1


def test_it_signs_in_with_the_right_password(client: Client) -> None:
    _user()
    response = client.post("/login/", {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_it_says_plainly_when_the_password_is_wrong(client: Client) -> None:
    _user()
    response = client.post("/login/", {"email": "alice@example.org", "password": "nope"})
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_throttles_guessing_even_when_the_right_password_comes_next(client: Client) -> None:
    _user()
    for _ in range(LIMIT):
        client.post("/login/", {"email": "alice@example.org", "password": "guess"})
    response = client.post("/login/", {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_throttles_one_address_without_locking_out_another(client: Client) -> None:
    _user()
    _user("bob@example.org")
    for _ in range(LIMIT):
        client.post("/login/", {"email": "alice@example.org", "password": "guess"})
    response = client.post("/login/", {"email": "bob@example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_a_good_sign_in_clears_earlier_failures(client: Client) -> None:
    _user()
    for _ in range(LIMIT - 1):
        client.post("/login/", {"email": "alice@example.org", "password": "guess"})
    client.post("/login/", {"email": "alice@example.org", "password": PASSWORD})
    client.post("/logout/")
    statuses = [
        client.post("/login/", {"email": "alice@example.org", "password": "guess"}).status_code
        for _ in range(LIMIT)
    ]
    assert statuses == [200] * LIMIT


def test_it_never_redirects_to_another_site_after_sign_in(client: Client) -> None:
    _user()
    response = client.post(
        "/login/",
        {"email": "alice@example.org", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_sign_out_needs_a_post(client: Client) -> None:
    client.force_login(_user())
    assert client.get("/logout/").status_code == 405
    client.post("/logout/")
    assert "_auth_user_id" not in client.session


def test_signing_up_keeps_the_visitors_intake_and_sessions(client: Client) -> None:
    session = client.session
    session[guest.INTAKE] = example()
    session[guest.SESSIONS] = [
        {"planned_steps": 9, "done_steps": 9, "seconds": 600, "pain_before": 6, "pain_after": 4,
         "at": "2026-11-20T08:00:00+00:00"},
    ]  # fmt: skip
    session.save()
    response = client.post("/signup/", {"email": "alice@example.org", "password": PASSWORD})
    kept = Assessment.objects.get()
    assert response["Location"] == f"/plans/{kept.pk}/"
    assert kept.owner.email == "alice@example.org"
    assert kept.intake == example()
    assert kept.verdict == "self_care"
    record = SessionRecord.objects.get()
    assert (record.owner, record.assessment, record.pain_before, record.pain_after) == (
        kept.owner, kept, 6, 4,
    )  # fmt: skip
    assert guest.INTAKE not in client.session


def test_the_account_page_lists_only_ones_own_plans(client: Client) -> None:
    alice, bob = _user(), _user("bob@example.org")
    mine = services.save_assessment(alice, example())
    theirs = services.save_assessment(bob, example())
    client.force_login(alice)
    page = client.get("/account/").content.decode()
    assert f'href="/plans/{mine.pk}/"' in page
    assert f'href="/plans/{theirs.pk}/"' not in page
    assert kb().tiers.of("self_care").label in page


def test_signing_up_still_works_when_the_visit_holds_answers_that_no_longer_parse(
    client: Client,
) -> None:
    session = client.session
    session[guest.INTAKE] = example(props=["a_prop_that_was_removed"])
    session.save()
    response = client.post("/signup/", {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert User.objects.filter(email="alice@example.org").exists()
    assert not Assessment.objects.exists()
