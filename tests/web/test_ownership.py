"""Every URL that takes an id, for every persona (as in healthchecks' tests): alice owns the
data; paula is alice's practitioner, linked with alice's consent; peter is another practitioner
(with a client of his own); bob is a signed-in stranger; and a visitor is not signed in.

alice reaches all her own rows and none of the practitioner pages about herself; paula reads
what alice shares and changes nothing of alice's own rows; peter and bob get a 404 on
everything, exactly as if it did not exist, and nothing changes (no audit entry either); the
visitor is sent to sign in. After alice revokes, paula gets a 404 on everything too. The table
must name every URL that takes an id: a new one fails ``test_every_url_with_an_id_is_in_the_table``
until it is added here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.web import practice_world
from tests.web.practice_world import World
from unknot.web.api.models import AccessToken
from unknot.web.api.tokens import make_token
from unknot.web.care.models import Assessment, CheckIn, MeasureResult, SessionRecord
from unknot.web.practice import linking
from unknot.web.practice.models import (
    AuditEntry,
    Link,
    Practitioner,
    Program,
    ProgramVersion,
    RecordedClearance,
)

pytestmark = pytest.mark.django_db

OK = (200, 201, 302)
NO = (404,)


@dataclass(frozen=True)
class Case:
    name: str  # the URL name
    method: str  # "get" or "post"
    data: dict[str, Any]
    target: Callable[[World], int]  # which row the id names
    alice: tuple[int, ...]  # what the person gets
    paula: tuple[int, ...]  # what her practitioner gets
    kwargs: dict[str, str] = field(default_factory=dict)


def _session(w: World) -> int:
    return SessionRecord.objects.create(owner=w.alice, assessment=w.assessment).pk


def _nprs(w: World) -> int:
    row = MeasureResult.objects.create(owner=w.alice, measure="nprs", answers={"rating": 3},
                                       score=3)  # fmt: skip
    return row.pk


SESSION_LOG = {"planned_steps": 3, "done_steps": 3, "pain_before": 5, "pain_after": 3}
CASES = [
    Case("assessment", "get", {}, lambda w: w.assessment.pk, OK, OK),
    Case("session", "get", {}, lambda w: w.assessment.pk, OK, NO),
    Case("session_log", "post", SESSION_LOG, lambda w: w.assessment.pk, OK, NO),
    Case("calendar", "get", {}, lambda w: w.assessment.pk, OK, NO),
    Case("handout", "get", {}, lambda w: w.assessment.pk, OK, OK),
    Case("minutes", "post", {"minutes": 5}, lambda w: w.assessment.pk, OK, NO),
    Case("diary_session", "get", {}, _session, OK, OK),
    Case("delete_check_in", "post", {}, lambda w: CheckIn.objects.create(owner=w.alice).pk, OK, NO),
    Case("delete_session", "post", {}, _session, OK, NO),
    Case("measure_result", "get", {}, _nprs, OK, OK),
    Case("delete_measure_result", "post", {}, _nprs, OK, NO),
    Case(
        "api_token_revoke",
        "post",
        {},
        lambda w: make_token(w.alice, "clinic", "read")[0].pk,
        OK,
        NO,
    ),
    Case("client_record", "get", {}, lambda w: w.link.pk, NO, OK),
    Case("client_program", "get", {}, lambda w: w.link.pk, NO, OK),
    Case("client_clearance", "get", {}, lambda w: w.link.pk, NO, OK),
    Case("client_measure", "get", {}, lambda w: w.link.pk, NO, OK, {"measure": "odi"}),
    Case("revoke_link", "post", {}, lambda w: w.link.pk, OK, NO),
]
MODELS = (Assessment, SessionRecord, CheckIn, MeasureResult, AccessToken, Link, Practitioner,
          Program, ProgramVersion, RecordedClearance, AuditEntry)  # fmt: skip
PAULA_READS = [c for c in CASES if c.paula == OK]


def _rows() -> dict[str, list[tuple[object, ...]]]:
    """Every row, whole, so a test can see that nothing changed."""
    return {m.__name__: sorted(map(tuple, m.objects.values_list())) for m in MODELS}


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, str]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name, prefix + str(entry.pattern)


def test_every_url_with_an_id_is_in_the_table() -> None:
    with_ids = {name for name, route in _patterns(get_resolver()) if "<int:pk>" in route}
    assert with_ids == {case.name for case in CASES}


@pytest.fixture
def world() -> World:
    return practice_world.build()


def _ask(client: Client, case: Case, w: World) -> Any:
    url = reverse(case.name, kwargs={"pk": case.target(w), **case.kwargs})
    return client.post(url, case.data) if case.method == "post" else client.get(url)


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_alice(world: World, case: Case) -> None:
    assert _ask(_as(world.alice), case, world).status_code in case.alice


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_paula_her_practitioner(world: World, case: Case) -> None:
    client = _as(world.paula)
    url = reverse(case.name, kwargs={"pk": case.target(world), **case.kwargs})
    before = _rows()
    response = client.post(url, case.data) if case.method == "post" else client.get(url)
    assert response.status_code in case.paula
    if case.paula == NO:
        assert _rows() == before


@pytest.mark.parametrize("stranger", ["peter", "bob"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_another_practitioner_and_a_stranger_get_404(world: World, case: Case,
                                                      stranger: str) -> None:  # fmt: skip
    client = _as(getattr(world, stranger))
    url = reverse(case.name, kwargs={"pk": case.target(world), **case.kwargs})
    before = _rows()
    response = client.post(url, case.data) if case.method == "post" else client.get(url)
    assert response.status_code == 404
    assert "alice" not in response.content.decode()
    assert _rows() == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_visitor_is_sent_to_sign_in(world: World, case: Case) -> None:
    response = _ask(Client(), case, world)
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("case", PAULA_READS, ids=lambda c: c.name)
def test_after_a_revoke_paula_gets_404(world: World, case: Case) -> None:
    linking.revoke(world.link)
    before = _rows()
    assert _ask(_as(world.paula), case, world).status_code == 404
    assert _rows()["AuditEntry"] == before["AuditEntry"]


def test_a_missing_id_is_404_not_an_error(world: World) -> None:
    client = _as(world.bob)
    assert client.get("/plans/999999/").status_code == 404
    assert client.get("/practice/clients/999999/").status_code == 404
