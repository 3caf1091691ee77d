"""Web tests: fast password hashing, as healthchecks does."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _fast_hasher(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture
def client() -> Client:
    return Client()
