"""The technique library and a page for every technique: steps, picture, dose, props and honest
stand-ins, what rules it out and why, other versions and sources; an unknown id is a 404."""

from __future__ import annotations

import re
from html import escape

import pytest
from django.test import Client

from tests.helpers import words
from unknot.knowledge import KnowledgeBase

pytestmark = pytest.mark.django_db


def test_every_technique_has_a_page_with_its_steps_and_picture(
    client: Client, kb: KnowledgeBase
) -> None:
    for tech in kb.techniques.values():
        response = client.get(f"/techniques/{tech.id}/")
        assert response.status_code == 200, tech.id
        page = response.content.decode()
        for step in tech.steps:
            assert escape(step) in page, (tech.id, step)
        assert escape(tech.dose.text) in page
        pictures = page.count('class="technique-picture"')
        assert pictures == (2 if tech.one_sided else 1), tech.id  # both sides when one-sided
        for source in tech.sources:
            assert escape(kb.sources[source].title) in page
        picture = client.get(f"/techniques/{tech.id}.svg")
        assert picture.status_code == 200
        assert picture["Content-Type"].startswith("image/svg+xml")


def test_an_unknown_technique_is_a_plain_404(client: Client) -> None:
    assert client.get("/techniques/no_such_thing/").status_code == 404
    assert client.get("/techniques/no_such_thing.svg").status_code == 404


def test_a_page_says_which_conditions_rule_it_out_and_which_props_they_refuse(
    client: Client, kb: KnowledgeBase
) -> None:
    belly = kb.techniques["psoas_fingertips_supine"]
    page = words(client.get(f"/techniques/{belly.id}/").content.decode())
    for condition in kb.conditions_ruling_out(belly.id):
        assert escape(kb.conditions[condition].short.capitalize()) in page
    wall = words(re.sub(r"<[^>]+>", "", client.get("/techniques/ql_ball_wall/").content.decode()))
    osteoporosis = kb.conditions["osteoporosis"].short.capitalize()
    firm = kb.props["firm_ball"].name
    assert f"{osteoporosis} rules out pressing with {escape(firm)}" in wall


def test_the_library_lists_every_technique_with_a_thumbnail_and_a_link(
    client: Client, kb: KnowledgeBase
) -> None:
    page = client.get("/techniques/").content.decode()
    for tech in kb.techniques.values():
        assert f'href="/techniques/{tech.id}/"' in page
        assert f'src="/techniques/{tech.id}.svg"' in page


@pytest.mark.parametrize(
    ("query", "keeps"),
    [
        ("muscle=quadratus_lumborum", lambda t, kb: "quadratus_lumborum" in t.targets),
        ("phase=stretch", lambda t, kb: t.phase.value == "stretch"),
        ("prop=none", lambda t, kb: all(n.optional for n in t.props)),
    ],
)
def test_the_library_filters(client: Client, kb: KnowledgeBase, query: str, keeps: object) -> None:
    page = client.get(f"/techniques/?{query}").content.decode()
    shown = set(re.findall(r'href="/techniques/(\w+)/"', page))
    wanted = {t.id for t in kb.techniques.values() if keeps(t, kb)}  # type: ignore[operator]
    assert shown == wanted


def test_a_prop_filter_includes_honest_stand_ins(client: Client, kb: KnowledgeBase) -> None:
    page = client.get("/techniques/?prop=books").content.decode()
    assert 'href="/techniques/supported_bridge_block/"' in page
    assert 'href="/techniques/glute_bridge/"' not in page
