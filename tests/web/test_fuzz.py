"""Random and boundary values sent to every form and JSON endpoint: no answer is ever a server
error. The form fields are read from each page's own HTML, so a new field is fuzzed too.

Deterministic (``derandomize``) and short, so the suite stays fast; ``bench/fuzz_http.py`` runs
many more requests against a live server by hand.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import example
from tests.web.intake_steps import answer
from tests.web.people import signed_in, visitor_with
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.models import CheckIn, MeasureResult, SessionRecord

pytestmark = pytest.mark.django_db

BOUNDARY = [
    "", " ", "0", "-1", "1", "10", "11", "3.5", "1e309", "NaN", "²", "١٢", "\x00", "9" * 30,
    "a" * 5000, "true", "null", "<script>", "' OR 1=1 --", "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-12:00", "2026-02-30", "yes", "no", "on", "skipped", "\ud7ff", "🙂",
]  # fmt: skip
VALUES = st.one_of(st.sampled_from(BOUNDARY), st.text(max_size=40), st.integers().map(str))
JSON_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
    st.sampled_from(BOUNDARY),
)  # fmt: skip
JSON = st.recursive(JSON_LEAF, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=10), inner, max_size=3), max_leaves=8)  # fmt: skip
LOG_KEYS = ["planned_steps", "done_steps", "seconds", "pain_before", "pain_after", "note",
            "client_id", "at"]  # fmt: skip
FUZZ = settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')


def _fields(client: Client, url: str) -> list[str]:
    page = client.get(url).content.decode()
    names = dict.fromkeys(n for n in FIELD.findall(page) if n != "csrfmiddlewaretoken")
    return list(names)


def _assert_no_server_error(client: Client, method: str, url: str, **kwargs: Any) -> None:
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code < 500, (url, kwargs, response.status_code)


@pytest.fixture
def world(alice: User) -> dict[str, Any]:
    """alice with a plan, a session, a check-in and a result; a visitor with an intake."""
    plan = services.save_assessment(alice, example())
    session = SessionRecord.objects.create(owner=alice, assessment=plan, planned_steps=3)
    check = CheckIn.objects.create(owner=alice, pain=3)
    result = MeasureResult.objects.create(owner=alice, measure="nprs", answers={"rating": 3},
                                          score=3)  # fmt: skip
    person = signed_in(alice)
    answer(person)  # every step answered, so each step's page can be posted
    return {"alice": person, "visitor": visitor_with(example()), "plan": plan.pk,
            "session": session.pk, "check": check.pk, "result": result.pk}  # fmt: skip


FORM_PAGES = [
    ("visitor", "/signup/"), ("visitor", "/login/"), ("visitor", "/password-reset/"),
    ("alice", "/account/delete/"), ("alice", "/account/password/"),
    *(("alice", f"/start/{step}/") for step in ("where", "about", "safety", "health", "pain",
                                                "setup")),
    ("alice", "/diary/check-in/"), ("alice", "/diary/sessions/{session}/"),
    *(("alice", f"/diary/measures/{m}/") for m in ("nprs", "rmdq", "odi", "startback", "psfs")),
]  # fmt: skip
POSTS_WITHOUT_PAGE = [
    ("visitor", "/start/", ["from", "step"]), ("alice", "/start/", ["from", "step"]),
    ("visitor", "/results/minutes/", ["minutes"]), ("alice", "/plans/{plan}/minutes/", ["minutes"]),
    ("visitor", "/results/session/log", LOG_KEYS), ("alice", "/plans/{plan}/session/log", LOG_KEYS),
    ("alice", "/diary/check-ins/{check}/delete/", []),
    ("alice", "/diary/results/{result}/delete/", []),
]  # fmt: skip


@pytest.mark.parametrize(("who", "url"), FORM_PAGES)
def test_a_form_never_answers_a_server_error(world: dict[str, Any], who: str, url: str) -> None:
    client, url = world[who], url.format(**world)
    names = _fields(client, url)
    assert names, f"no fields found on {url}"

    @FUZZ
    @given(st.fixed_dictionaries({}, optional={n: VALUES | st.lists(VALUES, max_size=3)
                                               for n in names}))  # fmt: skip
    def run(data: dict[str, Any]) -> None:
        _assert_no_server_error(client, "post", url, data=data)

    run()


@pytest.mark.parametrize(("who", "url", "names"), POSTS_WITHOUT_PAGE)
def test_a_post_never_answers_a_server_error(
    world: dict[str, Any], who: str, url: str, names: list[str]
) -> None:
    client, url = world[who], url.format(**world)

    @FUZZ
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(names, VALUES)))
    def run(data: dict[str, Any]) -> None:
        _assert_no_server_error(client, "post", url, data=data)

    run()


@pytest.mark.parametrize("who", ["visitor", "alice"])
def test_the_session_log_never_answers_a_server_error_to_any_json(
    world: dict[str, Any], who: str
) -> None:
    client = world[who]
    url = "/results/session/log" if who == "visitor" else f"/plans/{world['plan']}/session/log"
    log = st.fixed_dictionaries({}, optional=dict.fromkeys(LOG_KEYS, JSON))

    @FUZZ
    @given(st.one_of(JSON, log))
    def run(body: Any) -> None:
        _assert_no_server_error(client, "post", url, data=json.dumps(body),
                                content_type="application/json")  # fmt: skip

    run()


@pytest.mark.parametrize(
    "url", ["/diary/?page={value}", "/plans/{plan}/session/?speed={value}", "/login/?next={value}"]
)
def test_query_values_never_answer_a_server_error(world: dict[str, Any], url: str) -> None:
    @FUZZ
    @given(VALUES)
    def run(value: str) -> None:
        _assert_no_server_error(world["alice"], "get", url.format(value=value, **world))

    run()
