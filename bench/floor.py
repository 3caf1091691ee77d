"""The floor for ``bench_serve.py``: the least a Django page can cost on this machine.

A minimal Django project (``startproject``'s middleware, no templates) with two views: ``/text``
returns a string and ``/query`` runs one SQLite query. It is written into a folder and served by
gunicorn with the same workers as unknot, so the two are compared under the same server.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SETTINGS = """
from pathlib import Path

BASE = Path(__file__).resolve().parent
SECRET_KEY = "floor-" + "x" * 50
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "floorproject.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE / "floor.sqlite3"}}
USE_TZ = True
"""

URLS = """
from django.db import connection
from django.http import HttpResponse
from django.urls import path


def text(request):
    return HttpResponse("Hello, floor.")


def query(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM floor_item WHERE id = %s", [1])
        (name,) = cursor.fetchone()
    return HttpResponse(f"Hello, {name}.")


urlpatterns = [path("text", text), path("query", query)]
"""

WSGI = """
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "floorproject.settings")
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
"""


def write_floor(folder: Path) -> Path:
    """Write the floor project into ``folder``; the folder to put on ``sys.path``."""
    package = folder / "floorproject"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "settings.py").write_text(SETTINGS)
    (package / "urls.py").write_text(URLS)
    (package / "wsgi.py").write_text(WSGI)
    with sqlite3.connect(package / "floor.sqlite3") as db:
        db.execute("CREATE TABLE IF NOT EXISTS floor_item (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT OR REPLACE INTO floor_item VALUES (1, 'floor')")
    return folder
