"""``unknot serve``: prepare the database and static files, then serve the web app. Django and
the servers are imported only when it runs; the work is the web app's ``serve`` command."""

from __future__ import annotations

import os
from typing import Annotated

import typer


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    production: Annotated[
        bool,
        typer.Option(
            "--production",
            help="Turn the security settings on (HTTPS-only cookies, HSTS, HTTPS redirect) and "
            "serve with gunicorn, one process per worker; needs UNKNOT_SECRET_KEY and "
            "UNKNOT_ALLOWED_HOSTS, and a TLS proxy in front (see deploy/).",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            help="Production: worker processes [default: UNKNOT_WORKERS, else 2 per core + 1].",
            min=0,
            max=128,
            show_default=False,
        ),
    ] = 0,
) -> None:
    """Start the web app: SQLite in your data folder by default, PostgreSQL from DATABASE_URL."""
    if production:
        os.environ["UNKNOT_PRODUCTION"] = "1"
    run_django_command("serve", host=host, port=port, workers=workers)
    typer.echo("unknot stopped.")


def run_django_command(name: str, *args: str, **options: object) -> None:
    """Set Django up with unknot's settings and run one of the web app's commands; a setting or
    a command that fails is one plain line on stderr, never a traceback."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "unknot.web.settings"
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        typer.echo(f"unknot: {exc}", err=True)
        raise typer.Exit(2) from None
    try:
        call_command(name, *args, **options)
    except CommandError as exc:
        typer.echo(f"unknot: {exc}", err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        pass
