"""The API's personas, as the pages' (``tests/web/test_ownership.py``): alice owns the data;
paula is alice's practitioner, linked with her consent, who reaches the practitioner operations
about alice (and alice does not: they are paula's); bob is another person and peter another
practitioner, each with a token of his own, who must see nothing of alice's, as if it did not
exist (404), and change nothing; charlie, a visitor with no token, is asked to authenticate
(401); and a read-only token may read but not write (403).

The table names every API operation that takes an id: a new one fails
``test_every_api_operation_with_an_id_is_in_the_table`` until it is added here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tests.helpers import example
from tests.web import practice_world
from unknot.web.accounts.models import User
from unknot.web.api.main import api
from unknot.web.api.tokens import make_token
from unknot.web.care import services
from unknot.web.care.diary import services as diary
from unknot.web.care.models import Assessment, CheckIn, MeasureResult, SessionRecord
from unknot.web.practice.models import AuditEntry, Link, Program, ProgramVersion

pytestmark = pytest.mark.django_db

# a token's last use may change, so tokens are not compared
MODELS = (Assessment, SessionRecord, CheckIn, MeasureResult, Link, Program, ProgramVersion,
          AuditEntry)  # fmt: skip
SESSION = {"planned_steps": 3, "done_steps": 3, "pain_before": 5, "pain_after": 3}


def _session(a: Assessment) -> int:
    return services.record_session(a.owner, a, SESSION).pk


def _check_in(a: Assessment) -> int:
    return diary.save_check_in(a.owner, 4, ["pain_sitting_long"], "")[0].pk


def _measure(a: Assessment) -> int:
    return diary.save_measure(a.owner, "nprs", {"rating": 4})[0].pk


def paula() -> User:
    """alice's physiotherapist (made once per test)."""
    found = User.objects.filter(email="paula@example.org").first()
    if found is not None:
        return found
    user = practice_world.person("paula@example.org")
    practice_world.practitioner(user, "Paula Reyes", "physiotherapist")
    return user


def _link(a: Assessment) -> int:
    return practice_world.link(a.owner, paula().practitioner).pk


PROGRAM = {"entries": [{"technique": "glute_bridge"}], "note": "Slowly."}


@dataclass(frozen=True)
class Case:
    method: str
    path: str  # "{id}" stands for the row ``target`` makes (or names) among alice's
    target: Callable[[Assessment], int]
    body: dict[str, Any] | None = None  # "{id}" in a value: the same row
    who: str = "alice"  # who reaches it: alice (her own rows) or paula (about her client)

    @property
    def writes(self) -> bool:
        return self.method != "get"

    def url(self, pk: int) -> str:
        return "/api/v1" + self.path.replace("{id}", str(pk))

    def data(self, pk: int) -> str | None:
        if self.body is None:
            return None
        return json.dumps({k: pk if v == "{id}" else v for k, v in self.body.items()})

    @property
    def key(self) -> tuple[str, str]:
        return self.method, "/api/v1" + self.path


CASES = [
    Case("get", "/me/assessments/{id}", lambda a: a.pk),
    Case("get", "/me/plans/{id}", lambda a: a.pk),
    Case("get", "/me/plans/{id}/calendar.ics", lambda a: a.pk),
    Case("get", "/me/sessions/{id}", _session),
    Case("delete", "/me/sessions/{id}", _session),
    Case("get", "/me/check-ins/{id}", _check_in),
    Case("delete", "/me/check-ins/{id}", _check_in),
    Case("get", "/me/measures/{id}", _measure),
    Case("delete", "/me/measures/{id}", _measure),
    # an id in the body: a session logged against someone else's plan
    Case("post", "/me/sessions", lambda a: a.pk, {**SESSION, "assessment": "{id}"}),
    Case("get", "/practice/clients/{id}/program", _link, who="paula"),
    Case("put", "/practice/clients/{id}/program", _link, PROGRAM, who="paula"),
]
BODY_IDS = {("post", "/api/v1/me/sessions")}  # operations whose body names a row by id


def test_every_api_operation_with_an_id_is_in_the_table() -> None:
    document = api.get_openapi_schema(path_prefix="/api/v1/")
    with_ids = set(BODY_IDS)
    for path, methods in document["paths"].items():
        for method, op in methods.items():
            params = op.get("parameters", [])
            if any(p["in"] == "path" and p["schema"].get("type") == "integer" for p in params):
                with_ids.add((method, path))
    assert with_ids == {case.key for case in CASES}


@pytest.fixture
def alice() -> Assessment:
    owner = User.objects.create_user(email="alice@example.org", password="alice's password 1")
    return services.save_assessment(owner, example())


def bearer(user: User, scope: str = "write") -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {make_token(user, 'tests', scope)[1]}"}


def rows() -> dict[str, list[tuple[object, ...]]]:
    return {m.__name__: sorted(map(tuple, m.objects.values_list())) for m in MODELS}


def ask(client: Client, case: Case, pk: int, headers: dict[str, str]) -> Any:
    method = getattr(client, case.method)
    data = case.data(pk)
    if data is None:
        return method(case.url(pk), **headers)
    return method(case.url(pk), data, content_type="application/json", **headers)


def _reacher(case: Case, alice: Assessment) -> User:
    return alice.owner if case.who == "alice" else paula()


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method} {c.path}")
def test_alice_or_her_practitioner_reaches_it(client: Client, alice: Assessment,
                                              case: Case) -> None:  # fmt: skip
    pk = case.target(alice)
    response = ask(client, case, pk, bearer(_reacher(case, alice)))
    assert response.status_code in (200, 201, 204), response.content


@pytest.mark.parametrize("case", [c for c in CASES if c.who == "paula"],
                         ids=lambda c: f"{c.method} {c.path}")  # fmt: skip
def test_alice_does_not_reach_her_practitioners_operations(
    client: Client, alice: Assessment, case: Case
) -> None:
    pk = case.target(alice)
    assert ask(client, case, pk, bearer(alice.owner)).status_code == 404


@pytest.mark.parametrize("case", [c for c in CASES if c.who == "paula"],
                         ids=lambda c: f"{c.method} {c.path}")  # fmt: skip
def test_after_alice_revokes_paula_gets_404(client: Client, alice: Assessment, case: Case) -> None:
    pk = case.target(alice)
    Link.objects.filter(pk=pk).update(revoked="2026-01-01T00:00:00Z")
    before = rows()
    assert ask(client, case, pk, bearer(paula())).status_code == 404
    assert rows() == before


@pytest.mark.parametrize("stranger", ["bob", "peter"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method} {c.path}")
def test_a_stranger_or_another_practitioner_gets_404_and_changes_nothing(
    client: Client, alice: Assessment, case: Case, stranger: str
) -> None:
    bob = practice_world.person(f"{stranger}@example.org")
    if stranger == "peter":  # a practitioner with a client of his own
        masseur = practice_world.practitioner(bob, "Peter Holm", "massage_therapist")
        practice_world.link(practice_world.person("carol@example.org"), masseur)
    pk = case.target(alice)
    headers = bearer(bob)
    before = rows()
    response = ask(client, case, pk, headers)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert "alice" not in response.content.decode()
    assert rows() == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method} {c.path}")
def test_a_visitor_is_asked_to_authenticate(client: Client, alice: Assessment, case: Case) -> None:
    pk = case.target(alice)
    before = rows()
    response = ask(client, case, pk, {})
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert rows() == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method} {c.path}")
def test_a_read_only_token_reads_but_never_writes(
    client: Client, alice: Assessment, case: Case
) -> None:
    pk = case.target(alice)
    headers = bearer(_reacher(case, alice), scope="read")
    before = rows()
    response = ask(client, case, pk, headers)
    if case.writes:
        assert response.status_code == 403
        assert rows() == before
    else:
        assert response.status_code == 200


def me_operations() -> list[tuple[str, str]]:
    document = api.get_openapi_schema(path_prefix="/api/v1/")
    return [
        (method, path)
        for path, methods in document["paths"].items()
        for method in methods
        if path == "/api/v1/me" or path.startswith("/api/v1/me/")
    ]


@pytest.mark.parametrize(("method", "path"), me_operations(), ids=lambda v: str(v))
def test_every_personal_operation_needs_a_token_or_the_session(
    client: Client, alice: Assessment, method: str, path: str
) -> None:
    url = path.replace("{id}", str(alice.pk))
    if method in ("get", "delete"):
        response = getattr(client, method)(url)
    else:
        response = getattr(client, method)(url, "{}", content_type="application/json")
    assert response.status_code == 401


def test_bob_lists_nothing_of_alices(client: Client, alice: Assessment) -> None:
    for make in (_session, _check_in, _measure):
        make(alice)
    bob = User.objects.create_user(email="bob@example.org", password="bob's password 22")
    headers = bearer(bob)
    for path in ("assessments", "sessions", "check-ins", "measures"):
        page = client.get(f"/api/v1/me/{path}", **headers).json()
        assert page["total"] == 0
        assert page["items"] == []
    mine = client.get("/api/v1/me/sessions", **bearer(alice.owner)).json()
    assert mine["total"] == 1


def test_the_session_writes_only_with_its_csrf_token(alice: Assessment) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice.owner)
    body = json.dumps({"pain": 3})
    refused = client.post("/api/v1/me/check-ins", body, content_type="application/json")
    assert refused.status_code == 403
    assert not CheckIn.objects.exists()
    client.get("/account/")  # the page sets the CSRF cookie, as the app's pages do
    csrf = client.cookies["csrftoken"].value
    kept = client.post(
        "/api/v1/me/check-ins", body, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert kept.status_code == 201
    assert client.get("/api/v1/me/check-ins").json()["total"] == 1
