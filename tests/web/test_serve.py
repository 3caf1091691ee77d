"""``unknot serve`` migrates a fresh data folder and answers on its port."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_health(url: str, proc: subprocess.Popen[str], deadline: float) -> dict[str, str]:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"unknot serve exited early:\n{proc.communicate()[0]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                return dict(json.load(response))
        except OSError:
            time.sleep(0.1)
    pytest.fail("unknot serve did not answer /healthz within the deadline")


@pytest.mark.parametrize("production", [False, True], ids=["development", "production"])
def test_unknot_serve_starts_and_answers(tmp_path: Path, production: bool) -> None:
    unknot = shutil.which("unknot", path=str(Path(sys.executable).parent))
    assert unknot is not None
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNKNOT_")}
    env["UNKNOT_HOME"] = str(tmp_path)
    args = [unknot, "serve", "--port", str(port)]
    if production:
        args.append("--production")
        env["UNKNOT_SECRET_KEY"] = secrets.token_urlsafe(50)
        env["UNKNOT_SSL_REDIRECT"] = "0"  # no TLS proxy in front of the test server
    proc = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        health = _wait_for_health(f"http://127.0.0.1:{port}/healthz", proc, time.monotonic() + 30)
        assert health == {"status": "ok", "database": "ok"}
        if "DATABASE_URL" not in env:
            assert (tmp_path / "unknot.sqlite3").exists()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_a_port_in_use_gets_a_plain_message(tmp_path: Path) -> None:
    unknot = shutil.which("unknot", path=str(Path(sys.executable).parent))
    assert unknot is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNKNOT_")}
    env["UNKNOT_HOME"] = str(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [unknot, "serve", "--port", str(port)],
            env=env, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert f"try --port {port + 1}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
