"""A person downloads everything they kept (JSON and CSV) and can delete it all for good."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from tests.helpers import example
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.models import Assessment, CheckIn, MeasureResult, SessionRecord

pytestmark = pytest.mark.django_db
PASSWORD = "a calm long walk 42"


def _person(email: str) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD)
    assessment = services.save_assessment(user, example())
    services.record_session(
        user, assessment, {"planned_steps": 8, "done_steps": 8, "pain_before": 5, "pain_after": 3}
    )
    CheckIn.objects.create(owner=user, pain=4, symptoms=["morning_stiffness"], note=f"{email} note")
    MeasureResult.objects.create(owner=user, measure="rmdq", answers={"total": 9}, score=9)
    return user


@pytest.fixture
def alice() -> User:
    return _person("alice@example.org")


@pytest.fixture
def bob() -> User:
    return _person("bob@example.org")


def test_the_json_export_holds_every_record_and_nobody_elses(
    client: Client, alice: User, bob: User
) -> None:
    client.force_login(alice)
    response = client.get("/account/export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode()  # streamed: bounded memory
    doc = json.loads(text)
    assert doc["format"] == "unknot-export/1"
    assert doc["account"]["email"] == "alice@example.org"
    assert [a["intake"] for a in doc["assessments"]] == [example()]
    assert [(s["pain_before"], s["pain_after"]) for s in doc["sessions"]] == [(5, 3)]
    assert [c["note"] for c in doc["check_ins"]] == ["alice@example.org note"]
    assert [(m["measure"], m["score"]) for m in doc["measures"]] == [("rmdq", 9)]
    assert "bob@example.org" not in text


def test_the_csv_export_has_one_row_per_record(client: Client, alice: User, bob: User) -> None:
    client.force_login(alice)
    response = client.get("/account/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()  # streamed: bounded memory
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["record"] for r in rows) == ["assessment", "check_in", "measure", "session"]
    check_in = next(r for r in rows if r["record"] == "check_in")
    assert (check_in["pain"], check_in["symptoms"]) == ("4", "morning_stiffness")
    assert json.loads(next(r for r in rows if r["record"] == "assessment")["details"]) == example()
    assert "bob@example.org" not in text


@pytest.mark.parametrize("url", ["/account/", "/account/export.json", "/account/export.csv"])
def test_a_visitor_must_sign_in_first(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_wrong_password_deletes_nothing(client: Client, alice: User) -> None:
    client.force_login(alice)
    response = client.post("/account/delete/", {"password": "not mine"})
    assert "nothing was deleted" in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()
    assert SessionRecord.objects.filter(owner=alice).exists()


def test_deleting_the_account_deletes_everything_it_owned_and_only_that(
    client: Client, alice: User, bob: User
) -> None:
    client.force_login(alice)
    response = client.post("/account/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(email="alice@example.org").exists()
    for model in (Assessment, SessionRecord, CheckIn, MeasureResult):
        assert list(model.objects.values_list("owner__email", flat=True).distinct()) == [
            "bob@example.org"
        ]
    assert "_auth_user_id" not in client.session
    assert client.get("/account/").status_code == 302


def test_the_streamed_exports_are_the_documents_text(alice: User) -> None:
    """The JSON streamed piece by piece is exactly ``json.dumps`` of the whole document, and the
    CSV rows are the whole table, for an empty and a longer diary."""
    from unknot.web.care import export

    for extra in (0, 1200):
        for i in range(extra):
            CheckIn.objects.create(owner=alice, pain=i % 11, note=f"note {i}", symptoms=["a"])
        whole = json.dumps(export.export_document(alice), indent=2, ensure_ascii=False)
        assert "".join(export.export_json(alice)) == whole
        assert "".join(export.export_csv_rows(alice)) == export.export_csv(alice)
