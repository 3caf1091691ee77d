"""The first step's body map: front and back drawn inline, every region tappable and named, and a
real form control for every region and side, so the step works without JavaScript and with a
keyboard or a screen reader."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from django.test import Client

from tests.helpers import SVG, parse_svg
from tests.web.intake_steps import html
from unknot.knowledge import load_knowledge
from unknot.pictures.bodymap import drawn_sides

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client: Client) -> str:
    return html(client.get("/start/where/"))


def _svgs(page: str) -> list[ET.Element]:
    return [parse_svg(s) for s in re.findall(r"<svg.*?</svg>", page, flags=re.S)]


def test_front_and_back_are_drawn_inline_with_every_region_a_named_target(page: str) -> None:
    svgs = _svgs(page)
    assert [s.get("data-view") for s in svgs] == ["back", "front"]
    drawn = set()
    for svg in svgs:
        areas = {z.get("data-area") for z in svg.iter(f"{SVG}rect") if z.get("class") == "zone"}
        for target in svg.iter(f"{SVG}g"):
            if target.get("class") != "target":
                continue
            assert target.get("id") and target.get("data-side") and target.get("data-name")
            assert target.get("data-area") in areas
            title = target.find(f"{SVG}title")
            assert title is not None and (title.text or "").strip()
            drawn.add(target.get("data-region"))
    assert drawn == set(load_knowledge().regions)


def test_every_region_and_side_has_its_own_labelled_control(page: str) -> None:
    kb = load_knowledge()
    for region in kb.regions.values():
        assert f"<legend>{region.name[:1].upper()}{region.name[1:]}</legend>" in page
        for side in drawn_sides(region):
            name = f"pain-{region.id}-{side}"
            assert f'name="{name}"' in page
            assert f'<label for="id_{name}">' in page
    assert '<option value="" selected>no pain</option>' in page
    assert '<option value="10">10</option>' in page


def test_ids_are_unique_even_for_regions_drawn_on_both_views(page: str) -> None:
    ids = Counter(re.findall(r'\bid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []


def test_the_script_and_styles_are_files_under_the_csp(page: str, client: Client) -> None:
    assert '<script type="module" src="/static/care/js/bodymap.js"></script>' in page
    assert '<link rel="stylesheet" href="/static/care/intake.css">' in page
    assert " style=" not in page and "<style" not in page
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []
    response = client.get("/static/care/js/bodymap.js")
    assert response.status_code == 200


def test_a_marked_place_is_shaded_and_numbered_when_the_step_is_shown_again(
    client: Client,
) -> None:
    client.post("/start/where/", {"pain-foot-left": "8"})
    page = html(client.get("/start/where/"))
    assert len(re.findall(r'data-region="foot" data-side="left"[^>]*data-pain="8"', page)) == 2
    assert re.search(r'class="pain-score" data-for="foot-left"[^>]*>8</text>', page)
