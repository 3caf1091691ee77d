"""Three people, as in healthchecks' tests: alice owns the data, bob is another signed-in person,
and charlie is a visitor who is not signed in. bob must see nothing of alice's, as if it did not
exist (404), and charlie is sent to sign in. The table below must name every URL that takes an id:
a new one fails ``test_every_url_with_an_id_is_in_the_table`` until it is added here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.helpers import example
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.models import Assessment, CheckIn, MeasureResult, SessionRecord

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    name: str  # the URL name
    method: str  # "get" or "post"
    data: dict[str, Any]
    target: Callable[[Assessment], int]  # which of alice's rows the id names


SESSION_LOG = {"planned_steps": 3, "done_steps": 3, "pain_before": 5, "pain_after": 3}
CASES = [
    Case("assessment", "get", {}, lambda a: a.pk),
    Case("session", "get", {}, lambda a: a.pk),
    Case("session_log", "post", SESSION_LOG, lambda a: a.pk),
    Case("calendar", "get", {}, lambda a: a.pk),
    Case("handout", "get", {}, lambda a: a.pk),
    Case("minutes", "post", {"minutes": 5}, lambda a: a.pk),
    Case("diary_session", "get", {}, lambda a: SessionRecord.objects.create(owner=a.owner).pk),
    Case("delete_check_in", "post", {}, lambda a: CheckIn.objects.create(owner=a.owner).pk),
    Case("delete_session", "post", {}, lambda a: SessionRecord.objects.create(owner=a.owner).pk),
    Case("measure_result", "get", {}, lambda a: _nprs(a).pk),
    Case("delete_measure_result", "post", {}, lambda a: _nprs(a).pk),
]
MODELS = (Assessment, SessionRecord, CheckIn, MeasureResult)


def _nprs(a: Assessment) -> MeasureResult:
    return MeasureResult.objects.create(
        owner=a.owner, measure="nprs", answers={"rating": 3}, score=3
    )


def _rows() -> dict[str, list[tuple[object, ...]]]:
    """Every owned row, whole, so a test can see that nothing changed."""
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
def alice_assessment() -> Assessment:
    alice = User.objects.create_user(email="alice@example.org", password="alice's password 1")
    return services.save_assessment(alice, example())


@pytest.fixture
def bob() -> User:
    return User.objects.create_user(email="bob@example.org", password="bob's password 22")


def _ask(client: Client, case: Case, assessment: Assessment) -> Any:
    url = reverse(case.name, kwargs={"pk": case.target(assessment)})
    if case.method == "post":
        return client.post(url, case.data)
    return client.get(url)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_alice_reaches_her_own(client: Client, alice_assessment: Assessment, case: Case) -> None:
    client.force_login(alice_assessment.owner)
    response = _ask(client, case, alice_assessment)
    assert response.status_code in (200, 201, 302)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bob_gets_404_on_alices(
    client: Client, alice_assessment: Assessment, bob: User, case: Case
) -> None:
    client.force_login(bob)
    url = reverse(case.name, kwargs={"pk": case.target(alice_assessment)})
    before = _rows()
    response = client.post(url, case.data) if case.method == "post" else client.get(url)
    assert response.status_code == 404
    assert "alice" not in response.content.decode()
    assert _rows() == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_visitor_is_sent_to_sign_in(
    client: Client, alice_assessment: Assessment, case: Case
) -> None:
    response = _ask(client, case, alice_assessment)
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/login/")


def test_a_missing_id_is_404_not_an_error(client: Client, bob: User) -> None:
    client.force_login(bob)
    assert client.get("/plans/999999/").status_code == 404
