"""Fuzz the live server over HTTP: random and boundary values to every form and JSON endpoint,
as a visitor and as a signed-in person, and count the answers by kind. The goal: no 5xx. Run by
hand (the suite has a short, deterministic version in tests/web/test_fuzz.py):

    python bench/fuzz_http.py [--requests 4000] [--seed 11]
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import shutil
import string
import tempfile
import urllib.parse
from pathlib import Path

from stack import Browser, free_port, sign_up, start_unknot, stop

BOUNDARY = [
    "", " ", "0", "-1", "1", "10", "11", "3.5", "1e309", "NaN", "²", "١٢", "\x00", "9" * 30,
    "a" * 5000, "true", "null", "<script>", "' OR 1=1 --", "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-12:00", "2026-02-30", "yes", "no", "on", "skipped", "🙂",
]  # fmt: skip
FORM_PAGES = ["/signup/", "/login/", "/password-reset/", "/account/delete/",
              "/account/password/", "/start/where/", "/start/about/", "/start/safety/",
              "/start/health/", "/start/pain/", "/start/setup/", "/diary/check-in/",
              "/diary/measures/nprs/", "/diary/measures/rmdq/", "/diary/measures/odi/",
              "/diary/measures/startback/", "/diary/measures/psfs/"]  # fmt: skip
LOG_KEYS = ["planned_steps", "done_steps", "seconds", "pain_before", "pain_after", "note",
            "client_id", "at"]  # fmt: skip
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')


def value(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(BOUNDARY)
    return "".join(rng.choice(string.printable + "éß²٣🙂") for _ in range(rng.randint(0, 30)))


def json_value(rng: random.Random, depth: int = 0) -> object:
    roll = rng.random()
    if depth > 3 or roll < 0.5:
        return rng.choice([None, True, 0, -1, 3, 10**20, 1.5, value(rng)])
    if roll < 0.75:
        return [json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(LOG_KEYS): json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    home = Path(tempfile.mkdtemp(prefix="unknot-bench-fuzz-"))
    server = start_unknot(home, free_port(), production=False)
    counts: collections.Counter[str] = collections.Counter()
    errors: list[str] = []
    try:
        person, visitor = Browser(server.url), Browser(server.url)
        sign_up(person, "fuzz@example.org", "a long fuzzing password 1")
        for step in ("where", "about", "safety", "health", "pain", "setup"):
            person.get(f"/start/{step}/")
        fields = {page: sorted(set(FIELD.findall(person.get(page)[1])) - {"csrfmiddlewaretoken"})
                  for page in FORM_PAGES}  # fmt: skip
        plan = re.search(r"/plans/(\d+)/", person.get("/account/")[1])
        logs = ["/results/session/log"] + ([f"/plans/{plan.group(1)}/session/log"] if plan else [])
        for n in range(args.requests):
            who = rng.choice([person, visitor])
            kind = rng.random()
            if kind < 0.6:
                page = rng.choice(FORM_PAGES)
                data = {f: value(rng) for f in fields[page] if rng.random() < 0.7}
                target, status = page, who.post(page, data)[0]
            elif kind < 0.85:
                target = rng.choice(logs)
                body = json.dumps(
                    json_value(rng)
                    if rng.random() < 0.5
                    else {k: json_value(rng) for k in LOG_KEYS if rng.random() < 0.6}
                )
                if rng.random() < 0.05:
                    body = "[" * 1000 + "]" * 1000
                status = who.request("POST", target, body.encode(), "application/json")[0]
            else:
                target = rng.choice(["/start/", "/results/minutes/", "/diary/?page=",
                                     "/results/session/?speed="])  # fmt: skip
                if target.endswith("="):
                    status = who.get(target + urllib.parse.quote(value(rng)))[0]
                else:
                    status = who.post(target, {"from": value(rng), "minutes": value(rng)})[0]
            counts[f"{status // 100}xx"] += 1
            if status >= 500:
                errors.append(f"{status} {target}")
            if n and n % 1000 == 0:
                print(f"{n} requests: {dict(counts)}", flush=True)
    finally:
        stop(server)
        shutil.rmtree(home, ignore_errors=True)
    print(f"{args.requests} requests (seed {args.seed}): {dict(sorted(counts.items()))}")
    for line in collections.Counter(errors).most_common(10):
        print("  server error:", *line)
    raise SystemExit(1 if errors else 0)


if __name__ == "__main__":
    main()
