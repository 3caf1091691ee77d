"""Personal access tokens on the account page: made with a name and a scope, shown once, kept
only as a hash, listed, revoked (and then refused at once), gone with the account."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.web.people import signed_in
from unknot.web.accounts import services as accounts
from unknot.web.accounts.models import User
from unknot.web.api.models import AccessToken
from unknot.web.api.tokens import MAX_TOKENS, make_token

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r"unk_[A-Za-z0-9_-]{40,}")


@pytest.fixture
def alice() -> User:
    return User.objects.create_user(email="alice@example.org", password="alice's password 1")


def test_the_account_page_leads_to_the_tokens_and_the_fhir_download(alice: User) -> None:
    page = signed_in(alice).get("/account/").content.decode()
    assert 'href="/account/tokens/"' in page
    assert 'href="/account/export.fhir.json"' in page


def test_a_token_is_shown_once_and_kept_only_as_a_hash(alice: User) -> None:
    client = signed_in(alice)
    made = client.post("/account/tokens/", {"name": "my clinic", "scope": "read"})
    assert made.status_code == 201
    secret = TOKEN.search(made.content.decode())
    assert secret is not None
    row = AccessToken.objects.get(owner=alice)
    assert secret.group() not in {row.digest, row.prefix, row.name}
    assert secret.group() not in client.get("/account/tokens/").content.decode()
    me = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret.group()}")
    assert me.json() == {"email": alice.email, "joined": me.json()["joined"], "may_write": False}


def test_a_revoked_token_is_refused_at_once(alice: User) -> None:
    row, secret = make_token(alice, "laptop script", "write")
    header = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert Client().get("/api/v1/me", **header).status_code == 200
    response = signed_in(alice).post(f"/account/tokens/{row.pk}/revoke/")
    assert response.status_code == 302
    assert Client().get("/api/v1/me", **header).status_code == 401


def test_a_token_needs_a_name_and_there_is_a_ceiling(alice: User) -> None:
    client = signed_in(alice)
    assert client.post("/account/tokens/", {"name": "  ", "scope": "read"}).status_code == 200
    for n in range(MAX_TOKENS):
        make_token(alice, f"token {n}", "read")
    refused = client.post("/account/tokens/", {"name": "one more", "scope": "read"})
    assert "revoke one" in refused.content.decode()
    assert AccessToken.objects.filter(owner=alice).count() == MAX_TOKENS


def test_tokens_go_with_the_account(alice: User) -> None:
    _, secret = make_token(alice, "clinic", "write")
    accounts.delete_account(alice)
    assert not AccessToken.objects.exists()
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
