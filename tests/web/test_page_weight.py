"""Every main page, with its own stylesheets and scripts (module imports followed), weighs under
150 KB before compression, leaving out the pictures (inline SVG). Over the wire it is far less:
``bench/bench_web.py`` reports the gzipped figures."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.helpers import example
from unknot.web.accounts.models import User
from unknot.web.care import guest, services
from unknot.web.care.models import CheckIn, MeasureResult, SessionRecord

pytestmark = pytest.mark.django_db
LIMIT = 150 * 1024
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')
IMPORT = re.compile(r"""(?:from|import)\s+["'](\./[^"']+)["']""")


def _body(response: object) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    return response.content.decode()  # type: ignore[attr-defined]


def page_weight(client: Client, url: str) -> tuple[int, list[str]]:
    """Bytes of the page without its inline pictures, plus every CSS and JS file it loads."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = _body(response)
    total = len(re.sub(r"<svg\b.*?</svg>", "", html, flags=re.S).encode())
    todo, seen = ASSET.findall(html), set[str]()
    while todo:
        asset = todo.pop()
        if asset in seen:
            continue
        seen.add(asset)
        asset_response = client.get(asset)
        assert asset_response.status_code == 200, asset
        text = _body(asset_response)
        total += len(text.encode())
        folder = asset.rsplit("/", 1)[0]
        todo += [f"{folder}/{ref[2:]}" for ref in IMPORT.findall(text)]
    return total, sorted(seen)


@pytest.fixture
def person() -> tuple[Client, int]:
    """A person with a 60-minute plan using every prop, and 1,000 diary entries."""
    user = User.objects.create_user(email="alice@example.org", password="a long password 12")
    every_prop = sorted(services.kb().props)
    plan = services.save_assessment(user, example(minutes=60, props=every_prop))
    now = timezone.now()
    SessionRecord.objects.bulk_create(
        SessionRecord(owner=user, assessment=plan, at=now - timedelta(hours=i), planned_steps=9,
                      done_steps=9, pain_before=6, pain_after=4)
        for i in range(600)
    )  # fmt: skip
    CheckIn.objects.bulk_create(
        CheckIn(owner=user, at=now - timedelta(hours=i, minutes=30), pain=5, note="note " * 40)
        for i in range(300)
    )
    MeasureResult.objects.bulk_create(
        MeasureResult(owner=user, at=now - timedelta(days=i), measure="rmdq",
                      answers={"total": 10}, score=10)
        for i in range(100)
    )  # fmt: skip
    client = Client()
    client.force_login(user)
    return client, plan.pk


def test_signed_in_pages_stay_under_150_kb(person: tuple[Client, int]) -> None:
    client, pk = person
    for url in ("/", f"/plans/{pk}/", f"/plans/{pk}/session/", "/diary/", "/diary/check-in/",
                "/diary/measures/odi/", "/account/"):  # fmt: skip
        weight, assets = page_weight(client, url)
        assert weight < LIMIT, f"{url} weighs {weight / 1024:.0f} KB with {assets}"


def test_a_visitors_pages_stay_under_150_kb(client: Client) -> None:
    session = client.session
    guest.set_intake(session, example(minutes=60, props=sorted(services.kb().props)))
    session.save()
    urls = ("/start/where/", "/results/", "/results/session/", "/signup/", "/login/",
            "/techniques/", "/techniques/psoas_fingertips_supine/")  # fmt: skip
    for url in urls:
        weight, assets = page_weight(client, url)
        assert weight < LIMIT, f"{url} weighs {weight / 1024:.0f} KB with {assets}"


def test_the_player_loads_all_its_modules(person: tuple[Client, int]) -> None:
    client, pk = person
    _, assets = page_weight(client, f"/plans/{pk}/session/")
    assert {"/static/care/player/main.js", "/static/care/player/engine.js"} <= set(assets)
