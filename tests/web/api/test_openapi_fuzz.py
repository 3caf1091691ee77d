"""Schemathesis against the OpenAPI document: every operation, with data that keeps the schema
and data that breaks it, must answer without a server error, with a status, media type, headers
and body the document declares, and must refuse what the schema forbids.

Bounded and repeatable, once per ``make test`` (on SQLite; the PostgreSQL pass of tests/web
has the other API tests): derandomized Hypothesis, a fixed number of examples per operation, as
a signed-in person with a read-and-write token who has a plan, a session, a check-in and a
measure (so ids can hit real rows), and throttles set high enough not to cut the run short.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.helpers import example
from unknot.web.accounts.models import User
from unknot.web.api.main import api
from unknot.web.api.tokens import make_token
from unknot.web.care import services
from unknot.web.care.diary import services as diary

EXAMPLES = 6  # per operation, for each generation mode; about 40 operations
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = WSGIHandler()
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(autouse=True)
def connection_kept_open() -> Iterator[None]:
    """Django's WSGI handler closes old database connections around each request; the test's
    transaction lives on that connection, so keep it open, as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token() -> str:
    alice = User.objects.create_user(email="alice@example.org", password="alice's password 1")
    plan = services.save_assessment(alice, example())
    services.record_session(
        alice,
        plan,
        {"planned_steps": 4, "done_steps": 4, "pain_before": 5, "pain_after": 3, "seconds": 600},
    )
    diary.save_check_in(alice, 4, ["pain_sitting_long"], "a note")
    diary.save_measure(alice, "odi", {"sections": [2, 1, 3, None, 2, 1, 2, 2, 1, 2]})
    return make_token(alice, "schemathesis", "write")[1]


@pytest.mark.skipif(
    "sqlite" not in django_settings.DATABASES["default"]["ENGINE"],
    reason="run once per `make test`, on SQLite; the PostgreSQL pass has the other API tests",
)
@pytest.mark.django_db
@override_settings(API_LIMITS={"anonymous": 100_000, "person": 100_000})
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_its_contract(case: schemathesis.Case, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers, checks=CHECKS)
