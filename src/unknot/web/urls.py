"""The web app's URLs: each part of the journey has its own module."""

from __future__ import annotations

from django.urls import include, path

from unknot.web.care import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("unknot.web.care.pwa")),
    path("", include("unknot.web.accounts.urls")),
    path("", include("unknot.web.care.intake.urls")),
    path("", include("unknot.web.care.player.urls")),
    path("", include("unknot.web.care.diary.urls")),
    path("", include("unknot.web.care.techniques.urls")),
    path("", include("unknot.web.practice.urls")),
    path("", include("unknot.web.api.urls")),
    # Static files are answered by WhiteNoise (settings.MIDDLEWARE) in every mode: no CDN, no
    # separate web server needed.
]
