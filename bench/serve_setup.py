"""Fill a throwaway unknot database for ``bench_serve.py`` and print what the load needs as JSON:
a visitor's session, and for each diary size a person, their plan's id and their session.

Run in a subprocess with ``UNKNOT_HOME`` (and the production settings) already in the
environment: ``python bench/serve_setup.py 1000 10000 100000``. The first size is the person
the main pages are measured with.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def fill_diary(user: Any, assessment: Any, entries: int) -> None:
    """``entries`` diary records over the years before now: 6 in 10 sessions, 3 in 10 check-ins,
    1 in 10 outcome measures, with pain easing over time (the same mix as ``bench_web.py``)."""
    from django.utils import timezone

    from unknot.web.care.models import CheckIn, MeasureResult, SessionRecord

    now = timezone.now()
    sessions, check_ins, measures = [], [], []
    for i in range(entries):
        at = now - timedelta(hours=17 * (entries - i))
        kind = i % 10
        if kind < 6:
            sessions.append(SessionRecord(
                owner=user, assessment=assessment, at=at, planned_steps=12, done_steps=12 - i % 3,
                seconds=900, pain_before=6 - i * 3 // entries, pain_after=4 - i * 3 // entries,
            ))  # fmt: skip
        elif kind < 9:
            check_ins.append(CheckIn(owner=user, at=at, pain=5 - i * 3 // entries, note="ok"))
        else:
            score = 14 - i * 8 // entries
            measures.append(MeasureResult(
                owner=user, at=at, measure="rmdq", answers={"total": score}, score=score
            ))  # fmt: skip
    for model, rows in ((SessionRecord, sessions), (CheckIn, check_ins), (MeasureResult, measures)):
        model.objects.bulk_create(rows, batch_size=2000)


def signed_in(user: Any) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return str(store.session_key)


def main() -> None:
    sizes = [int(n) for n in sys.argv[1:]] or [1000]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unknot.web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.utils.module_loading import import_string

    from unknot.web.accounts.models import User
    from unknot.web.care import guest, services

    call_command("migrate", interactive=False, verbosity=0)
    doc = json.loads((ROOT / "examples" / "intake.json").read_text(encoding="utf-8"))
    visitor = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    guest.set_intake(visitor, doc)
    visitor.save()
    people = []
    for size in sizes:
        user = User.objects.create_user(email=f"bench{size}@example.org", password=None)
        assessment = services.save_assessment(user, doc)
        fill_diary(user, assessment, size)
        people.append({"entries": size, "plan": assessment.pk, "session": signed_in(user)})
    print(json.dumps({
        "cookie": settings.SESSION_COOKIE_NAME, "visitor": visitor.session_key, "people": people,
    }))  # fmt: skip


if __name__ == "__main__":
    main()
