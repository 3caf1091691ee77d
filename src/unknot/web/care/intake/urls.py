from __future__ import annotations

from django.urls import path

from unknot.web.care.intake import calendar, views

urlpatterns = [
    path("start/", views.start, name="intake_start"),
    path("start/<slug:step>/", views.step, name="intake_step"),
    path("results/", views.guest_results, name="results"),
    path("plan/", views.plan, name="plan"),
    path("plans/<int:pk>/", views.assessment, name="assessment"),
    path("results/week.ics", calendar.guest_calendar, name="guest_calendar"),
    path("plans/<int:pk>/week.ics", calendar.calendar, name="calendar"),
]
