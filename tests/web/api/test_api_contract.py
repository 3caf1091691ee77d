"""The API's contract as a client meets it: the same answer as the command line, problems for
every error, pages that walk the whole list, and an OpenAPI document that says all of it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from typer.testing import CliRunner

from tests.helpers import RED_FLAG, example, parse_svg
from unknot.cli.app import app as cli
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.questionnaires import load_questionnaires
from unknot.planning import ANSWER_SCHEMA
from unknot.web.accounts.models import User
from unknot.web.api.main import api
from unknot.web.api.problems import DECLARED
from unknot.web.api.tokens import make_token
from unknot.web.care.models import Assessment

pytestmark = pytest.mark.django_db
PROBLEM_KEYS = {"type", "title", "status", "detail", "errors"}


def post_json(client: Client, url: str, body: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    "intake",
    [example(), example(RED_FLAG), example(findings=["numb where I sit", "my cat sits on me"])],
    ids=["plan", "red flag", "everyday words"],
)
def test_assess_answers_exactly_what_the_command_line_answers(
    client: Client, intake: dict[str, Any]
) -> None:
    response = post_json(client, "/api/v1/assess", intake)
    assert response.status_code == 200
    cli_answer = json.loads(
        CliRunner().invoke(cli, ["assess", "--json"], input=json.dumps(intake)).stdout
    )
    assert response.json() == cli_answer
    assert response.json()["schema"] == ANSWER_SCHEMA


def test_a_red_flag_never_reaches_a_plan(client: Client) -> None:
    answer = post_json(client, "/api/v1/assess", example(RED_FLAG)).json()
    assert answer["screening"]["verdict"] == "emergency"
    assert answer["plan"] is None


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        (example(age=12), 422, "16"),
        (example(findings=["pain_standing_after_siting"]), 422, "did you mean"),
        ([1, 2], 400, "JSON object"),
        ("not json", 400, "not valid JSON"),
    ],
    ids=["a child", "a typo", "not an object", "not JSON"],
)
def test_a_bad_intake_gets_a_problem_with_the_cores_words(
    client: Client, body: Any, status: int, says: str
) -> None:
    data = body if isinstance(body, str) else json.dumps(body)
    response = client.post("/api/v1/assess", data, content_type="application/json")
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert set(problem) == PROBLEM_KEYS
    assert problem["status"] == status
    assert says in json.dumps(problem)


def test_nobody_sends_a_clinicians_recorded_clearance_with_an_intake(client: Client) -> None:
    recorded = {
        "rules": ["past_cancer"],
        "examined_on": "2026-01-05",
        "profession": "doctor",
        "by": "Dr Self",
    }
    intake = example(conditions=["cancer_history"], recorded_clearances=[recorded])
    alice = User.objects.create_user(email="alice@example.org", password="alice's password 1")
    header = {"HTTP_AUTHORIZATION": f"Bearer {make_token(alice, 'script', 'write')[1]}"}
    for url in ("/api/v1/assess", "/api/v1/me/assessments"):
        refused = client.post(url, json.dumps(intake), content_type="application/json", **header)
        assert refused.status_code == 422
        assert "practitioner" in refused.json()["errors"][0]["message"]
    assert not Assessment.objects.exists()


def test_an_oversized_intake_is_refused_before_it_is_read(
    client: Client, kb: KnowledgeBase
) -> None:
    big = example(findings=["x" * kb.intake_limits.document_bytes])
    response = post_json(client, "/api/v1/assess", big)
    assert response.status_code == 413
    assert response.json()["title"]


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/v1/nowhere", 404),
        ("delete", "/api/v1/assess", 405),
        ("get", "/api/v1/techniques/no_such_thing", 404),
        ("get", "/api/v1/me", 401),
    ],
)
def test_every_error_is_a_problem_document(
    client: Client, method: str, url: str, status: int
) -> None:
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert set(response.json()) == PROBLEM_KEYS


def test_the_openapi_document_declares_every_problem_for_every_operation(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert document["components"]["schemas"]["Intake"]["properties"]["age"]["minimum"] == 16
    for path, methods in document["paths"].items():
        for method, op in methods.items():
            for status in DECLARED:
                content = op["responses"][str(status)]["content"]
                assert "application/problem+json" in content, (method, path, status)


@pytest.mark.parametrize("table", ["techniques", "muscles", "sources", "red-flags", "findings"])
def test_a_page_walk_gives_every_entry_once(client: Client, kb: KnowledgeBase, table: str) -> None:
    url: str | None = f"/api/v1/{table}?limit=7"
    seen: list[str] = []
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    attribute = table.replace("-", "_")
    assert seen == list(getattr(kb, attribute))
    assert page["total"] == len(seen)


def test_techniques_filter_and_refuse_an_unknown_muscle(client: Client, kb: KnowledgeBase) -> None:
    page = client.get("/api/v1/techniques?phase=stretch&target=psoas_major&limit=200").json()
    expected = [
        t.id
        for t in kb.techniques.values()
        if t.phase.value == "stretch" and "psoas_major" in t.targets
    ]
    assert [t["id"] for t in page["items"]] == expected
    refused = client.get("/api/v1/techniques?target=psoas")
    assert refused.status_code == 422
    assert "psoas_major" in refused.json()["errors"][0]["message"]


def test_a_technique_says_which_conditions_rule_it_out(client: Client, kb: KnowledgeBase) -> None:
    tech = next(t for t in kb.techniques.values() if kb.conditions_ruling_out(t.id))
    data = client.get(f"/api/v1/techniques/{tech.id}").json()
    assert data["ruled_out_by_conditions"] == list(kb.conditions_ruling_out(tech.id))


def test_pictures_come_as_svg(client: Client, kb: KnowledgeBase) -> None:
    tech = next(t for t in kb.techniques.values() if t.one_sided)
    for url in (
        f"/api/v1/techniques/{tech.id}/picture.svg?side=left",
        "/api/v1/muscles/psoas_major/picture.svg",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")
        parse_svg(response.content.decode())


def test_a_questionnaire_comes_with_its_authors_notice_and_every_statement(
    client: Client,
) -> None:
    shipped = load_questionnaires()
    listed = client.get("/api/v1/questionnaires").json()
    assert [q["measure"] for q in listed["items"]] == list(shipped)
    rmdq = client.get("/api/v1/questionnaires/rmdq").json()
    assert rmdq["items"] == list(shipped["rmdq"].items)
    assert len(rmdq["items"]) == 24
    assert rmdq["notice"] == shipped["rmdq"].notice
    assert client.get("/api/v1/questionnaires/odi").status_code == 404  # licensed: never shipped


def test_the_verdict_table_is_the_knowledge_bases(client: Client, kb: KnowledgeBase) -> None:
    tiers = client.get("/api/v1/tiers").json()
    assert [(t["id"], t["headline"]) for t in tiers] == [
        (t.id.value, t.headline) for t in kb.tiers.tiers
    ]


def test_the_docs_page_is_the_apps_own_and_lists_every_operation(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert "cdn" not in html.lower()
    assert 'style="' not in html
    document = api.get_openapi_schema(path_prefix="/api/v1/")
    for methods in document["paths"].values():
        for op in methods.values():
            assert f'id="{op["operationId"]}"' in html
