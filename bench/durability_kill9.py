"""Durability under kill -9: every write the server acknowledged is still there after the whole
server (gunicorn master and workers) is killed without warning, again and again. Run by hand:

    python bench/durability_kill9.py [--rounds 8] [--seconds 2] [--writers 8]
    scripts/with-postgres.sh .venv/bin/python bench/durability_kill9.py   # on PostgreSQL

Writers post diary check-ins through Caddy, each with a unique note, as fast as they can; a
check-in counts as acknowledged when the server answered 302 to the diary (saved). Each round
the server runs for ``--seconds`` and is then killed with SIGKILL, mid-write, and started again.
At the end every acknowledged note must be in the person's JSON export; a write that was not
acknowledged may or may not be.
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import tempfile
import threading
import time
from pathlib import Path

from stack import Browser, Server, caddy_in_front_of, free_port, sign_up, start_unknot, stop

PASSWORD = "a long durability password 1"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--writers", type=int, default=8)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="unknot-bench-kill9-"))
    port = free_port()
    env = {"UNKNOT_SIGNUP_BY_EMAIL": "0"}
    servers = [start_unknot(home, port, **env)]  # the one running is the last
    try:
        with caddy_in_front_of(servers[0]) as url:
            run(args, home, port, env, servers, url)
    finally:
        stop(servers[-1])
        shutil.rmtree(home, ignore_errors=True)


def run(args: argparse.Namespace, home: Path, port: int, env: dict[str, str],
        servers: list[Server], url: str) -> None:  # fmt: skip
    email = f"kill9-{int(time.time())}@example.org"
    owner = Browser(url)
    sign_up(owner, email, PASSWORD)
    cookies = list(owner.jar)

    acknowledged: set[str] = set()
    other: collections.Counter[str] = collections.Counter()
    attempted = 0
    lock = threading.Lock()

    def writer(n: int, stop_at: float) -> None:
        nonlocal attempted
        browser = Browser(url)
        for cookie in cookies:
            browser.jar.set_cookie(cookie)
        count = 0
        while time.monotonic() < stop_at:
            note = f"w{n}-{time.monotonic_ns()}-{count}"
            count += 1
            with lock:
                attempted += 1
            try:
                status, _ = browser.post("/diary/check-in/", {"pain": "3", "note": note})
            except OSError:
                continue  # killed mid-request: not acknowledged
            if status == 302 and browser.location == "/diary/":
                with lock:
                    acknowledged.add(note)
            elif status != 502:  # 502: Caddy, while unknot is down
                with lock:
                    other[f"{status} {browser.location}"] += 1

    for round_number in range(1, args.rounds + 1):
        stop_at = time.monotonic() + args.seconds + 5
        threads = [threading.Thread(target=writer, args=(n, stop_at))
                   for n in range(args.writers)]  # fmt: skip
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        servers[-1].kill9()
        for thread in threads:
            thread.join()
        servers.append(start_unknot(home, port, **env))
        print(f"round {round_number}: {len(acknowledged)} acknowledged so far; other answers: "
              f"{dict(other)}", flush=True)  # fmt: skip
    reader = Browser(url)
    for cookie in cookies:
        reader.jar.set_cookie(cookie)
    status, body = reader.get("/account/export.json")
    assert status == 200, (status, reader.location, dict(other))
    found = {c["note"] for c in json.loads(body)["check_ins"]}
    lost = acknowledged - found
    print(f"kill -9 rounds: {args.rounds}; writes attempted: {attempted}; acknowledged: "
          f"{len(acknowledged)}; found after restarts: {len(found)}; acknowledged but lost: "
          f"{len(lost)}")  # fmt: skip
    raise SystemExit(1 if lost else 0)


if __name__ == "__main__":
    main()
