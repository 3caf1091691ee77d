"""``unknot serve``: apply migrations and serve the web app (Django imported only when run)."""

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
            help="Serve with waitress and the security settings on (needs UNKNOT_SECRET_KEY).",
        ),
    ] = False,
) -> None:
    """Start the web app: SQLite in your data folder by default, PostgreSQL from DATABASE_URL."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "unknot.web.settings"
    if production:
        os.environ["UNKNOT_PRODUCTION"] = "1"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    typer.echo(f"unknot is serving on http://{host}:{port}/  (Ctrl+C to stop)")
    if production:
        import waitress
        from django.core.wsgi import get_wsgi_application

        waitress.serve(get_wsgi_application(), host=host, port=port)
    else:
        call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=False)
