"""What the pages write once and keep (the body map's lists, the pictures) is keyed by what
they show: one visitor's answers never appear on another's page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def chosen(page: str, name: str) -> str | None:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, name
    found = re.search(r'<option value="([^"]*)" selected>', select.group(1))
    return found.group(1) if found else None


def test_the_region_list_shows_each_visitors_own_answers() -> None:
    first, second = Client(), Client()
    empty = first.get("/start/where/").content.decode()
    assert chosen(empty, "pain-foot-left") == ""
    first.post("/start/where/", {"pain-foot-left": "8"})
    again = first.get("/start/where/").content.decode()
    assert chosen(again, "pain-foot-left") == "8"
    other = second.get("/start/where/").content.decode()
    assert chosen(other, "pain-foot-left") == ""
    second.post("/start/where/", {"pain-foot-left": "3"})
    assert chosen(second.get("/start/where/").content.decode(), "pain-foot-left") == "3"
    assert chosen(first.get("/start/where/").content.decode(), "pain-foot-left") == "8"


def test_a_wrong_value_is_shown_with_its_error_not_a_kept_list() -> None:
    client = Client()
    client.get("/start/where/")
    page = client.post("/start/where/", {"pain-foot-left": "11"}).content.decode()
    assert "Choose a number from 1 to 10, or no pain." in page


def test_a_results_page_is_kept_per_answer_never_shared() -> None:
    from tests.helpers import example
    from tests.web.people import visitor_with

    five, thirty = visitor_with(example(minutes=5)), visitor_with(example(minutes=30))
    for _ in range(2):  # the second time from what was kept
        short = five.get("/results/").content.decode()
        long = thirty.get("/results/").content.decode()
        assert "This plan fits 5 minutes" in short and "This plan fits 30 minutes" in long
        assert short.count('class="card plan-item"') < long.count('class="card plan-item"')


def test_each_visitor_gets_their_own_csrf_token_on_a_kept_page() -> None:
    from tests.helpers import example
    from tests.web.people import visitor_with

    pages = [visitor_with(example()).get("/results/").content.decode() for _ in range(2)]
    tokens = [re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', p) for p in pages]
    assert tokens[0] and tokens[1] and tokens[0][0] != tokens[1][0]
