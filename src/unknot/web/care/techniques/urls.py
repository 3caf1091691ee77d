from __future__ import annotations

from django.urls import path

from unknot.web.care.techniques import views

urlpatterns = [
    path("techniques/", views.library, name="techniques"),
    path("techniques/<slug:technique_id>/", views.technique, name="technique"),
    path("techniques/<slug:technique_id>.svg", views.picture, name="technique_picture"),
]
