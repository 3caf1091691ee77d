"""Pictures are drawn once and kept (``care.intake.svgs``), by the knowledge base's version and
every argument: another knowledge base or other ids get their own drawing, and a page full of
pictures has every id once."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pytest
from django.test import Client

from tests.helpers import example
from tests.web.people import visitor_with
from unknot.web.care import services
from unknot.web.care.intake import svgs


def test_the_same_picture_is_drawn_once() -> None:
    kb = services.kb()
    first = svgs.TECHNIQUES(kb, "psoas_sphinx_balls", "left", "i1")
    assert svgs.TECHNIQUES(kb, "psoas_sphinx_balls", "left", "i1") is first


def test_another_knowledge_base_gets_its_own_drawing() -> None:
    kb = services.kb()
    tech = kb.techniques["psoas_sphinx_balls"]
    renamed = tech.model_copy(update={"name": "A renamed technique"})
    other = dataclasses.replace(
        kb, techniques={**kb.techniques, tech.id: renamed}, version=kb.version + "-renamed"
    )
    assert "A renamed technique" not in svgs.TECHNIQUES(kb, tech.id, None, "i1")
    assert "A renamed technique" in svgs.TECHNIQUES(other, tech.id, None, "i1")
    assert "A renamed technique" not in svgs.TECHNIQUES(kb, tech.id, None, "i1")


@pytest.mark.parametrize("prefix", ["m0r", "m1r"])
def test_every_id_starts_with_the_ids_asked_for(prefix: str) -> None:
    svg = svgs.referral("psoas_major", "back", prefix)
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith(f"{prefix}-") for i in ids)
    for ref in re.findall(r"url\(#([^)]+)\)", svg):
        assert ref in ids


@pytest.mark.django_db
def test_a_results_page_has_every_id_once() -> None:
    client: Client = visitor_with(example())
    html = client.get("/results/").content.decode()
    ids = Counter(re.findall(r'\bid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    for ref in set(re.findall(r'aria-labelledby="([^"]+)"', html)):
        for one in ref.split():
            assert one in ids, one
