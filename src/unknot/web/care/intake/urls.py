from __future__ import annotations

from django.urls import path

from unknot.web.care import handout
from unknot.web.care.intake import calendar, quick, views

urlpatterns = [
    path("start/", views.start, name="intake_start"),
    path("start/<slug:step>/", views.step, name="intake_step"),
    path("results/", views.guest_results, name="results"),
    path("plan/", views.plan, name="plan"),
    path("plans/<int:pk>/", views.assessment, name="assessment"),
    path("results/week.ics", calendar.guest_calendar, name="guest_calendar"),
    path("results/minutes/", quick.guest_minutes, name="guest_minutes"),
    path("plans/<int:pk>/minutes/", quick.minutes, name="minutes"),
    path("plans/<int:pk>/week.ics", calendar.calendar, name="calendar"),
    path("results/handout.pdf", handout.guest_handout, name="guest_handout"),
    path("plans/<int:pk>/handout.pdf", handout.handout, name="handout"),
]
