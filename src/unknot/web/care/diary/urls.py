"""The diary: sessions, check-ins, outcome measures, charts and what they mean."""

from __future__ import annotations

from django.urls import path

from unknot.web.care.diary import views

urlpatterns = [
    path("diary/", views.diary, name="diary"),
    path("diary/check-in/", views.check_in, name="check_in"),
    path("diary/check-ins/<int:pk>/delete/", views.delete_check_in, name="delete_check_in"),
    path("diary/sessions/<int:pk>/", views.session_entry, name="diary_session"),
    path("diary/sessions/<int:pk>/delete/", views.delete_session, name="delete_session"),
    path("diary/measures/<slug:measure>/", views.measure, name="measure"),
    path("diary/results/<int:pk>/", views.measure_result, name="measure_result"),
    path(
        "diary/results/<int:pk>/delete/", views.delete_measure_result, name="delete_measure_result"
    ),
]
