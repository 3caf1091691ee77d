"""``unknot serve`` migrates a fresh data folder and answers on its port: waitress on one's own
computer, gunicorn with WhiteNoise in production. Spoken to over real sockets."""

from __future__ import annotations

import re
import socket
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.servers import Served, clean_env, production_env, unknot_command, unknot_serve

Production = tuple[Served, Path]


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Production]:
    home = tmp_path_factory.mktemp("production")
    env = production_env(home, UNKNOT_SSL_REDIRECT="0")  # no TLS proxy in front of this one
    with unknot_serve(env, "--production", "--workers", "2") as served:
        yield served, home


def test_it_serves_on_this_computer_with_zero_setup(tmp_path: Path) -> None:
    with unknot_serve(clean_env(tmp_path)) as served:
        assert "on this computer" in served.output
        with urllib.request.urlopen(f"{served.url}/static/care/unknot.css") as response:
            assert response.status == 200
    if "DATABASE_URL" not in clean_env(tmp_path):
        assert (tmp_path / "unknot.sqlite3").exists()


def test_production_runs_the_workers_it_is_told(production: Production) -> None:
    served, _ = production
    assert "2 workers" in served.output
    workers = subprocess.run(
        ["pgrep", "-P", str(served.proc.pid)], capture_output=True, text=True, check=False
    )
    assert len(workers.stdout.split()) == 2


def test_production_serves_hashed_compressed_static_files_cached_for_a_year(
    production: Production,
) -> None:
    served, home = production
    page = urllib.request.urlopen(f"{served.url}/").read().decode()
    found = re.search(r'href="(/static/care/unknot\.[0-9a-f]{12}\.css)"', page)
    assert found, "the page links the hashed stylesheet"
    request = urllib.request.Request(
        served.url + found.group(1), headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert "max-age=315360000" in response.headers["Cache-Control"]
        assert "immutable" in response.headers["Cache-Control"]
    assert (home / "static" / "staticfiles.json").exists()


def test_the_player_modules_import_each_other_by_hashed_name(production: Production) -> None:
    served, home = production
    manifest = (home / "static" / "staticfiles.json").read_text()
    main = re.search(r'"care/player/main.js": "(care/player/main\.[0-9a-f]{12}\.js)"', manifest)
    assert main
    script = urllib.request.urlopen(f"{served.url}/static/{main.group(1)}").read().decode()
    assert re.search(r'from "\./engine\.[0-9a-f]{12}\.js"', script)


def _raw(port: int, request: str) -> bytes:
    """Send ``request`` as it is and read until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request.encode())
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


HEALTHY = b'{"status": "ok", "database": "ok"}'


def test_a_head_answer_in_production_has_headers_and_no_body(production: Production) -> None:
    served, _ = production
    for path in ("/", "/healthz", "/static/care/unknot.css"):
        received = _raw(served.port, f"HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        head, _, body = received.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200"), head
        assert body == b"", f"{path}: a body after the HEAD answer: {body[:80]!r}"


def test_on_this_computer_a_head_answer_keeps_a_kept_alive_connection_in_step(
    tmp_path: Path,
) -> None:
    with unknot_serve(clean_env(tmp_path)) as served:
        for path in ("/", "/healthz", "/static/care/unknot.css"):
            received = _raw(
                served.port,
                f"HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
            )
            head, _, rest = received.partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 200"), head
            assert b"Content-Length: 0" not in head  # the length a GET would carry
            assert rest.startswith(b"HTTP/1.1 200"), f"{path}: after HEAD came {rest[:80]!r}"
            assert rest.endswith(HEALTHY)


def test_a_port_in_use_gets_a_plain_message(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [unknot_command(), "serve", "--port", str(port)],
            env=clean_env(tmp_path), capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert f"try --port {port + 1}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_production_without_allowed_hosts_says_what_is_missing(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["UNKNOT_ALLOWED_HOSTS"]
    result = subprocess.run(
        [unknot_command(), "serve", "--production"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "UNKNOT_ALLOWED_HOSTS" in result.stderr
    assert "Traceback" not in result.stderr
