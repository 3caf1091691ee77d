"""The web app's URLs: each part of the journey has its own module."""

from __future__ import annotations

from django.contrib.staticfiles.views import serve as serve_static
from django.urls import include, path, re_path

from unknot.web.care import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("unknot.web.care.pwa")),
    path("", include("unknot.web.accounts.urls")),
    path("", include("unknot.web.care.intake.urls")),
    path("", include("unknot.web.care.player.urls")),
    path("", include("unknot.web.care.diary.urls")),
    # The app serves its own few static files in every mode (no CDN, no separate web server
    # needed); under `runserver` the staticfiles handler answers first.
    re_path(r"^static/(?P<path>.*)$", serve_static, {"insecure": True}),
]
