"""The deployment, whole: the real Caddy (Debian's ``caddy``, with its own internal certificate
authority) in front of ``unknot serve --production`` (gunicorn), and Chromium talking HTTPS to
it. Sign-up by emailed link, HSTS, Secure cookies, no redirect loop, and a secure context, so
the player can keep the screen awake.

Caddy runs on unprivileged high ports with its data under the test's folder (throwaway HOME and
XDG folders, no admin endpoint, and it never touches the system's trust store). Without
``caddy`` the test is skipped loudly; under CI that is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import ssl
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser.conftest import PHONE
from tests.web.servers import Served, free_port, production_env, stop, unknot_serve

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
CADDY = shutil.which("caddy") or "/usr/bin/caddy"
PASSWORD = "slow breaths on the floor 7"


def _caddyfile(https: int, http: int) -> str:
    return f"""{{
	admin off
	http_port {http}
	https_port {https}
	skip_install_trust
}}

https://localhost:{https} {{
	tls internal
	import {DEPLOY / "unknot.caddy"}
}}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The HTTPS address Caddy answers on, and unknot's data folder."""
    if not Path(CADDY).exists():
        if os.environ.get("CI"):
            pytest.fail(f"the deployment test needs Caddy at {CADDY} (apt-get install caddy)")
        pytest.skip(f"SKIPPED: no Caddy at {CADDY}; apt-get install caddy")
    root = tmp_path_factory.mktemp("deployment")
    home = root / "unknot"
    env = production_env(home, hosts="localhost,127.0.0.1")
    with unknot_serve(env, "--production", "--workers", "2") as served, _caddy(root, served) as url:
        yield url, home


class _Caddy:
    def __init__(self, proc: subprocess.Popen[str], log: Path) -> None:
        self.proc, self.log = proc, log


def _wait_for(url: str, caddy: _Caddy, deadline: float) -> None:
    insecure = ssl.create_default_context()
    insecure.check_hostname = False
    insecure.verify_mode = ssl.CERT_NONE  # Caddy's own internal CA
    while time.monotonic() < deadline:
        if caddy.proc.poll() is not None:
            pytest.fail(f"caddy exited early:\n{caddy.log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2, context=insecure):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"caddy did not answer within the deadline:\n{caddy.log.read_text()}")


@contextmanager
def _caddy(root: Path, served: Served) -> Iterator[str]:
    https, http = free_port(), free_port()
    config = root / "Caddyfile"
    config.write_text(_caddyfile(https, http))
    caddy_home = root / "caddy"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(caddy_home),
        "XDG_DATA_HOME": str(caddy_home / "data"),
        "XDG_CONFIG_HOME": str(caddy_home / "config"),
        "UNKNOT_UPSTREAM": f"127.0.0.1:{served.port}",
    }
    log = root / "caddy.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [CADDY, "run", "--config", str(config), "--adapter", "caddyfile"],
            env=env, stdout=out, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
    caddy = _Caddy(proc, log)
    url = f"https://localhost:{https}"
    try:
        _wait_for(url, caddy, time.monotonic() + 30)
        yield url
    finally:
        stop(proc, timeout=10)


def _outbox_link(home: Path, url: str) -> str:
    """The sign-up link in the newest message unknot wrote to its outbox (no mail server)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        messages = sorted((home / "outbox").glob("*.log"), key=lambda p: p.stat().st_mtime)
        for message in reversed(messages):
            found = re.search(re.escape(url) + r"/signup/\S+/", message.read_text())
            if found:
                return found.group(0)
        time.sleep(0.1)
    pytest.fail("no sign-up link in unknot's outbox")


@pytest.mark.journey
def test_a_person_signs_up_over_https_behind_caddy(browser: Any, site: tuple[str, Path]) -> None:
    url, home = site
    context = browser.new_context(
        viewport=PHONE, base_url=url, ignore_https_errors=True, has_touch=True
    )
    foreign: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        home_page = page.goto("/")
        assert home_page is not None and home_page.status == 200
        assert home_page.request.redirected_from is None  # no redirect, let alone a loop
        assert home_page.headers["strict-transport-security"].startswith("max-age=31536000")
        assert page.evaluate("window.isSecureContext && 'wakeLock' in navigator") is True

        page.goto("/signup/")
        page.get_by_label("Email address").fill("dana@example.org")
        with page.expect_navigation():
            page.get_by_role("button", name="Email me a link").click()
        assert page.get_by_role("heading", name="Check your email").is_visible()

        link = _outbox_link(home, url)  # the app knows it is served over HTTPS
        page.goto(link)
        page.get_by_label("Password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Create my account").click()
        assert page.url.startswith(url)
        assert page.get_by_text("Your account is ready.").is_visible()

        cookies = {c["name"]: c for c in context.cookies()}
        assert cookies["sessionid"]["secure"] and cookies["sessionid"]["httpOnly"]
        assert cookies["csrftoken"]["secure"]
        account = page.goto("/account/")
        assert account is not None and account.status == 200
        assert "dana@example.org" in page.content()
    finally:
        context.close()
    assert not foreign, f"requests left the app: {foreign}"
