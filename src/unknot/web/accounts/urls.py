from __future__ import annotations

from django.urls import path

from unknot.web.accounts import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("account/", views.account, name="account"),
    path("account/export.json", views.export_json, name="export_json"),
    path("account/export.csv", views.export_csv, name="export_csv"),
    path("account/delete/", views.delete_account, name="delete_account"),
]
