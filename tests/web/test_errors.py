"""A failure inside a view: the person sees a calm page, never a traceback; the operator sees
the error in the server's log."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client

from tests.helpers import example
from unknot.web.accounts.models import User
from unknot.web.care import services

pytestmark = pytest.mark.django_db


def test_a_crash_shows_the_plain_error_page_and_logs_it(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    user = User.objects.create_user(email="alice@example.org", password="a long password 12")
    plan = services.save_assessment(user, example())

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the planner fell over")

    monkeypatch.setattr(services, "evaluate", broken)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(f"/plans/{plan.pk}/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "Traceback" not in page and "the planner fell over" not in page
    assert "the planner fell over" in caplog.text


def test_an_unknown_page_is_a_plain_404(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "This page is not here" in response.content.decode()
