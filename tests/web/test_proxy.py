"""Behind a TLS proxy: the forwarded scheme and client address are believed from a trusted proxy
only, and the client is the right-most address the trusted hops did not add themselves."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from unknot.web.accounts import throttle
from unknot.web.accounts.models import Attempt

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _https_behind_a_proxy(settings: Any) -> None:
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000


def _get(peer: str, **headers: str) -> Any:
    return Client(REMOTE_ADDR=peer).get("/", headers=headers)


def test_https_from_the_trusted_proxy_is_believed() -> None:
    response = _get("127.0.0.1", x_forwarded_proto="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_anyone_else_claiming_https_is_sent_to_https() -> None:
    response = _get("203.0.113.9", x_forwarded_proto="https")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("127.0.0.1", "198.51.100.7", "198.51.100.7"),
        ("127.0.0.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the left one is made up
        ("127.0.0.1", "198.51.100.7, 127.0.0.1", "198.51.100.7"),  # two trusted hops
        ("127.0.0.1", "garbage, 198.51.100.7", "198.51.100.7"),
        ("127.0.0.1", "198.51.100.7, garbage", "127.0.0.1"),
        ("203.0.113.9", "198.51.100.7", "203.0.113.9"),  # not a proxy we trust
    ],
)
def test_sign_in_counts_by_the_real_client(peer: str, forwarded: str, client: str) -> None:
    browser = Client(REMOTE_ADDR=peer)
    headers = {"x_forwarded_for": forwarded, "x_forwarded_proto": "https"}
    browser.post(
        "/login/", {"email": "a@example.org", "password": "guess"}, headers=headers, secure=True
    )
    assert Attempt.objects.filter(key=throttle.SIGN_IN.key("a@example.org", client)).exists()


def test_one_persons_typos_behind_the_proxy_do_not_lock_out_another(alice: Any) -> None:
    def sign_in(ip: str, password: str) -> int:
        return (
            Client(REMOTE_ADDR="127.0.0.1")
            .post(
                "/login/",
                {"email": "alice@example.org", "password": password},
                headers={"x_forwarded_for": ip, "x_forwarded_proto": "https"},
                secure=True,
            )
            .status_code
        )

    for _ in range(throttle.SIGN_IN_CLIENT.limit):
        sign_in("198.51.100.7", "typo")
    assert sign_in("198.51.100.8", "alice password 42") == 302
