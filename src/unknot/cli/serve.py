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
            help="Turn the security settings on: HTTPS-only cookies, HSTS, HTTPS redirect "
            "(needs UNKNOT_SECRET_KEY and UNKNOT_ALLOWED_HOSTS).",
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
    import waitress
    from django.core.wsgi import get_wsgi_application

    # waitress in both modes: a real server, quiet, with no development-server warnings.
    try:
        server = waitress.create_server(
            get_wsgi_application(), host=host, port=port, threads=4, ident="unknot"
        )
    except OSError as exc:
        typer.echo(
            f"unknot: cannot listen on {host}:{port} ({exc.strerror or exc}). Another program "
            f"may be using that port: try --port {port + 1}.",
            err=True,
        )
        raise typer.Exit(1) from None
    mode = "production settings" if production else "on this computer"
    typer.echo(f"unknot is serving on http://{host}:{port}/ ({mode}; Ctrl+C to stop)")
    try:
        server.run()
    except KeyboardInterrupt:
        typer.echo("unknot stopped.")
