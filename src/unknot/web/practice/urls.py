from __future__ import annotations

from django.urls import path

from unknot.web.practice import consent, views

urlpatterns = [
    path("practice/", views.home, name="practice"),
    path("practice/profile/", views.profile, name="practice_profile"),
    path("practice/invite/", views.invite, name="practice_invite"),
    path("practice/clients/<int:pk>/", views.record, name="client_record"),
    path("practice/clients/<int:pk>/program/", views.program, name="client_program"),
    path("practice/clients/<int:pk>/clearance/", views.clearance, name="client_clearance"),
    path(
        "practice/clients/<int:pk>/measures/<slug:measure>/",
        views.measure,
        name="client_measure",
    ),
    path("join/", consent.join, name="practice_join"),
    path("join/<str:code>/", consent.accept, name="practice_accept"),
    path("practitioners/", consent.mine, name="my_practitioners"),
    path("practitioners/<int:pk>/revoke/", consent.revoke, name="revoke_link"),
]
