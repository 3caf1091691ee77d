"""Random and boundary values sent to every practitioner-mode form: never a server error. The
fields are read from each page's own HTML, so a new field is fuzzed too (as tests/web/test_fuzz)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.web import practice_world
from tests.web.people import signed_in
from tests.web.test_fuzz import FUZZ, VALUES, _assert_no_server_error, _fields

pytestmark = pytest.mark.django_db

PAGES = [
    ("paula", "/practice/profile/"),
    ("paula", "/practice/clients/{link}/program/"),
    ("paula", "/practice/clients/{link}/clearance/"),
    ("paula", "/practice/clients/{link}/measures/odi/"),
    ("peter", "/practice/clients/{peter_link}/clearance/"),
    ("alice", "/join/"),
]


@pytest.fixture
def world() -> dict[str, Any]:
    w = practice_world.build()
    peter_link = practice_world.link(w.alice, w.peter.practitioner)
    return {"paula": signed_in(w.paula), "peter": signed_in(w.peter), "alice": signed_in(w.alice),
            "link": w.link.pk, "peter_link": peter_link.pk}  # fmt: skip


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_a_practice_form_never_answers_a_server_error(world: dict[str, Any], who: str,
                                                      url: str) -> None:  # fmt: skip
    client = world[who]
    address = url.format(**world)
    names = _fields(client, address) or ["rules", "examined_on"]  # peter sees only a refusal

    @FUZZ
    @given(st.fixed_dictionaries(dict.fromkeys(names, VALUES)))
    def post(data: dict[str, str]) -> None:
        _assert_no_server_error(client, "post", address, data=data)

    post()


def test_any_code_in_the_address_never_answers_a_server_error() -> None:
    client = signed_in(practice_world.person("alice@example.org"))

    @FUZZ
    @given(code=VALUES)
    def ask(code: str) -> None:
        if "/" in code or not code.strip():
            return
        _assert_no_server_error(client, "get", f"/join/{code}/")

    ask()
