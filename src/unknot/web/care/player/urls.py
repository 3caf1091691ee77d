from __future__ import annotations

from django.urls import path

from unknot.web.care.player import views

urlpatterns = [
    path("results/session/", views.guest_session, name="guest_session"),
    path("results/session/log", views.guest_session_log, name="guest_session_log"),
    path("plans/<int:pk>/session/", views.session, name="session"),
    path("plans/<int:pk>/session/log", views.session_log, name="session_log"),
]
