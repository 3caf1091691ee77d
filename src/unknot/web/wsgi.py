"""WSGI entry point (waitress in production: ``unknot serve --production``)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unknot.web.settings")

application = get_wsgi_application()
