"""``manage serve``: what ``unknot serve`` runs once Django is set up. Migrate, collect the static
files (production), tidy up, then hand the app to gunicorn (production) or waitress."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.wsgi import get_wsgi_application
from django.db import connections

from unknot.web import housekeeping, server
from unknot.web.settings import env_int


class Command(BaseCommand):
    help = "Serve the unknot web app (use `unknot serve`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=0)

    def handle(self, *args: Any, host: str, port: int, workers: int, **options: Any) -> None:
        problem = server.can_listen(host, port)
        if problem is not None:
            raise CommandError(
                f"cannot listen on {host}:{port} ({problem.strerror or problem}). Another "
                f"program may be using that port: try --port {port + 1}."
            )
        production = bool(settings.PRODUCTION)
        count = workers or env_int("UNKNOT_WORKERS", 0, maximum=128) or server.default_workers()
        call_command("migrate", interactive=False, verbosity=0)
        if production:
            call_command("collectstatic", interactive=False, verbosity=0)
        housekeeping.run()
        application = get_wsgi_application()
        connections.close_all()  # no database connection may be shared with worker processes
        if production:
            self.stdout.write(
                f"unknot is serving on http://{host}:{port}/ (production settings, {count} "
                "workers; put a TLS proxy in front; Ctrl+C to stop)"
            )
            self.stdout.flush()
            proxies = [str(n) for n in settings.TRUSTED_PROXIES]
            server.run_gunicorn(
                application, host=host, port=port, workers=count, trusted_proxies=proxies
            )
        else:
            self.stdout.write(
                f"unknot is serving on http://{host}:{port}/ (on this computer; Ctrl+C to stop)"
            )
            self.stdout.flush()
            server.run_waitress(application, host=host, port=port)
