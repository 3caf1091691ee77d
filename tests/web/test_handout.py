"""The one-page handout: a PDF of the plan for its owner and for a visitor, never for a plan
that is paused or a verdict without a plan, one page for a short plan and two at most for an
hour; and `unknot plan --pdf` writes the same."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from typer.testing import CliRunner

from tests.helpers import INTAKE, example, headline, words
from tests.web.people import signed_in, visitor_with
from unknot.cli.app import app
from unknot.web.accounts.models import User
from unknot.web.care import services

pytestmark = pytest.mark.django_db
EVERY_PROP = sorted(services.kb().props)


def pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "handout.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "handout.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return words(done.stdout)


@pytest.fixture(autouse=True)
def _poppler() -> None:
    if shutil.which("pdfinfo") is None:
        pytest.fail("the handout tests need poppler-utils (apt-get install poppler-utils)")


def test_an_owner_gets_their_plan_as_a_pdf_with_every_item(alice: User, tmp_path: Path) -> None:
    plan = services.save_assessment(alice, example())
    response = signed_in(alice).get(f"/plans/{plan.pk}/handout.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content, tmp_path)
    routine = services.evaluate(plan.intake).answer.routine
    assert routine is not None
    for item in routine.items:
        assert item.technique.name in text
    assert f"/plans/{plan.pk}/session/" in text.replace(" ", "")  # the QR code's address
    kb = services.kb()
    assert kb.tiers.of("emergency").headline in text
    assert kb.tiers.of("urgent").headline in text
    assert f"Fits your {example()['minutes']} minutes" in text


@pytest.mark.parametrize(("minutes", "most"), [(5, 1), (15, 1), (30, 2), (60, 2)])
def test_it_fits_one_page_for_a_short_plan_and_two_for_an_hour(
    minutes: int, most: int, tmp_path: Path
) -> None:
    client = visitor_with(example(minutes=minutes, props=EVERY_PROP, experience="some"))
    response = client.get("/results/handout.pdf")
    assert response.status_code == 200
    assert 1 <= pages(response.content, tmp_path) <= most


def test_a_paused_plan_gets_a_plain_page_not_a_pdf(alice: User) -> None:
    plan = services.save_assessment(alice, example())
    services.save_assessment(alice, example(findings=["saddle_numbness"]))
    response = signed_in(alice).get(f"/plans/{plan.pk}/handout.pdf")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "This plan is paused" in words(response.content.decode())


def test_a_verdict_without_a_plan_gets_a_plain_page_saying_why(client: Client) -> None:
    visitor = visitor_with(example(cleared_by_clinician=False))
    response = visitor.get("/results/handout.pdf")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert headline("see_clinician") in words(response.content.decode())


def test_the_command_line_writes_the_same_handout(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    result = CliRunner().invoke(app, ["plan", str(INTAKE), "--pdf", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    assert pages(out.read_bytes(), tmp_path) == 1


def test_every_item_has_its_picture_and_key_steps_in_the_handout() -> None:
    from unknot.handout import handout_html

    kb = services.kb()
    result = services.evaluate(example(minutes=30, props=EVERY_PROP)).answer
    assert result.routine is not None
    html = handout_html(result, kb, session_url="http://x.test/s/", qr_uri="data:,")
    for item in result.routine.items:
        tech = item.technique
        assert '<img src="data:image/svg+xml;base64,' in html
        assert f'alt="{tech.name}"'.replace("'", "&#x27;") in html
        for n in tech.key_steps:
            assert tech.steps[n - 1].replace("'", "&#x27;") in html
    assert html.count('<section class="item">') == len(result.routine.items)
