"""Load on the main pages through the real stack: Chromium-less, but otherwise as deployed.
Caddy (internal certificate) in front of ``unknot serve --production`` (gunicorn, WhiteNoise,
SQLite or DATABASE_URL), and wrk for 30 s at 32 connections over HTTPS, cycling through the
home page, the intake's first step, a person's plan, its session player, the diary, the account
page and a hashed stylesheet, signed in. Run by hand, never as a test:

    python bench/load_behind_caddy.py [--seconds 30] [--connections 32] [--workers N]
    scripts/with-postgres.sh .venv/bin/python bench/load_behind_caddy.py   # on PostgreSQL

Prints wrk's report: requests a second, latency percentiles, and the errors (socket errors and
"Non-2xx or 3xx responses"; the goal is none).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from stack import Browser, caddy_in_front_of, free_port, sign_up, start_unknot, stop

STEPS = [
    ("where", {"pain-low_back-right": "6"}),
    ("about", {"age": "48", "sex": "male", "pregnant": "no", "duration_amount": "26",
               "duration_unit": "weeks"}),
    ("safety", {}),
    ("health", {"cleared_by_clinician": "on"}),
    ("pain", {"findings_behaviour": "pain_standing_after_sitting"}),
    ("setup", {"props": "firm_ball", "minutes_choice": "15", "floor_ok": "yes",
               "experience": "new"}),
]  # fmt: skip

LUA = """
paths = {%s}
cookie = "%s"
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], {["Cookie"] = cookie})
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("this benchmark needs wrk (apt-get install wrk)")
    home = Path(tempfile.mkdtemp(prefix="unknot-bench-load-"))
    extra = {"UNKNOT_WORKERS": str(args.workers)} if args.workers else {}
    server = start_unknot(home, free_port(), **extra)
    try:
        with caddy_in_front_of(server) as url:
            browser = Browser(url)
            sign_up(browser, "load@example.org", "a long load test password 1", home / "outbox")
            for step, answers in STEPS:
                status, _ = browser.post(f"/start/{step}/", answers)
                assert status == 302, (step, status)
            plan = re.search(r"/plans/(\d+)/", browser.get("/account/")[1])
            assert plan, "no plan was made"
            _, home_page = browser.get("/")
            css = re.search(r'href="(/static/care/unknot\.[0-9a-f]{12}\.css)"', home_page)
            assert css, "no hashed stylesheet on the home page"
            pk = plan.group(1)
            paths = ["/", "/start/where/", f"/plans/{pk}/", f"/plans/{pk}/session/", "/diary/",
                     "/account/", css.group(1)]  # fmt: skip
            for path in paths:
                assert browser.get(path)[0] == 200, path
            cookie = "; ".join(f"{c.name}={c.value}" for c in browser.jar)
            script = home / "paths.lua"
            script.write_text(LUA % (", ".join(f'"{p}"' for p in paths), cookie))
            print(f"wrk: {args.seconds} s, {args.connections} connections, through Caddy to "
                  f"unknot serve --production; pages: {', '.join(paths)}", flush=True)  # fmt: skip
            subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s",
                            "--latency", "-s", str(script), url], check=True)  # fmt: skip
    finally:
        stop(server)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
