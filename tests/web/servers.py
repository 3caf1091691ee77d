"""Start the real ``unknot serve`` in a subprocess for a test, and stop it afterwards.

Its data folder is the test's own (``UNKNOT_HOME``), never the user's; ``DATABASE_URL`` is passed
on, so on the PostgreSQL run the server uses the throwaway cluster too. The server's output is
read in a thread (a full pipe would stall it) and kept for failure messages and for the
sign-up links it prints.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def unknot_command() -> str:
    unknot = shutil.which("unknot", path=str(Path(sys.executable).parent))
    assert unknot is not None
    return unknot


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """This process's environment without any UNKNOT_ setting, with ``home`` as the data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNKNOT_")}
    env["UNKNOT_HOME"] = str(home)
    env.update(extra)
    return env


def production_env(home: Path, hosts: str = "127.0.0.1", **extra: str) -> dict[str, str]:
    return clean_env(
        home,
        UNKNOT_SECRET_KEY=secrets.token_urlsafe(50),
        UNKNOT_ALLOWED_HOSTS=hosts,
        **extra,
    )


@dataclass
class Served:
    proc: subprocess.Popen[str]
    url: str
    port: int
    lines: list[str] = field(default_factory=list)

    @property
    def output(self) -> str:
        return "".join(self.lines)


def _read(served: Served) -> None:
    assert served.proc.stdout is not None
    for line in served.proc.stdout:
        served.lines.append(line)


def stop(proc: subprocess.Popen[str], timeout: float) -> None:
    """Ask a server to stop, and make sure it has when ``timeout`` seconds are up."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wait_for_health(served: Served, deadline: float) -> dict[str, str]:
    while time.monotonic() < deadline:
        if served.proc.poll() is not None:
            time.sleep(0.2)  # let the reader take the last lines
            pytest.fail(f"unknot serve exited early:\n{served.output}")
        try:
            with urllib.request.urlopen(f"{served.url}/healthz", timeout=2) as response:
                return dict(json.load(response))
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"unknot serve did not answer /healthz within the deadline:\n{served.output}")


@contextmanager
def unknot_serve(env: dict[str, str], *args: str, timeout: float = 60) -> Iterator[Served]:
    """``unknot serve --port <free> *args`` until the block ends; yields once /healthz answers."""
    port = free_port()
    proc = subprocess.Popen(
        [unknot_command(), "serve", "--port", str(port), *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    served = Served(proc, f"http://127.0.0.1:{port}", port)
    reader = threading.Thread(target=_read, args=(served,), daemon=True)
    reader.start()
    try:
        wait_for_health(served, time.monotonic() + timeout)
        yield served
    finally:
        stop(proc, timeout=20)
        reader.join(timeout=5)
