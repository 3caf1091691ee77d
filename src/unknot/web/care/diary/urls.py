from __future__ import annotations

from django.urls import path

from unknot.web.care.diary import views

urlpatterns = [
    path("diary/", views.diary, name="diary"),
    path("diary/check-in/", views.check_in, name="check_in"),
    path("diary/measures/<slug:measure>/", views.measure, name="measure"),
]
