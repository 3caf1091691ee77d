"""Start the real stack for the by-hand benchmarks: ``unknot serve`` (gunicorn in production) in
a throwaway data folder, optionally behind the real Caddy with its internal certificate, and an
HTTP client that keeps cookies and the CSRF token. Nothing here is part of the tests."""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNKNOT = str(Path(sys.executable).parent / "unknot")
INSECURE = ssl.create_default_context()
INSECURE.check_hostname = False
INSECURE.verify_mode = ssl.CERT_NONE  # Caddy's internal CA, on this machine only


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2, context=INSECURE):  # noqa: S310
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing answered at {url} within {seconds:.0f} s")


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    url: str
    port: int
    home: Path

    def kill9(self) -> None:
        """SIGKILL the whole process group: the gunicorn master and every worker at once."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()


SECRET_KEY = secrets.token_urlsafe(50)  # one for the whole run: a restart keeps people signed in


def start_unknot(home: Path, port: int, *, production: bool = True, **env: str) -> Server:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("UNKNOT_")}
    environment.update(UNKNOT_HOME=str(home), UNKNOT_SECRET_KEY=SECRET_KEY,
                       UNKNOT_ALLOWED_HOSTS="localhost,127.0.0.1", **env)  # fmt: skip
    args = [UNKNOT, "serve", "--port", str(port)] + (["--production"] if production else [])
    proc = subprocess.Popen(args, env=environment, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    server = Server(proc, f"http://127.0.0.1:{port}", port, home)
    wait_for(server.url)
    return server


def stop(server: Server) -> None:
    if server.proc.poll() is None:
        os.killpg(server.proc.pid, signal.SIGTERM)
        server.proc.wait(timeout=30)


@contextmanager
def caddy_in_front_of(server: Server) -> Iterator[str]:
    caddy = shutil.which("caddy")
    if caddy is None:
        raise SystemExit("this benchmark needs caddy (apt-get install caddy)")
    folder = Path(tempfile.mkdtemp(prefix="unknot-bench-caddy-"))
    https, http = free_port(), free_port()
    config = folder / "Caddyfile"
    site = ROOT / "deploy" / "unknot.caddy"
    config.write_text(
        f"{{\n\tadmin off\n\thttp_port {http}\n\thttps_port {https}\n"
        f"\tskip_install_trust\n}}\n\n"
        f"https://localhost:{https} {{\n\ttls internal\n\timport {site}\n}}\n"
    )
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(folder),
           "XDG_DATA_HOME": str(folder / "data"), "XDG_CONFIG_HOME": str(folder / "config"),
           "UNKNOT_UPSTREAM": f"127.0.0.1:{server.port}"}  # fmt: skip
    proc = subprocess.Popen(
        [caddy, "run", "--config", str(config), "--adapter", "caddyfile"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"https://localhost:{https}"
    try:
        wait_for(url)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Browser:
    """Just enough of a browser: cookies, the CSRF token, no automatic redirects."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.location = ""  # where the last answer redirected to
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar),
            urllib.request.HTTPSHandler(context=INSECURE),
            NoRedirect,
        )

    def cookie(self, name: str) -> str:
        return next((c.value or "" for c in self.jar if c.name == name), "")

    def request(self, method: str, path: str, data: dict[str, str] | bytes | None = None,
                content_type: str = "application/x-www-form-urlencoded",
                timeout: float = 30) -> tuple[int, str]:  # fmt: skip
        body = None
        headers = {"Referer": self.url + "/", "X-CSRFToken": self.cookie("csrftoken")}
        if isinstance(data, dict):
            body = urllib.parse.urlencode(
                {"csrfmiddlewaretoken": self.cookie("csrftoken"), **data}
            ).encode()
        elif data is not None:
            body = data
        if body is not None:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(  # noqa: S310 (our own server)
            self.url + path, data=body, method=method, headers=headers
        )
        try:
            with self.opener.open(request, timeout=timeout) as response:
                self.location = ""
                return int(response.status), response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            self.location = error.headers.get("Location", "")
            return int(error.code), error.read().decode(errors="replace")

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        if not self.cookie("csrftoken"):
            self.get("/login/")
        return self.request("POST", path, data)


def sign_up(browser: Browser, email: str, password: str, outbox: Path | None = None) -> None:
    """Make an account: at once, or (hosted) through the link written to ``outbox``."""
    status, _ = browser.post("/signup/", {"email": email, "password": password})
    if outbox is None:
        assert status == 302, status
        return
    deadline = time.monotonic() + 10
    link = None
    while link is None and time.monotonic() < deadline:
        for message in outbox.glob("*.log"):
            found = re.search(r"https?://[^/\s]+(/signup/\S+/)", message.read_text())
            if found and email in message.read_text():
                link = found.group(1)
        time.sleep(0.05)
    assert link, "no sign-up link in the outbox"
    status, _ = browser.post(link, {"password": password})
    assert status == 302, status
