"""Web tests: fast password hashing, as healthchecks does, and the people most tests need:
alice, who owns the data, and bob, another signed-in person who must see none of it."""

from __future__ import annotations

import pytest
from django.test import Client

from unknot.web.accounts.models import User


@pytest.fixture(autouse=True)
def _fast_hasher(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture
def alice() -> User:
    return User.objects.create_user(email="alice@example.org", password="alice password 42")


@pytest.fixture
def bob() -> User:
    return User.objects.create_user(email="bob@example.org", password="bob password 42")
