"""The practitioner endpoints: the client list and a client's program, through the API."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web import practice_world
from unknot.web.api.tokens import make_token
from unknot.web.care.models import SessionRecord
from unknot.web.practice.models import AuditEntry, ProgramVersion

pytestmark = pytest.mark.django_db


def _bearer(user: object, scope: str = "write") -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {make_token(user, 'clinic', scope)[1]}"}  # type: ignore[arg-type]


def test_the_client_list_gives_the_glance(client: Client) -> None:
    w = practice_world.build()
    SessionRecord.objects.create(owner=w.alice, pain_before=6, pain_after=4)
    body = client.get("/api/v1/practice/clients", **_bearer(w.paula)).json()
    assert body["total"] == 1
    row = body["items"][0]
    assert row["id"] == w.link.pk and row["email"] == "alice@example.org"
    assert row["days_this_week"] == 1 and row["pain"] == 6
    empty = client.get("/api/v1/practice/clients", **_bearer(w.bob)).json()
    assert empty["total"] == 0


def test_a_program_is_read_written_and_refused_with_reasons(client: Client) -> None:
    w = practice_world.build(None)
    url = f"/api/v1/practice/clients/{w.link.pk}/program"
    suggestion = client.get(url, **_bearer(w.paula)).json()
    assert suggestion["version"] is None and suggestion["entries"]
    body = {"entries": [{"technique": "glute_bridge", "dose": {"reps": 12}, "note": "Slowly."}]}
    response = client.put(url, body, content_type="application/json", **_bearer(w.paula))
    assert response.status_code == 200 and response.json()["version"] == 1
    refused = {"entries": [{"technique": "glute_bridge", "dose": {"reps": 99}}]}
    response = client.put(url, refused, content_type="application/json", **_bearer(w.paula))
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "reps must be between" in response.json()["errors"][0]["message"]
    assert ProgramVersion.objects.count() == 1
    assert AuditEntry.objects.filter(client=w.alice, action="change").count() == 1
