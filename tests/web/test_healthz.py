from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_it_reports_the_app_and_database_healthy(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_refuses_post(client: Client) -> None:
    assert client.post("/healthz").status_code == 405
