"""The two ways ``unknot serve`` serves the app.

- **Production**: gunicorn, a pre-fork server: one master and ``workers`` processes (from the
  core count), each handling one request at a time, with no shared state between them. A worker
  silent for ``timeout`` seconds (a client that sends its request too slowly, a stuck request)
  is ended and replaced, so slow or half-open connections cannot hold the server for long. It is
  meant to sit behind a TLS proxy that buffers requests (``deploy/Caddyfile``), which is what
  really protects it from slow clients on the open network.
- **On one's own computer**: waitress, a threaded server that runs anywhere Python does, with a
  timeout on idle connections.

Neither writes an access log: addresses in a health app (an id, a password-reset link) are
nobody's business. Errors still go to stderr.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from typing import Any

SLOW_CLIENT_SECONDS = 30


def core_count() -> int:
    """The cores this process may run on (a container's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """Two processes a core, plus one: a worker waiting on the database leaves its core to
    another (gunicorn's own advice)."""
    return 2 * core_count() + 1


def can_listen(host: str, port: int) -> OSError | None:
    """None when ``host:port`` is free to listen on; the error otherwise."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc
    return None


def run_gunicorn(
    application: Callable[..., Any],
    *,
    host: str,
    port: int,
    workers: int,
    trusted_proxies: list[str],
    timeout: int = SLOW_CLIENT_SECONDS,
) -> None:
    from gunicorn.app.base import BaseApplication

    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    options: dict[str, Any] = {
        "bind": [bind],
        "workers": workers,
        "worker_class": "sync",
        "timeout": timeout,
        "graceful_timeout": 20,
        "max_requests": 5000,  # a fresh process now and then, staggered
        "max_requests_jitter": 500,
        "forwarded_allow_ips": ",".join(trusted_proxies),
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "unknot",
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self) -> Callable[..., Any]:
            return application

    Server().run()


def run_waitress(application: Callable[..., Any], *, host: str, port: int) -> None:
    import waitress

    server = waitress.create_server(
        application,
        host=host,
        port=port,
        threads=4,
        ident="unknot",
        channel_timeout=SLOW_CLIENT_SECONDS,
        # The forwarded headers reach the app, which believes them only from a trusted proxy
        # (unknot.web.middleware.TrustedProxyMiddleware), the same way in both servers.
        clear_untrusted_proxy_headers=False,
    )
    server.run()
