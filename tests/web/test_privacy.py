"""Private pages are never kept by a browser or a proxy; a spreadsheet opening an export runs
nothing a person typed."""

from __future__ import annotations

import csv
import io
import logging

import pytest
from django.test import Client

from tests.helpers import example
from tests.web.people import signed_in, visitor_with
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.models import CheckIn

pytestmark = pytest.mark.django_db


def test_every_page_of_a_signed_in_person_is_no_store(alice: User) -> None:
    plan = services.save_assessment(alice, example())
    client = signed_in(alice)
    for url in ("/", "/account/", "/diary/", f"/plans/{plan.pk}/", f"/plans/{plan.pk}/session/",
                "/account/export.csv", "/start/where/"):  # fmt: skip
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store", url


def test_a_visitors_results_are_no_store_too() -> None:
    response = visitor_with(example()).get("/results/")
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("note", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)",
                                  "\tcmd", "\rcmd"])  # fmt: skip
def test_the_csv_export_neutralises_formulas(alice: User, note: str) -> None:
    CheckIn.objects.create(owner=alice, pain=3, note=note)
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(signed_in(alice).get("/account/export.csv").streaming_content).decode()
            )
        )
    )
    cell = next(r for r in rows if r["record"] == "check_in")["note"]
    assert cell == "'" + note


def test_nothing_a_person_types_reaches_the_log(
    client: Client, alice: User, caplog: pytest.LogCaptureFixture
) -> None:
    secret_note = "my private note about my hip"
    with caplog.at_level(logging.DEBUG):
        client.post("/signup/", {"email": "dana@example.org", "password": "dana's new password 1"})
        client.post("/login/", {"email": "alice@example.org", "password": "a wrong password"})
        client.post("/password-reset/", {"email": "alice@example.org"})
        signed_in(alice).post("/diary/check-in/", {"pain": "4", "note": secret_note})
        signed_in(alice).post("/results/session/log", "[" * 1000, content_type="application/json")
    for typed in ("dana@example.org", "dana's new password", "a wrong password", secret_note,
                  "alice@example.org"):  # fmt: skip
        assert typed not in caplog.text
