from __future__ import annotations

import re

import pytest
from django.test import Client

from unknot.knowledge import KnowledgeBase


@pytest.mark.django_db
def test_it_shows_the_home_page_with_every_technique(client: Client, kb: KnowledgeBase) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "not a diagnosis" in html
    for technique in kb.techniques.values():
        assert technique.name.replace("'", "&#x27;") in html


def test_it_groups_techniques_by_phase_in_session_order(client: Client) -> None:
    html = client.get("/").content.decode()
    positions = [html.find(f'id="phase-{p}"') for p in ("release", "stretch", "strengthen")]
    assert all(p > 0 for p in positions)
    assert positions == sorted(positions)


def test_it_serves_its_own_stylesheet(client: Client) -> None:
    response = client.get("/static/care/unknot.css")
    assert response.status_code == 200
    assert b"--paper" in b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_the_page_loads_nothing_from_a_third_party(client: Client) -> None:
    html = client.get("/").content.decode()
    assert "http://" not in html
    assert "https://" not in html
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert all(re.search(r'\bsrc="/static/', tag) for tag in scripts), scripts


def test_it_lists_the_urgent_warning_signs_from_the_knowledge_base(
    client: Client, kb: KnowledgeBase
) -> None:
    html = client.get("/").content.decode()
    for rule in kb.red_flags.values():
        shown = rule.title.replace("'", "&#x27;") in html
        assert shown is (rule.tier.value in ("urgent", "emergency")), rule.id
