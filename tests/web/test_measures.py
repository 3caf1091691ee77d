"""Outcome measures through their forms: scored by the core; Roland-Morris and STarT Back in
their authors' words with their notices, the Oswestry by section scores only; private."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.helpers import words
from tests.web.people import signed_in
from unknot.clinical.outcomes import score_odi, score_rmdq, score_startback
from unknot.knowledge.measures import load_measures
from unknot.knowledge.questionnaires import load_questionnaires
from unknot.web.care.models import MeasureResult

pytestmark = pytest.mark.django_db


def _odi(sections: list[int | None]) -> dict[str, str]:
    return {f"section_{n}": "skipped" if s is None else str(s) for n, s in enumerate(sections, 1)}


def _result_page(client: Client, response: Any) -> str:
    assert response.status_code == 302, words(response.content.decode())[-2000:]
    assert response["Location"].startswith("/diary/results/")
    return _text(client.get(response["Location"]).content.decode())


def _text(html: str) -> str:
    """The page's words, without tags (a score sits in its own element)."""
    return words(re.sub(r"<[^>]+>", " ", html)).replace(" .", ".").replace(" :", ":")


@pytest.mark.parametrize("measure", ["nprs", "rmdq", "odi", "startback", "psfs"])
def test_each_form_shows_the_licence_notice(alice: Any, measure: str) -> None:
    page = words(signed_in(alice).get(f"/diary/measures/{measure}/").content.decode())
    notice = words(load_measures()[measure].licence.notice)
    assert notice.replace("'", "&#x27;") in page or notice in page


def test_an_unknown_measure_is_404(alice: Any) -> None:
    assert signed_in(alice).get("/diary/measures/sf36/").status_code == 404
    assert signed_in(alice).post("/diary/measures/sf36/", {}).status_code == 404


@pytest.mark.parametrize(
    ("sections", "expected"),
    [
        ([2, 2, 2, 2, 2, 2, 1, 1, 1, 1], "32"),  # 16 points over 10 sections (CLINICAL.md)
        ([2, 2, 2, 2, 2, 2, 2, 1, 1, None], "35.6"),  # 16 points with one skipped: 16/45
    ],
)
def test_oswestry_through_the_form_matches_the_core(
    alice: Any, sections: list[int | None], expected: str
) -> None:
    client = signed_in(alice)
    page = _result_page(client, client.post("/diary/measures/odi/", _odi(sections)))
    core = score_odi(sections)
    assert str(core.rounded).removesuffix(".0") == expected
    assert f"Your score: {expected}" in page
    assert words(core.interpretation) in page
    row = MeasureResult.objects.get(owner=alice)
    assert row.score == pytest.approx(core.value)
    assert row.answers == {"sections": sections}


def test_oswestry_with_three_skipped_comes_back_with_the_cores_message(alice: Any) -> None:
    response = signed_in(alice).post("/diary/measures/odi/", _odi([1] * 7 + [None] * 3))
    assert response.status_code == 200
    page = words(response.content.decode())
    assert "needs at least 8 of 10 sections answered" in page
    assert re.search(r'id="id_section_1_1"[^>]* checked', page)  # nothing lost
    assert not MeasureResult.objects.exists()


def test_oswestry_with_an_unanswered_section_names_it(alice: Any) -> None:
    data = _odi([1] * 10)
    del data["section_4"]
    page = words(signed_in(alice).post("/diary/measures/odi/", data).content.decode())
    assert "Pick a score for section 4, or Skipped." in page


def test_roland_morris_by_ticking_its_statements_or_by_a_total(alice: Any) -> None:
    client = signed_in(alice)
    page = _result_page(client, client.post("/diary/measures/rmdq/", {"total": "9"}))
    assert "Your score: 9" in page and words(score_rmdq(9).interpretation) in page
    ticked = {"item_1": "on", "item_2": "on"}  # the other 22 left as they are: they do not fit
    page = _result_page(client, client.post("/diary/measures/rmdq/", ticked))
    assert "Your score: 2" in page and "recovered" in page
    assert "fell by 7: a meaningful improvement" in page
    row = MeasureResult.objects.filter(owner=alice).order_by("-at", "-id").first()
    assert row is not None and row.answers == {"answers": [True, True, *[False] * 22]}


def test_roland_morris_refuses_ticks_and_a_total_together(alice: Any) -> None:
    client = signed_in(alice)
    page = words(
        client.post("/diary/measures/rmdq/", {"item_3": "on", "total": "4"}).content.decode()
    )
    assert "Tick the sentences or enter a total, not both." in page
    page = words(client.post("/diary/measures/rmdq/", {"total": "30"}).content.decode())
    assert "less than or equal to 24" in page
    assert not MeasureResult.objects.exists()


def test_start_back_scores_with_item_9_choices_from_the_knowledge_base(alice: Any) -> None:
    m = load_measures()["startback"]
    assert m.risk is not None
    client = signed_in(alice)
    form = words(client.get("/diary/measures/startback/").content.decode())
    for choice in m.risk.last_item_choices:
        assert f'value="{choice}"' in form
    agree = [True, False, True, False, True, True, False, True]
    data = {f"item_{n}": "yes" if a else "no" for n, a in enumerate(agree, 1)}
    missing = words(client.post("/diary/measures/startback/", {}).content.decode())
    text = load_questionnaires()["startback"]
    assert f"Choose {text.responses[0].text} or {text.responses[1].text} for question 1." in missing
    data["item_last"] = "very_much"
    page = _result_page(client, client.post("/diary/measures/startback/", data))
    core = score_startback([*agree, "very_much"])
    assert f"Your score: {core.rounded}" in page
    assert words(core.interpretation) in page


def test_psfs_rates_named_activities_and_offers_them_again(alice: Any) -> None:
    client = signed_in(alice)
    data = {"activity_1": "Walking the dog", "rating_1": "3", "activity_2": "Gardening",
            "rating_2": "6"}  # fmt: skip
    page = _result_page(client, client.post("/diary/measures/psfs/", data))
    assert "Your score: 4.5" in page and "Walking the dog: 3 out of 10" in page
    form = client.get("/diary/measures/psfs/").content.decode()
    assert 'value="Walking the dog"' in form and 'value="Gardening"' in form


def test_psfs_asks_for_a_rating_of_each_named_activity(alice: Any) -> None:
    page = words(signed_in(alice).post("/diary/measures/psfs/",
                                     {"activity_1": "Walking"}).content.decode())  # fmt: skip
    assert "Rate &#x27;Walking&#x27; from 0 to 10." in page


def test_nprs_records_one_rating(alice: Any) -> None:
    client = signed_in(alice)
    page = _result_page(client, client.post("/diary/measures/nprs/", {"rating": "7"}))
    assert "You rated your pain 7 out of 10." in page


@pytest.mark.parametrize("measure", ["rmdq", "startback"])
def test_a_shipped_questionnaire_shows_its_authors_words_and_notice(
    alice: Any, measure: str
) -> None:
    text = load_questionnaires()[measure]
    page = words(signed_in(alice).get(f"/diary/measures/{measure}/").content.decode())
    for wording in (text.instructions, *text.items, text.attribution, text.notice):
        assert _escaped(wording) in page, wording
    if text.last_item is not None:
        assert _escaped(text.last_item.question) in page
        for choice in text.last_item.choices:
            assert f'value="{choice.id}"' in page and f"<span>{choice.text}</span>" in page


def test_the_oswestry_ships_no_item_text(alice: Any) -> None:
    page = words(signed_in(alice).get("/diary/measures/odi/").content.decode())
    # section labels are numbers only; a sample of the licensed form's wording never appears
    for phrase in ("Pain intensity", "Personal care", "Sleeping"):
        assert phrase not in page


def _escaped(text: str) -> str:
    return words(text).replace("'", "&#x27;").replace("’", "’")


def test_bob_cannot_read_or_delete_alices_result(alice: Any, bob: Any) -> None:
    row = MeasureResult.objects.create(owner=alice, measure="rmdq", answers={"total": 5}, score=5)
    bob_client = signed_in(bob)
    assert bob_client.get(f"/diary/results/{row.pk}/").status_code == 404
    assert bob_client.post(f"/diary/results/{row.pk}/delete/").status_code == 404
    assert MeasureResult.objects.filter(pk=row.pk).exists()
    assert signed_in(alice).get(f"/diary/results/{row.pk}/").status_code == 200
    assert signed_in(alice).post(f"/diary/results/{row.pk}/delete/").status_code == 302
    assert not MeasureResult.objects.filter(pk=row.pk).exists()


def test_a_visitor_cannot_post_a_measure(client: Client) -> None:
    response = client.post("/diary/measures/nprs/", {"rating": "3"})
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert not MeasureResult.objects.exists()
