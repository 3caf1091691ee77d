"""Peak Python memory of the JSON and CSV exports for one person with a long diary (by hand).

    python bench/export_memory.py [--entries 100000]

Fills a throwaway SQLite database, asks once for each page to warm the process, then reads each
whole download through Django's full request stack under ``tracemalloc`` and prints the bytes
sent and the peak memory while sending them (tracemalloc slows the run several times).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="unknot-bench-memory-")
    os.environ.update(UNKNOT_HOME=home, DJANGO_SETTINGS_MODULE="unknot.web.settings")
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(HERE))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from serve_setup import fill_diary
    from unknot.web.accounts.models import User
    from unknot.web.care import services

    call_command("migrate", interactive=False, verbosity=0)
    doc = json.loads((HERE.parent / "examples" / "intake.json").read_text(encoding="utf-8"))
    user = User.objects.create_user(email="memory@example.org", password=None)
    fill_diary(user, services.save_assessment(user, doc), args.entries)
    client = Client()
    client.force_login(user)
    for url in ("/account/", "/diary/", "/account/export.csv"):
        response = client.get(url)
        for _ in response.streaming_content if response.streaming else ():
            pass
    print(f"{args.entries:,} entries")
    for url in ("/account/export.json", "/account/export.csv"):
        tracemalloc.start()
        began = time.perf_counter()
        response = client.get(url)
        body = response.streaming_content if response.streaming else [response.content]
        size = sum(len(piece) for piece in body)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{url}: {size / 1e6:.1f} MB sent, peak Python memory {peak / 1e6:.1f} MB "
              f"({time.perf_counter() - began:.1f} s with tracemalloc)")  # fmt: skip


if __name__ == "__main__":
    main()
