from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "unknot.web.api"
    label = "api"
    verbose_name = "unknot API"
