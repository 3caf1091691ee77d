from __future__ import annotations

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_it_uses_the_database_the_environment_names() -> None:
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
