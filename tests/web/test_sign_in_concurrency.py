"""Forty wrong passwords sent at once to the real server get exactly the limit's worth checked:
the count is taken atomically before each check. On SQLite here, and on PostgreSQL in the
suite's PostgreSQL run (the server is given the same ``DATABASE_URL``)."""

from __future__ import annotations

import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.web.servers import Served, clean_env, unknot_serve
from unknot.web.accounts import throttle

TRIES = 40


def _post(served: Served, path: str, cookie: str, data: dict[str, str]) -> int:
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": cookie, **data}).encode()
    request = urllib.request.Request(served.url + path, data=body, method="POST",
                                     headers={"Cookie": f"csrftoken={cookie}"})  # fmt: skip
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_forty_parallel_wrong_passwords_check_exactly_the_limit(tmp_path: Path) -> None:
    with unknot_serve(clean_env(tmp_path)) as served:
        with urllib.request.urlopen(f"{served.url}/login/") as response:
            found = re.search(r"csrftoken=([A-Za-z0-9]+)", response.headers["Set-Cookie"])
        assert found
        cookie = found.group(1)
        email = f"owner-{secrets.token_hex(4)}@example.org"
        password = "a long and careful password 9"
        assert _post(served, "/signup/", cookie, {"email": email, "password": password}) == 302

        def guess(n: int) -> int:
            return _post(served, "/login/", cookie, {"email": email, "password": f"guess {n}"})

        with ThreadPoolExecutor(max_workers=TRIES) as pool:
            statuses = list(pool.map(guess, range(TRIES)))
    assert statuses.count(200) == throttle.SIGN_IN.limit, statuses  # checked, and wrong
    assert statuses.count(429) == TRIES - throttle.SIGN_IN.limit  # refused unchecked
