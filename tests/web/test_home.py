from __future__ import annotations

import re

import pytest
from django.test import Client

from unknot.knowledge import KnowledgeBase


@pytest.mark.django_db
def test_it_says_what_unknot_is_and_leads_to_the_start_and_the_library(
    client: Client, kb: KnowledgeBase
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "not a diagnosis" in html
    assert 'href="/start/"' in html
    assert 'href="/techniques/"' in html
    assert f"{len(kb.techniques)} techniques" in html


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
