"""The results page, for a visitor (/results/) and for an owner (/plans/<pk>/): verdict first,
the muscles with why and sources, their referral maps beside the person's own, and the plan phase
by phase; strangers see nothing."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.test import Client

from tests.helpers import example, headline, words
from tests.web.intake_steps import answer, html
from unknot.knowledge import load_knowledge
from unknot.knowledge.models import Phase
from unknot.web.accounts.models import User
from unknot.web.care import guest, services
from unknot.web.care.models import Assessment

pytestmark = pytest.mark.django_db

MAX_HTML_BYTES = 150_000  # without the pictures


@pytest.fixture
def visitor_page(client: Client) -> str:
    answer(client)
    response = client.get("/results/")
    assert response.status_code == 200
    return html(response)


@pytest.fixture
def alice() -> User:
    return User.objects.create_user(email="alice@example.org", password="alice's password 1")


@pytest.fixture
def alice_plan(alice: User) -> Assessment:
    return services.save_assessment(alice, example())


def test_the_verdict_comes_first_then_the_plan_then_the_muscles(visitor_page: str) -> None:
    page = words(visitor_page)
    order = [
        page.index(headline("self_care")),
        page.index('id="plan-title"'),
        page.index('id="muscles-title"'),
        page.index('id="references-title"'),
    ]
    assert order == sorted(order)


def test_sources_are_numbered_once_at_the_foot(visitor_page: str) -> None:
    kb = load_knowledge()
    cited = re.findall(r'href="#ref-(\d+)"', visitor_page)
    listed = re.findall(r'<li id="ref-(\d+)">', visitor_page)
    assert cited and set(cited) <= set(listed)
    assert len(listed) == len(set(listed))
    assert visitor_page.count(f"<cite>{kb.sources['tufo_2012'].title}</cite>") == 1


def test_muscles_are_ranked_with_why_and_sources_and_never_a_diagnosis(visitor_page: str) -> None:
    kb = load_knowledge()
    page = words(visitor_page)
    assert "Not a diagnosis" in page
    assert page.index(">Psoas</h3>") < page.index(">Iliacus</h3>")
    assert "Sitting keeps the psoas short" in page
    assert "Fits your answers well" in page
    assert re.search(r'<meter [^>]*value="0\.\d+"', visitor_page)
    assert kb.sources["tufo_2012"].title in page  # a source resolved to its title
    assert "tufo_2012" not in page


def test_the_persons_pain_shows_front_and_back_and_the_top_muscles_their_maps(
    visitor_page: str,
) -> None:
    assert 'id="own-front-front-t"' in visitor_page and 'id="own-back-back-t"' in visitor_page
    assert 'data-region="low_back" data-side="right" data-pain="6"' in visitor_page
    region = load_knowledge().regions["low_back"].name
    assert f"{region}, right: 6 out of 10" in words(visitor_page)
    assert visitor_page.count("Where pain from it is usually felt") == 3
    assert 'class="muscle-picture"' in visitor_page  # where the psoas is


def test_every_svg_id_on_the_page_is_unique(visitor_page: str) -> None:
    ids = Counter(re.findall(r'\bid="([^"]+)"', visitor_page))
    repeated = {i: n for i, n in ids.items() if n > 1}
    assert not repeated
    for ref in re.findall(r"url\(#([^)]+)\)", visitor_page):
        assert ref in ids
    for labels in re.findall(r'aria-labelledby="([^"]+)"', visitor_page):
        for label in labels.split():
            assert label in ids


def test_the_plan_runs_in_session_order_and_every_item_links_to_its_page(
    visitor_page: str,
) -> None:
    kb = load_knowledge()
    planned = re.findall(r'data-technique="(\w+)"', visitor_page)
    phases = [list(Phase).index(kb.techniques[t].phase) for t in planned]
    assert len(planned) >= 3 and phases == sorted(phases)
    for technique_id in planned:
        assert f'href="/techniques/{technique_id}/"' in visitor_page
        assert kb.techniques[technique_id].steps[0].replace("'", "&#x27;") in visitor_page
    page = words(visitor_page)
    assert "How much" in page and "Sides" in page and "You use" in page
    assert f"Fits your {example()['minutes']} minutes" in page
    assert visitor_page.count('class="technique-picture"') >= len(planned)
    assert "<title id=" in visitor_page  # every picture carries a text alternative
    assert "Your week" in page
    assert 'href="/results/handout.pdf"' in visitor_page


def test_a_substitution_is_named_with_its_note(client: Client) -> None:
    answer(
        client,
        setup={"props": ["books"], "minutes_choice": "30", "floor_ok": "yes", "experience": "new"},
    )
    page = words(html(client.get("/results/")))
    assert 'class="substitution"' in page
    assert "books instead of yoga block" in page


def test_a_visitor_gets_the_guest_session_and_an_invitation_to_keep_the_plan(
    visitor_page: str,
) -> None:
    assert 'href="/results/session/"' in visitor_page
    assert "Start the guided session" in visitor_page
    assert 'href="/signup/"' in visitor_page
    assert "Keep this plan and a diary" in visitor_page


def test_the_page_is_light_and_keeps_the_content_security_policy(visitor_page: str) -> None:
    without_pictures = re.sub(r"<svg.*?</svg>", "", visitor_page, flags=re.S)
    assert len(without_pictures.encode()) < MAX_HTML_BYTES
    assert len(visitor_page.encode()) < 2 * MAX_HTML_BYTES  # everything, pictures included
    assert "<style" not in visitor_page
    assert " style=" not in visitor_page
    assert re.findall(r"<script(?![^>]*\bsrc=)", visitor_page) == []
    assert "http://" not in without_pictures and "https://" not in without_pictures


def test_an_owner_sees_their_plan_with_their_own_session_link(
    client: Client, alice_plan: Assessment
) -> None:
    client.force_login(alice_plan.owner)
    response = client.get(f"/plans/{alice_plan.pk}/")
    assert response.status_code == 200
    page = html(response)
    assert f'href="/plans/{alice_plan.pk}/session/"' in page
    assert "Keep this plan and a diary" not in page
    assert ">Psoas</h3>" in page


def test_bob_gets_404_on_alices_plan(client: Client, alice_plan: Assessment) -> None:
    bob = User.objects.create_user(email="bob@example.org", password="bob's password 22")
    client.force_login(bob)
    response = client.get(f"/plans/{alice_plan.pk}/")
    assert response.status_code == 404
    assert "Psoas" not in html(response)


def test_a_visitor_is_sent_to_sign_in_for_a_plan_page(
    client: Client, alice_plan: Assessment
) -> None:
    response = client.get(f"/plans/{alice_plan.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_my_plan_goes_to_the_latest_assessment(client: Client, alice: User) -> None:
    client.force_login(alice)
    assert client.get("/plan/")["Location"] == "/start/"
    services.save_assessment(alice, example())
    newest = services.save_assessment(alice, example(minutes=5))
    assert client.get("/plan/")["Location"] == f"/plans/{newest.pk}/"


def test_a_visitors_plan_link_goes_to_their_results_or_the_start(client: Client) -> None:
    assert client.get("/plan/")["Location"] == "/start/"
    assert client.get("/results/")["Location"] == "/start/"
    answer(client)
    assert client.get("/plan/")["Location"] == "/results/"


def test_a_stored_intake_the_knowledge_base_no_longer_accepts_is_explained(
    client: Client, alice: User
) -> None:
    kept = Assessment.objects.create(
        owner=alice, intake=example(props=["pogo_stick"]), verdict="self_care"
    )
    client.force_login(alice)
    response = client.get(f"/plans/{kept.pk}/")
    assert response.status_code == 200
    page = words(html(response))
    assert "These answers need another look" in page
    assert "pogo_stick" in page


def test_a_visitors_results_survive_signing_up(client: Client) -> None:
    answer(client)
    document = guest.intake(client.session)
    response = client.post(
        "/signup/",
        {
            "email": "carol@example.org",
            "password": "a long pass phrase 9",
            "password2": "a long pass phrase 9",
        },
    )
    kept = Assessment.objects.get(owner__email="carol@example.org")
    assert response["Location"] == f"/plans/{kept.pk}/"
    assert kept.intake == document
