"""The API's throttles are counted in the database (so they hold across server processes): a
visitor by address, a person by account; past the limit, a 429 problem with Retry-After."""

from __future__ import annotations

import json

import pytest
from django.test import Client, override_settings

from tests.helpers import example
from unknot.web.accounts.models import Attempt, User
from unknot.web.api.tokens import make_token

pytestmark = pytest.mark.django_db


@override_settings(API_LIMITS={"anonymous": 3, "person": 2})
def test_a_visitor_and_a_person_each_meet_their_own_limit(client: Client) -> None:
    body = json.dumps(example())
    statuses = [
        client.post("/api/v1/assess", body, content_type="application/json").status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    refused = client.post("/api/v1/assess", body, content_type="application/json")
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0
    assert Attempt.objects.filter(key__startswith="api-anonymous:").get().count == 3

    alice = User.objects.create_user(email="alice@example.org", password="alice's password 1")
    header = {"HTTP_AUTHORIZATION": f"Bearer {make_token(alice, 'script', 'read')[1]}"}
    statuses = [client.get("/api/v1/me", **header).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
