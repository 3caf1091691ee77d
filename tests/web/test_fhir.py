"""A person's record as a FHIR R4 Bundle: it validates against the FHIR models (fhir.resources,
R4B), holds no personal data beyond an id, codes pain and Oswestry with LOINC, says plainly
where no LOINC code exists, and models the plan as the Physical Activity IG models exercise.
Offered on the account page, through the API and by ``unknot export --fhir``."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from django.test import Client
from fhir.resources.R4B.bundle import Bundle
from typer.testing import CliRunner

from tests.helpers import example
from tests.web.people import signed_in
from unknot.cli.app import app as cli
from unknot.knowledge.measures import load_measures
from unknot.web.accounts.models import User
from unknot.web.api.tokens import make_token
from unknot.web.care import services
from unknot.web.care.diary import services as diary
from unknot.web.care.fhir import LOINC, fhir_bundle

pytestmark = pytest.mark.django_db
MEASURES = {
    "nprs": {"rating": 5},
    "rmdq": {"answers": [True] * 5 + [False] * 19},
    "odi": {"sections": [2, 1, 3, None, 2, 1, 2, 2, 1, 2]},
    "startback": {"answers": [True, False, True, True, False, True, False, False, "very_much"]},
    "psfs": {"activities": [["walking", 4], ["sitting", 6]]},
}


@pytest.fixture
def alice() -> User:
    user = User.objects.create_user(email="alice@example.org", password="alice's password 1")
    plan = services.save_assessment(user, example())
    for before, after, done in ((6, 4, 5), (5, 5, 2)):
        services.record_session(
            user,
            plan,
            {
                "planned_steps": 5,
                "done_steps": done,
                "seconds": 600,
                "pain_before": before,
                "pain_after": after,
                "note": "felt looser",
            },
        )
    diary.save_check_in(user, 4, ["pain_sitting_long"], "")
    assert set(MEASURES) == set(load_measures())
    for measure, answers in MEASURES.items():
        diary.save_measure(user, measure, answers)
    return user


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def codes(resource: dict[str, Any]) -> set[tuple[str, str]]:
    return {(c["system"], c["code"]) for c in resource["code"]["coding"]}


def test_a_record_with_a_plan_sessions_and_all_five_measures_validates(alice: User) -> None:
    bundle = fhir_bundle(alice)
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection"
    assert len(resources(bundle, "QuestionnaireResponse")) == len(MEASURES)
    assert len(resources(bundle, "Procedure")) == 2
    assert len(resources(bundle, "CarePlan")) == 1


def test_the_patient_holds_no_personal_data(alice: User) -> None:
    bundle = fhir_bundle(alice)
    (patient,) = resources(bundle, "Patient")
    assert set(patient) == {"resourceType", "id"}
    assert alice.email not in json.dumps(bundle)


def test_pain_and_oswestry_carry_loinc_and_the_rest_say_they_have_none(alice: User) -> None:
    observations = resources(fhir_bundle(alice), "Observation")
    found = set().union(*(codes(o) for o in observations))
    assert {(LOINC, "72514-3"), (LOINC, "97909-6"), (LOINC, "97908-8")} <= found
    panel = next(o for o in observations if (LOINC, "97908-8") in codes(o))
    assert panel["hasMember"]
    for measure in ("rmdq", "startback", "psfs"):
        local = next(o for o in observations if any(c == measure for _, c in codes(o)))
        assert "no LOINC code" in local["code"]["text"]
        assert any("No LOINC code" in n["text"] for n in local["note"])
    pains = [o for o in observations if (LOINC, "72514-3") in codes(o)]
    assert len(pains) == 1 + 4 + 1  # the NPRS measure, before and after two sessions, a check-in


def test_the_plan_is_a_care_plan_with_each_technique_and_its_dose(alice: User) -> None:
    (plan,) = resources(fhir_bundle(alice), "CarePlan")
    assert plan["status"] == "active"
    assert {"PhysicalActivity"} <= {c["coding"][0]["code"] for c in plan["category"]}
    kept = services.latest_assessment(alice)
    assert kept is not None
    routine = services.evaluate(kept.intake).answer.routine
    assert routine is not None
    assert [a["detail"]["code"]["coding"][0]["code"] for a in plan["activity"]] == [
        i.technique.id for i in routine.items
    ]
    for activity, item in zip(plan["activity"], routine.items, strict=True):
        assert item.technique.dose.text in activity["detail"]["description"]
        assert activity["detail"]["scheduledTiming"]["repeat"]["duration"] == item.seconds


def test_a_paused_plan_is_on_hold(alice: User) -> None:
    diary.save_check_in(alice, 7, ["fever"], "")
    (plan,) = resources(fhir_bundle(alice), "CarePlan")
    assert plan["status"] == "on-hold"
    assert {a["detail"]["status"] for a in plan["activity"]} == {"on-hold"}


def keep_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line names unknot's settings in the environment; put the tests' back after."""
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", os.environ["DJANGO_SETTINGS_MODULE"])


def test_the_account_page_the_api_and_the_command_line_give_the_same_record(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    download = signed_in(alice).get("/account/export.fhir.json")
    assert download["Content-Type"] == "application/fhir+json"
    assert "attachment" in download["Content-Disposition"]
    header = {"HTTP_AUTHORIZATION": f"Bearer {make_token(alice, 'clinic', 'read')[1]}"}
    through_api = Client().get("/api/v1/me/fhir", **header)
    assert through_api["Content-Type"] == "application/fhir+json"
    keep_settings(monkeypatch)
    exported = CliRunner().invoke(cli, ["export", alice.email, "--fhir"])
    assert exported.exit_code == 0, exported.output
    documents = [json.loads(download.content), through_api.json(), json.loads(exported.stdout)]
    entries = [[e["fullUrl"] for e in d["entry"]] for d in documents]
    assert entries[0] == entries[1] == entries[2]
    for document in documents:
        Bundle.model_validate(document)


def test_the_command_line_refuses_an_unknown_account(monkeypatch: pytest.MonkeyPatch) -> None:
    keep_settings(monkeypatch)
    result = CliRunner().invoke(cli, ["export", "nobody@example.org", "--fhir"])
    assert result.exit_code == 1
    assert "no account" in result.stderr
