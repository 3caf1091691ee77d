"""WSGI entry point (gunicorn in production, waitress on a laptop: ``unknot serve``)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unknot.web.settings")

application = get_wsgi_application()
