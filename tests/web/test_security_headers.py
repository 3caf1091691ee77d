from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_every_page_has_a_strict_content_security_policy(client: Client) -> None:
    for url in ("/", "/healthz", "/no-such-page"):
        policy = client.get(url).headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy


def test_it_refuses_to_be_framed(client: Client) -> None:
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
