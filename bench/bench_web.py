"""How fast the main pages answer, and how much they weigh, for a person with a long diary.

Builds a throwaway SQLite database (the default store), one person with an assessment and
``--entries`` diary entries (sessions, check-ins and outcome measures over about two years), then
asks for each main page ``--runs`` times through Django's full request stack (middleware, sessions,
auth, templates, gzip) and prints the median and 90th percentile, plus the bytes each page sends
gzipped (HTML with its own CSS and scripts, pictures excluded).

    python bench/bench_web.py [--entries 1000] [--runs 60]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="unknot-bench-web-")
    os.environ.update(UNKNOT_HOME=home, DJANGO_SETTINGS_MODULE="unknot.web.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from unknot.web.accounts.models import User
    from unknot.web.care import services
    from unknot.web.care.models import CheckIn, MeasureResult, SessionRecord

    call_command("migrate", interactive=False, verbosity=0)
    user = User.objects.create_user(email="bench@example.org", password="bench password 42")
    doc = json.loads((ROOT / "examples" / "intake.json").read_text(encoding="utf-8"))
    assessment = services.save_assessment(user, doc)

    now = timezone.now()
    sessions, check_ins, measures = [], [], []
    for i in range(args.entries):
        at = now - timedelta(hours=17 * (args.entries - i))
        kind = i % 10
        if kind < 6:
            sessions.append(SessionRecord(
                owner=user, assessment=assessment, at=at, planned_steps=12, done_steps=12 - i % 3,
                seconds=900, pain_before=6 - i * 3 // args.entries,
                pain_after=4 - i * 3 // args.entries,
            ))  # fmt: skip
        elif kind < 9:
            check_ins.append(CheckIn(owner=user, at=at, pain=5 - i * 3 // args.entries, note="ok"))
        else:
            measures.append(MeasureResult(
                owner=user, at=at, measure="rmdq", answers={"total": 14 - i * 8 // args.entries},
                score=14 - i * 8 // args.entries,
            ))  # fmt: skip
    SessionRecord.objects.bulk_create(sessions)
    CheckIn.objects.bulk_create(check_ins)
    MeasureResult.objects.bulk_create(measures)

    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    client.force_login(user)
    pages = {
        "home /": "/",
        "body map /start/where/": "/start/where/",
        "results /plans/N/": f"/plans/{assessment.pk}/",
        "player /plans/N/session/": f"/plans/{assessment.pk}/session/",
        "diary /diary/": "/diary/",
        "check-in /diary/check-in/": "/diary/check-in/",
        "account /account/": "/account/",
    }
    print(f"SQLite, one person with {args.entries} diary entries "
          f"({len(sessions)} sessions, {len(check_ins)} check-ins, {len(measures)} measures); "
          f"{args.runs} requests per page")  # fmt: skip
    print(
        f"{'page':30} {'median ms':>10} {'p90 ms':>8} {'KB gz':>7} {'KB raw':>7} {'KB w/o svg':>10}"
    )
    for name, url in pages.items():
        first = client.get(url)
        if first.status_code != 200:
            print(f"{name:30} HTTP {first.status_code}")
            continue
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            body = response.content
            timings.append((time.perf_counter() - start) * 1000)
        raw = gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body
        html = raw.decode()
        no_pictures = re.sub(r"<svg\b.*?</svg>", "", html, flags=re.S)
        assets = _assets(client, html)
        gz = len(body) + assets[0]
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        plain = (len(raw) + assets[1]) / 1024
        without = (len(no_pictures.encode()) + assets[1]) / 1024
        median = statistics.median(timings)
        print(f"{name:30} {median:10.1f} {p90:8.1f} {gz / 1024:7.1f} {plain:7.1f} {without:10.1f}")
    _over_http(client, pages, args.runs)


def _over_http(client: object, pages: dict[str, str], runs: int) -> None:
    """The same pages through a real waitress server on 127.0.0.1 (sockets, HTTP parsing,
    threads), one request at a time with the signed-in person's cookie."""
    import threading
    import urllib.request

    import waitress
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    server = waitress.create_server(get_wsgi_application(), host="127.0.0.1", port=0, threads=4)
    port = server.effective_port  # type: ignore[union-attr]
    threading.Thread(target=server.run, daemon=True).start()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value  # type: ignore[attr-defined]
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}", "Accept-Encoding": "gzip"}
    print(f"\nover HTTP (waitress, 4 threads, 127.0.0.1), {runs} sequential requests per page")
    print(f"{'page':30} {'median ms':>10} {'p90 ms':>8}")
    for name, url in pages.items():
        timings = []
        for _ in range(runs + 3):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers=headers)
            start = time.perf_counter()
            with urllib.request.urlopen(request) as response:  # noqa: S310 (our own server)
                response.read()
            timings.append((time.perf_counter() - start) * 1000)
        timings = sorted(timings[3:])
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(f"{name:30} {statistics.median(timings):10.1f} {p90:8.1f}")
    server.close()


def _assets(client: object, html: str) -> tuple[int, int]:
    """Bytes (gzipped, raw) of the page's own stylesheets and scripts, imports included."""
    seen: set[str] = set()
    todo = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    gz = raw = 0
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)  # type: ignore[attr-defined]
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body
        gz += len(body)
        raw += len(text)
        base = url.rsplit("/", 1)[0]
        for ref in re.findall(
            rb"""from\s+["'](\./[^"']+)["']|import\s+["'](\./[^"']+)["']""", text
        ):
            target = (ref[0] or ref[1]).decode()
            todo.append(f"{base}/{target[2:]}")
    return gz, raw


if __name__ == "__main__":
    sys.exit(main())
